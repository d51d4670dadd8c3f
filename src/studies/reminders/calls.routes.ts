import { Router, type Request } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../../web/forms';
import { CALL_FIELDS, callOutcomeSchema } from './calls.schema';
import { callView } from './calls.view';
import type { ReminderService } from './reminder.service';

export interface CallsRoutesDeps {
  reminders: ReminderService;
  cityTimeZone: string;
}

/** A facilitator sees and records the calls of the sessions they run; organizers see them all. */
const facilitatorOf = (req: Request) => (req.user!.role === 'facilitator' ? req.user!.id : null);

/** "Reminder calls to make" (organizers and facilitators): who to call, and how it went. */
export function callsRoutes(d: CallsRoutesDeps): Router {
  const r = Router();
  const staff = requireRole('organizer', 'facilitator');

  const page: FormPage = async (req, res, { errors }) => {
    const calls = await d.reminders.calls(facilitatorOf(req));
    res.render('studies/reminders/calls', {
      calls: calls.map((c) => callView(c, d.cityTimeZone)),
      // Facilitators cannot open the participants' pages.
      linkPeople: facilitatorOf(req) === null,
      errors: inFieldOrder(errors, CALL_FIELDS),
    });
  };

  r.get('/staff/reminder-calls', ...staff, showForm(page));
  r.post(
    '/staff/reminder-calls',
    ...staff,
    handleForm(callOutcomeSchema, page, async (req, res, input) => {
      await d.reminders.recordCall(
        input.reminderId,
        input.outcome,
        req.user!.id,
        facilitatorOf(req),
      );
      flash(
        req,
        'success',
        input.outcome === 'called' ? 'Call recorded.' : 'Recorded: could not reach them.',
      );
      res.redirect(303, '/staff/reminder-calls');
    }),
  );
  return r;
}
