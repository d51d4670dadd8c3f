import { Router, type Request, type Response } from 'express';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { handleForm, type FormPage, type FormResult } from '../../web/forms';
import { filterParams, parseFilter } from '../filters';
import type { ScorecardFilter, ScorecardService } from './scorecard.service';
import { scorecardView } from './scorecard.view';

/** Only the date range applies to the scorecard (it spans every survey and study). */
function readRange(query: unknown): FormResult<ScorecardFilter> {
  const q = (query ?? {}) as Record<string, unknown>;
  const parsed = parseFilter({ from: q.from, to: q.to });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { from, to } = parsed.filter;
  return { ok: true, data: { ...(from ? { from } : {}), ...(to ? { to } : {}) } };
}

const downloadHref = (filter: ScorecardFilter) => {
  const query = new URLSearchParams(filterParams(filter)).toString();
  return `/staff/results/export/scorecard.csv${query ? `?${query}` : ''}`;
};

/** `/staff/results/scorecard` (analysts, organizers, admins), filtered by a date range (GET). */
export function scorecardRoutes(d: { scorecard: ScorecardService; ref: ReferenceData }): Router {
  const r = Router();

  const render = (
    res: Response,
    values: Record<string, unknown>,
    errors = {},
    view = null as unknown,
  ) => res.render('results/scorecard/scorecard', { values, errors, scorecard: view });

  // A refused range: the form again with its messages and what was typed, no figures.
  const page: FormPage = (_req, res, { values, errors }) => render(res, values ?? {}, errors);

  r.get(
    '/staff/results/scorecard',
    ...requireRole('analyst', 'organizer'),
    handleForm(readRange, page, async (_req: Request, res, filter) => {
      const scorecard = await d.scorecard.scorecard(filter);
      render(
        res,
        filter,
        {},
        { ...scorecardView(scorecard, d.ref), download: downloadHref(filter) },
      );
    }),
  );
  return r;
}
