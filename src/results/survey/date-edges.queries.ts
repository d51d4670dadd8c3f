import type { DB } from '../../db/database';
import type { ResolvedFilter } from '../filters';
import { whereResponses } from '../filters.queries';

/*
 * What the date-range rule (`date-edges.ts`) reads: the submitted response nearest to an instant
 * on one side, and how many were submitted between two instants, under the other filters.
 */

/** The submission time of the filter's latest response before `at`, or its earliest from `at`. */
export async function nearestSubmitted(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  at: string,
  side: 'before' | 'after',
): Promise<string | null> {
  const q = whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter);
  const row = await (
    side === 'before'
      ? q.where('r.submitted_at', '<', at).select((eb) => eb.fn.max('r.submitted_at').as('t'))
      : q.where('r.submitted_at', '>=', at).select((eb) => eb.fn.min('r.submitted_at').as('t'))
  ).executeTakeFirst();
  return (row?.t as string | null | undefined) ?? null;
}

/** Completed responses of the filter submitted in [fromUtc, toUtc). */
export async function completedBetween(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  fromUtc: string,
  toUtc: string,
): Promise<number> {
  const row = await whereResponses(db.selectFrom('survey_responses as r'), surveyId, {
    ...filter,
    fromUtc,
    toUtc,
  })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
