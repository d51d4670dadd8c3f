import type { SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/database';
import type { Database } from '../db/schema';
import type { ResolvedFilter } from './filters';

/** A query over `survey_responses as r` (joined with anything else). */
type ResponsesQuery<O> = SelectQueryBuilder<
  Database & { r: Database['survey_responses'] },
  'r' | any,
  O
>;

/**
 * Narrows a query over `survey_responses as r` to one survey and the filter: the one place the
 * filters become SQL, so the results pages, the summary and every export agree. `submitted`
 * (the default) keeps completed responses only; 'all' keeps those in progress too.
 */
export function whereResponses<O>(
  qb: ResponsesQuery<O>,
  surveyId: number,
  filter: ResolvedFilter,
  which: 'submitted' | 'all' = 'submitted',
): ResponsesQuery<O> {
  let q = qb.where('r.survey_id', '=', surveyId);
  if (which === 'submitted') q = q.where('r.status', '=', 'submitted');
  if (filter.version !== undefined) q = q.where('r.version_id', '=', filter.version);
  if (filter.language !== undefined) q = q.where('r.language', '=', filter.language);
  if (filter.district !== undefined) q = q.where('r.council_district', '=', filter.district);
  if (filter.myla311Use !== undefined) q = q.where('r.myla311_use', '=', filter.myla311Use);
  if (filter.study !== undefined) q = q.where('r.study_id', '=', filter.study);
  if (filter.session !== undefined) q = q.where('r.session_id', '=', filter.session);
  if (filter.channel !== undefined) q = q.where('r.channel', '=', filter.channel);
  // Submitted responses are filtered by their submission time; responses in progress by their start.
  const at = which === 'submitted' ? 'r.submitted_at' : 'r.started_at';
  if (filter.fromUtc !== undefined) q = q.where(at, '>=', filter.fromUtc);
  if (filter.toUtc !== undefined) q = q.where(at, '<', filter.toUtc);
  return q;
}

/** The ids of a survey's responses that pass the filter, as a subquery (`where(id, 'in', …)`). */
export function filteredResponseIds(db: DB, surveyId: number, filter: ResolvedFilter) {
  return whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter).select('r.id');
}
