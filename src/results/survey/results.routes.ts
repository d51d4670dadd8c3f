import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { DB } from '../../db/database';
import { NotFoundError } from '../../errors';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { pageOf, pageParam } from '../../web/pagination';
import { idFrom } from '../../web/params';
import { filterParams, resolveFilter, type ResultsFilter } from '../filters';
import { isFreeText } from './figures';
import { filterFields, readQuery, typedFormQuery } from './filter-form';
import {
  pageOfTextAnswers,
  countTextAnswers,
  studiesList,
  surveysWithCounts,
} from './results.queries';
import { SurveyResultsService } from './results.service';
import { resultsPage } from './results.page';

export const TEXT_PAGE_SIZE = 25;
const search = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().slice(0, 200) : ''),
  z.string(),
);

/**
 * The results index and a survey's results (analysts, organizers, admins): figures, charts and
 * tables for a filter and a breakdown, and the free-text answers with a search. GET only.
 */
export function surveyResultsRoutes(d: { db: DB; ref: ReferenceData; cityTimeZone: string }) {
  const r = Router();
  const readers = requireRole('analyst', 'organizer');
  const service = new SurveyResultsService(d);

  r.get('/staff/results', ...readers, async (_req, res) => {
    const [surveys, studies] = await Promise.all([surveysWithCounts(d.db), studiesList(d.db)]);
    res.render('results/index', { surveys, studies });
  });

  r.get('/staff/results/surveys/:id', ...readers, async (req, res) => {
    const survey = await service.survey(idFrom(req.params.id));
    const form = await filterFields(d, survey, req.query);
    const { filter, breakdown, errors } = readQuery(req.query);
    if (!filter || Object.keys(errors).length)
      return render(res, 400, resultsPage({ survey, form, errors }));
    const outcome = await service.results(survey, filter, breakdown);
    if (!outcome.ok) return render(res, 400, resultsPage({ survey, form, errors: outcome.errors }));
    render(res, 200, resultsPage({ survey, form, errors: {}, filter, breakdown, ...outcome }));
  });

  r.get('/staff/results/surveys/:id/text/:code', ...readers, async (req: Request, res) => {
    const survey = await service.survey(idFrom(req.params.id));
    const question = (await service.questions(survey.id)).find((q) => q.code === req.params.code);
    if (!question || !isFreeText(question.type)) throw new NotFoundError();
    const { filter, errors } = readQuery(req.query);
    const leaks = filter ? await service.leaks(survey.id, filter) : {};
    if (!filter || Object.keys(errors).length || Object.keys(leaks).length)
      // This page has no filter fields: the summary links to them on the results page, where the
      // same filters as typed are refused beside their fields.
      return render(res, 400, [
        'results/survey/text',
        {
          survey,
          question,
          errors: { ...errors, ...leaks },
          errorHref: `/staff/results/surveys/${survey.id}${typedFormQuery(req.query)}`,
        },
      ]);
    const q = search.parse(req.query.q);
    const resolved = resolveFilter(filter, d.cityTimeZone);
    const total = await countTextAnswers(d.db, survey.id, resolved, question.code, q);
    const href = pageHref(`/staff/results/surveys/${survey.id}/text/${question.code}`, filter, q);
    const pagination = pageOf(pageParam.parse(req.query.page), TEXT_PAGE_SIZE, total, href);
    const answers = await pageOfTextAnswers(d.db, survey.id, resolved, question.code, q, {
      limit: TEXT_PAGE_SIZE,
      offset: (pagination.page - 1) * TEXT_PAGE_SIZE,
    });
    render(res, 200, [
      'results/survey/text',
      { survey, question, q, filter, answers, pagination, errors: {} },
    ]);
  });

  return r;
}

/** A page of the free-text answers, with the filter and the search. */
function pageHref(base: string, filter: ResultsFilter, q: string) {
  return (page: number) => {
    const pairs: [string, string][] = [...filterParams(filter), ...(q ? [['q', q]] : [])] as [
      string,
      string,
    ][];
    return `${base}?${new URLSearchParams([...pairs, ['page', String(page)]]).toString()}`;
  };
}

function render(res: Response, status: number, [view, locals]: [string, object]) {
  res.status(status).render(view, locals);
}
