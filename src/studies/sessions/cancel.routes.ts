import { Router, type Request } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, inFieldOrder, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import { formatCityTime } from '../city-time';
import type { StudiesService } from '../studies.service';
import { CANCEL_FIELDS, cancelSessionSchema } from './cancel.schema';
import type { SessionCancellation } from './cancel.service';
import type { SessionService } from './session.service';

export interface CancelRoutesDeps {
  studies: StudiesService;
  sessions: SessionService;
  cancellation: SessionCancellation;
  cityTimeZone: string;
}

const studyIdOf = (req: Request) => idFrom(req.params.id);
const sessionIdOf = (req: Request) => idFrom(req.params.sessionId);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "Cancel this session" (organizers): a confirmation page with an optional note, then the cancellation. */
export function cancelRoutes(d: CancelRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const path = '/staff/studies/:id/sessions/:sessionId/cancel';

  const page: FormPage = async (req, res, { values, errors }) => {
    const { study } = await d.studies.get(studyIdOf(req));
    const { session } = await d.sessions.get(study.id, sessionIdOf(req));
    res.render('studies/sessions/cancel', {
      study,
      session: { id: session.id, starts: formatCityTime(session.starts_at, d.cityTimeZone) },
      refusal: await d.cancellation.refusal(study.id, session.id),
      who: await d.cancellation.preview(session.id),
      values: values ?? {},
      errors: inFieldOrder(errors, CANCEL_FIELDS),
    });
  };

  r.get(path, ...organizer, showForm(page));
  r.post(
    path,
    ...organizer,
    handleForm(cancelSessionSchema, page, async (req, res, input) => {
      const done = await d.cancellation.cancel(
        studyIdOf(req),
        sessionIdOf(req),
        input.note,
        req.user!.id,
      );
      const calls = done.toCall
        ? ` ${plural(done.toCall, 'person is', 'people are')} on the reminder calls list, to be told by phone.`
        : '';
      flash(
        req,
        'success',
        `Session cancelled. ${plural(done.emailed, 'person was', 'people were')} told by email.${calls}`,
      );
      res.redirect(303, `/staff/studies/${studyIdOf(req)}/sessions/${sessionIdOf(req)}`);
    }),
  );
  return r;
}
