import { Router, type Request } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import { formatCityTime } from '../city-time';
import type { SessionService } from '../sessions/session.service';
import { sessionSummary } from '../sessions/session.view';
import type { StudiesService } from '../studies.service';
import { STUDY_STATUS_LABELS } from '../study.rules';
import { REMINDER_DAYS } from '../invitations/invitations.schema';
import type { InvitationService } from '../invitations/invitations.service';
import { countRows } from '../invitations/invitations.view';
import { listQuerySchema, statusSchema, studySchema } from './study.schema';
import { newStudyValues, statusFilter, studyFacts, studyOptions, studyValues } from './study.view';

export interface StudyRoutesDeps {
  studies: StudiesService;
  sessions: SessionService;
  invitations: InvitationService;
  ref: ReferenceData;
  cityTimeZone: string;
}

const idOf = (req: Request) => idFrom(req.params.id);

/** Organizers' study pages: the list, new, the study with its sessions, edit, status. */
export function studyRoutes(d: StudyRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const schema = studySchema(d.ref);

  r.get('/staff/studies', ...organizer, async (req, res) => {
    const { status } = listQuerySchema.parse(req.query);
    const { rows, counts } = await d.studies.list(status);
    res.render('studies/list', {
      rows: rows.map((s) => ({
        ...s,
        statusLabel: STUDY_STATUS_LABELS[s.status],
        sessions: Number(s.sessions),
        next: s.next_session ? formatCityTime(s.next_session, d.cityTimeZone) : null,
      })),
      filter: statusFilter(status, counts),
      status,
    });
  });

  const formPage =
    (mode: 'new' | 'edit'): FormPage =>
    async (req, res, { values, errors }) => {
      const found = mode === 'edit' ? await d.studies.get(idOf(req)) : null;
      res.render('studies/form', {
        study: found?.study ?? null,
        values:
          values ?? (found ? studyValues(found.study, found.lists) : newStudyValues(req.user!.id)),
        errors,
        opts: studyOptions(d.ref, await d.studies.activeStaff()),
      });
    };

  r.get('/staff/studies/new', ...organizer, showForm(formPage('new')));
  r.post(
    '/staff/studies/new',
    ...organizer,
    handleForm(schema, formPage('new'), async (req, res, input) => {
      const id = await d.studies.create(input, req.user!.id);
      flash(req, 'success', 'Study created as a draft.');
      res.redirect(303, `/staff/studies/${id}`);
    }),
  );

  const showPage = studyPage(d);

  r.get('/staff/studies/:id', ...organizer, showForm(showPage));
  r.get('/staff/studies/:id/edit', ...organizer, showForm(formPage('edit')));
  r.post(
    '/staff/studies/:id/edit',
    ...organizer,
    handleForm(schema, formPage('edit'), async (req, res, input) => {
      await d.studies.update(idOf(req), input, req.user!.id);
      flash(req, 'success', 'Changes saved.');
      res.redirect(303, `/staff/studies/${idOf(req)}`);
    }),
  );

  r.post(
    '/staff/studies/:id/status',
    ...organizer,
    handleForm(statusSchema, showPage, async (req, res, { status }) => {
      await d.studies.move(idOf(req), status, req.user!.id);
      flash(req, 'success', `The study is now ${STUDY_STATUS_LABELS[status].toLowerCase()}.`);
      res.redirect(303, `/staff/studies/${idOf(req)}`);
    }),
  );

  return r;
}

/**
 * The study page: facts, sessions, invitations (figures, the reminder form, the call list) and
 * the status buttons. The status and reminder forms sit on it: their problems come back to it.
 */
export function studyPage(d: StudyRoutesDeps): FormPage {
  return async (req, res, { values, errors }) => {
    const { study, lists } = await d.studies.get(idOf(req));
    const names = await d.studies.staffNames();
    const sessions = await d.sessions.ofStudy(study.id);
    const typed = typeof values?.days === 'string' ? values.days : String(REMINDER_DAYS.default);
    const days =
      /^\d{1,2}$/.test(typed) &&
      Number(typed) >= REMINDER_DAYS.min &&
      Number(typed) <= REMINDER_DAYS.max
        ? Number(typed)
        : REMINDER_DAYS.default;
    const counts = await d.invitations.counts(study.id);
    res.render('studies/show', {
      study,
      facts: studyFacts(study, lists, d.ref, names),
      sessions: sessions.map((s) => sessionSummary(s, d.ref, names, d.cityTimeZone)),
      invitations: {
        counts,
        rows: countRows(counts),
        reminder: { days, typed, due: (await d.invitations.dueForReminder(study.id, days)).length },
      },
      errors,
    });
  };
}
