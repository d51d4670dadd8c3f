import { Router, type Request } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import { rosterName } from '../registration/registration.view';
import type { StudiesService } from '../studies.service';
import {
  callOutcomeValidator,
  phoneRegisterValidator,
  reminderSchema,
  sendValidator,
  CALL_OUTCOME_LABELS,
} from './invitations.schema';
import type { InvitationService } from './invitations.service';
import { sentSummary } from './invitation.rules';
import { callListView } from './invitations.view';

export interface InvitationRoutesDeps {
  studies: StudiesService;
  invitations: InvitationService;
  /** The sample builder page: a refused send comes back to it, drawn again. */
  samplePage: FormPage;
  /** The study page, where the reminder form is. */
  studyPage: FormPage;
  ref: ReferenceData;
  cityTimeZone: string;
}

const studyIdOf = (req: Request) => idFrom(req.params.id);
const invitationIdOf = (req: Request) => String(idFrom(req.params.invitationId));

/**
 * Organizers send a previewed draw, send reminders, and work through the study's call list
 * (record a call, register someone while on the phone).
 */
export function invitationRoutes(d: InvitationRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const study = (req: Request) => `/staff/studies/${studyIdOf(req)}`;
  const callList = (req: Request) => `${study(req)}/call-list`;

  r.post(
    '/staff/studies/:id/invitations',
    ...organizer,
    handleForm(sendValidator, d.samplePage, async (req, res, { query, fingerprint }) => {
      const sent = await d.invitations.send(
        studyIdOf(req),
        query,
        fingerprint,
        req.user!.id,
        res.locals.city.service311,
      );
      if (sent.repeated)
        flash(req, 'info', 'These invitations were already sent: nothing more was sent.');
      else flash(req, 'success', sentSummary(sent.byEmail, sent.byPhone, sent.alreadyInvited));
      res.redirect(303, `${study(req)}#invitations`);
    }),
  );

  r.post(
    '/staff/studies/:id/invitations/reminders',
    ...organizer,
    handleForm(reminderSchema, d.studyPage, async (req, res, { days }) => {
      const sent = await d.invitations.remind(studyIdOf(req), days, req.user!.id);
      flash(
        req,
        'success',
        sent
          ? `Reminder sent to ${sent} ${sent === 1 ? 'person' : 'people'} who had not answered for ${days} days.`
          : `No one to remind: every email invitation was answered or sent less than ${days} days ago.`,
      );
      res.redirect(303, `${study(req)}#invitations`);
    }),
  );

  const callListPage: FormPage = async (req, res, { values, errors }) => {
    const { study: s } = await d.studies.get(studyIdOf(req));
    const view = await callListView(d.invitations, s, d.ref, d.cityTimeZone);
    res.render('studies/invitations/call-list', {
      study: s,
      ...view,
      errors,
      values: values ?? {},
    });
  };

  r.get('/staff/studies/:id/call-list', ...organizer, showForm(callListPage));

  r.post(
    '/staff/studies/:id/call-list/:invitationId/outcome',
    ...organizer,
    handleForm(
      (body, req) => callOutcomeValidator(body, invitationIdOf(req)),
      callListPage,
      async (req, res, { outcome }) => {
        const id = Number(invitationIdOf(req));
        await d.invitations.recordCall(studyIdOf(req), id, outcome, req.user!.id);
        flash(req, 'success', `Call recorded: ${CALL_OUTCOME_LABELS[outcome].toLowerCase()}.`);
        res.redirect(303, callList(req));
      },
    ),
  );

  r.post(
    '/staff/studies/:id/call-list/:invitationId/register',
    ...organizer,
    handleForm(
      (body, req) => phoneRegisterValidator(body, invitationIdOf(req)),
      callListPage,
      async (req, res, input) => {
        const id = Number(invitationIdOf(req));
        const { registration, existing, person } = await d.invitations.registerByPhone(
          studyIdOf(req),
          id,
          input,
          req.user!.id,
        );
        const name = rosterName(person);
        flash(
          req,
          existing ? 'info' : 'success',
          existing
            ? `${name} was already registered for that session (${registration.status}).`
            : registration.status === 'confirmed'
              ? `${name} has a confirmed seat.`
              : `That session is full: ${name} is on its waitlist.`,
        );
        res.redirect(303, callList(req));
      },
    ),
  );

  return r;
}
