import type { DB } from '../../db/database';
import {
  cityDayOf,
  rangeEdges,
  resolveFilter,
  type DateEdge,
  type ResultsFilter,
} from '../filters';
import { isSmall } from '../suppression';
import { completedBetween, nearestSubmitted } from './date-edges.queries';

/*
 * Where a date range may start and end, so that no two ranges give back 1–4 people by
 * subtraction (issue 9). Two ranges that differ by one day (to=03-10, to=03-11) differ by that
 * day's responses; if the day between had none, by the next day's. So an edge of a range — the
 * start of its `from` day, the end of its `to` day, city time — is refused when the nearest day
 * with responses just before it or just after it has 1–4 (under the other filters). Then whatever
 * lies between two accepted edges has no responses or at least 5 (its first day with any is the
 * nearest day after an accepted edge), so no comparison of accepted ranges reveals fewer than 5.
 */

/** The edges of the filter's date range that sit next to a day with 1–4 responses. */
export async function unsafeDateEdges(
  db: DB,
  surveyId: number,
  filter: ResultsFilter,
  zone: string,
): Promise<DateEdge[]> {
  const { from, to, ...others } = filter;
  if (!from && !to) return [];
  const rest = resolveFilter(others, zone);
  const unsafe: DateEdge[] = [];
  for (const [edge, at] of rangeEdges({ from, to }, zone))
    for (const side of ['before', 'after'] as const) {
      const nearest = await nearestSubmitted(db, surveyId, rest, at, side);
      if (nearest === null) continue;
      const { fromUtc, toUtc } = cityDayOf(nearest, zone);
      if (isSmall(await completedBetween(db, surveyId, rest, fromUtc, toUtc))) {
        unsafe.push(edge);
        break;
      }
    }
  return unsafe;
}
