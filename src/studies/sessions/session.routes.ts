import { Router, type Request } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import { formatCityTime } from '../city-time';
import { REGISTRATION_FIELDS } from '../registration/registration.schema';
import type { RegistrationService } from '../registration/registration.service';
import { rosterView } from '../registration/registration.view';
import { isFrozen } from '../study.rules';
import type { StudiesService } from '../studies.service';
import { sessionValidator, type SessionInput } from './session.schema';
import type { SessionService } from './session.service';
import { newSessionValues, sessionOptions, sessionSummary, sessionValues } from './session.view';

export interface SessionRoutesDeps {
  studies: StudiesService;
  sessions: SessionService;
  registrations: RegistrationService;
  ref: ReferenceData;
  cityTimeZone: string;
}

const studyIdOf = (req: Request) => idFrom(req.params.id);
const sessionIdOf = (req: Request) => idFrom(req.params.sessionId);

/**
 * The session page: its facts, who is registered and waiting, and the phone registration and
 * cancel forms (their problems come back to this page).
 */
export function sessionPage(d: SessionRoutesDeps): FormPage {
  return async (req, res, { values, errors }) => {
    const { study } = await d.studies.get(studyIdOf(req));
    const { session, interpretation } = await d.sessions.get(study.id, sessionIdOf(req));
    const names = await d.studies.staffNames();
    res.render('studies/sessions/show', {
      study,
      frozen: isFrozen(study.status),
      session: sessionSummary({ ...session, interpretation }, d.ref, names, d.cityTimeZone),
      roster: rosterView(await d.registrations.roster(session.id), d.ref, d.cityTimeZone),
      values: values ?? {},
      errors: inFieldOrder(errors, REGISTRATION_FIELDS),
    });
  };
}

/** Organizers' session pages under a study: add, the session, edit. */
export function sessionRoutes(d: SessionRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const zone = d.cityTimeZone;
  const validator = sessionValidator(d.ref, zone);

  const formPage =
    (mode: 'new' | 'edit'): FormPage =>
    async (req, res, { values, errors }) => {
      const { study, lists } = await d.studies.get(studyIdOf(req));
      const found = mode === 'edit' ? await d.sessions.get(study.id, sessionIdOf(req)) : null;
      res.render('studies/sessions/form', {
        study,
        session: found?.session ?? null,
        values:
          values ??
          (found
            ? sessionValues(found.session, found.interpretation, zone)
            : newSessionValues(study)),
        errors,
        opts: sessionOptions(d.ref, lists, await d.studies.staffNames()),
        zone,
      });
    };

  /** The flash after saving: the start as stored, and which 1:30 it is on a fall-back night. */
  const saved = (req: Request, verb: string, input: SessionInput) => {
    const when = formatCityTime(input.startsAt, zone);
    const which = input.ambiguousStart
      ? ' That time happens twice the night the clocks go back: the first one was taken.'
      : '';
    flash(req, 'success', `Session ${verb} for ${when}.${which}`);
  };

  r.get('/staff/studies/:id/sessions/new', ...organizer, showForm(formPage('new')));
  r.post(
    '/staff/studies/:id/sessions/new',
    ...organizer,
    handleForm(validator, formPage('new'), async (req, res, input) => {
      const id = await d.sessions.create(studyIdOf(req), input, req.user!.id);
      saved(req, 'added', input);
      res.redirect(303, `/staff/studies/${studyIdOf(req)}/sessions/${id}`);
    }),
  );

  r.get('/staff/studies/:id/sessions/:sessionId', ...organizer, showForm(sessionPage(d)));

  r.get('/staff/studies/:id/sessions/:sessionId/edit', ...organizer, showForm(formPage('edit')));
  r.post(
    '/staff/studies/:id/sessions/:sessionId/edit',
    ...organizer,
    handleForm(validator, formPage('edit'), async (req, res, input) => {
      await d.sessions.update(studyIdOf(req), sessionIdOf(req), input, req.user!.id);
      saved(req, 'saved', input);
      res.redirect(303, `/staff/studies/${studyIdOf(req)}/sessions/${sessionIdOf(req)}`);
    }),
  );

  return r;
}
