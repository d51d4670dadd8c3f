import { Router, type Request } from 'express';
import { ValidationError } from '../../errors';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import type { SessionService } from '../sessions/session.service';
import type { StudiesService } from '../studies.service';
import { isFrozen } from '../study.rules';
import { cancelSchema, phoneRegistrationSchema } from './registration.schema';
import type { RegistrationService } from './registration.service';
import { rosterName } from './registration.view';

export interface RegistrationRoutesDeps {
  studies: StudiesService;
  sessions: SessionService;
  registrations: RegistrationService;
  /** The session page, where these forms are and their problems are shown. */
  sessionPage: FormPage;
}

const studyIdOf = (req: Request) => idFrom(req.params.id);
const sessionIdOf = (req: Request) => idFrom(req.params.sessionId);

/** Organizers register people by phone and cancel registrations, on the session page. */
export function registrationRoutes(d: RegistrationRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');

  /** The session of this study, in a study that may still change. */
  const sessionOf = async (req: Request, field: string) => {
    const { study } = await d.studies.get(studyIdOf(req));
    const { session } = await d.sessions.get(study.id, sessionIdOf(req));
    if (isFrozen(study.status))
      throw new ValidationError({
        [field]: 'This study is archived: its registrations can no longer change',
      });
    return session;
  };
  const back = (req: Request) => `/staff/studies/${studyIdOf(req)}/sessions/${sessionIdOf(req)}`;

  r.post(
    '/staff/studies/:id/sessions/:sessionId/registrations',
    ...organizer,
    handleForm(phoneRegistrationSchema, d.sessionPage, async (req, res, input) => {
      const session = await sessionOf(req, 'participant');
      const person = await d.registrations.findPerson(input.participant);
      const { registration, existing } = await d.registrations.register(session.id, person.id, {
        channel: 'phone',
        accommodations: input.accommodations,
        staffId: req.user!.id,
      });
      const name = rosterName(person);
      flash(
        req,
        existing ? 'info' : 'success',
        existing
          ? `${name} is already registered for this session (${registration.status}).`
          : registration.status === 'confirmed'
            ? `${name} has a confirmed seat.`
            : `The session is full: ${name} is on the waitlist.`,
      );
      res.redirect(303, back(req));
    }),
  );

  r.post(
    '/staff/studies/:id/sessions/:sessionId/registrations/cancel',
    ...organizer,
    handleForm(cancelSchema, d.sessionPage, async (req, res, input) => {
      const session = await sessionOf(req, 'registrationId');
      const { cancelled, promoted } = await d.registrations.cancel(
        session.id,
        input.registrationId,
        req.user!.id,
      );
      const late = cancelled.late_cancellation ? ' It is recorded as a late cancellation.' : '';
      const next = promoted ? ' The first person on the waitlist now has the seat.' : '';
      flash(req, 'success', `Registration cancelled.${late}${next}`);
      res.redirect(303, back(req));
    }),
  );

  return r;
}
