import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { DB } from '../../db/database';
import { screenerQuestions } from '../../participants/pool/pool.queries';
import { parsePoolQuery, poolQuerySchema } from '../../participants/pool/pool.schema';
import {
  activeFilters,
  poolOptions,
  screenerAnswerOptions,
} from '../../participants/pool/pool.view';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, str, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import { MAX_QUERY, parseQueryString, readAudience } from './audience';
import { studyChoices } from './distribute.queries';
import { sendSummary, sendView, surveyCallListView } from './distribute.view';
import { SEND_FIELD, type SurveySender } from './send.service';

export interface DistributeRoutesDeps {
  db: DB;
  ref: ReferenceData;
  sender: SurveySender;
  cityTimeZone: string;
}

/** The send form's query: the GET form's, or the one "Send" carries in its hidden field. */
function sendQuery(req: Request): Record<string, unknown> {
  if (req.method !== 'POST') return req.query as Record<string, unknown>;
  return parseQueryString(str((req.body as Record<string, unknown> | undefined)?.query));
}

/**
 * Sending a survey's personal links (organizers): the audience form and its preview (a GET
 * form, so a preview is a URL), "Send" (a POST carrying the previewed query), and the survey's
 * printable call list of those without email.
 */
export function distributeRoutes(d: DistributeRoutesDeps): Router {
  const r = Router();
  const organizer = requireRole('organizer');
  const schema = poolQuerySchema(d.ref);
  const surveyIdOf = (req: Request) => idFrom(req.params.id);

  /** The studies a survey can go to, loaded before the form is checked (a study id must name one). */
  const loadStudies: RequestHandler = async (_req, res, next) => {
    res.locals.studyChoices = await studyChoices(d.db);
    next();
  };
  const check = (query: unknown, res: Response) => {
    const ids = new Set((res.locals.studyChoices as { id: number }[]).map((s) => s.id));
    return readAudience((query ?? {}) as Record<string, unknown>, schema, d.cityTimeZone, (id) =>
      ids.has(id),
    );
  };

  const page: FormPage = async (req, res, { errors }) => {
    const survey = await d.sender.survey(surveyIdOf(req));
    const query = sendQuery(req);
    const form = check(query, res);
    const previewed = query.preview === '1' || req.method === 'POST';
    const preview =
      previewed && form.ok && !Object.keys(errors).length
        ? await d.sender.preview(survey.id, form.data)
        : null;
    const filter = parsePoolQuery(schema, query);
    res.render('surveys/distribute/send', {
      ...sendView({
        survey,
        study: await d.sender.study(survey.study_id),
        query,
        studies: res.locals.studyChoices,
        preview,
        counts: await d.sender.counts(survey.id),
        ref: d.ref,
      }),
      filter,
      activeFilters: activeFilters(filter),
      options: {
        ...poolOptions(res.locals.t, d.ref),
        screenerAnswers: screenerAnswerOptions(await screenerQuestions(d.db)),
      },
      errors,
    });
  };

  const previewed = handleForm(
    (query, _req, res) => check(query, res),
    page,
    (req, res) => page(req, res, { errors: {} }),
  );

  // With preview=1 the form was submitted (checked, then previewed); without, the empty form.
  r.get('/staff/surveys/:id/send', ...organizer, loadStudies, (req, res, next) =>
    (req.query.preview === '1' ? previewed : showForm(page))(req, res, next),
  );

  r.post(
    '/staff/surveys/:id/send',
    ...organizer,
    loadStudies,
    handleForm(
      (body, _req, res) => {
        const q = (body as Record<string, unknown> | undefined)?.query;
        if (typeof q !== 'string' || q.length > MAX_QUERY)
          return {
            ok: false as const,
            errors: { [SEND_FIELD]: 'This preview cannot be sent: preview the audience again' },
          };
        const form = check(parseQueryString(q), res);
        return form.ok
          ? form
          : { ok: false as const, errors: { [SEND_FIELD]: Object.values(form.errors)[0] } };
      },
      page,
      async (req, res, audience) => {
        const sent = await d.sender.send(surveyIdOf(req), audience, req.user!.id);
        flash(req, 'success', sendSummary(sent));
        res.redirect(303, `/staff/surveys/${surveyIdOf(req)}/send#sent`);
      },
    ),
  );

  r.get('/staff/surveys/:id/send/call-list', ...organizer, async (req, res) => {
    const survey = await d.sender.survey(surveyIdOf(req));
    const people = await d.sender.callList(survey.id);
    res.render('surveys/distribute/call-list', {
      survey,
      people: surveyCallListView(survey.id, people, d.cityTimeZone),
    });
  });

  return r;
}
