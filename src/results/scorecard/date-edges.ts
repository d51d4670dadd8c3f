import { DateTime } from 'luxon';
import type { DB } from '../../db/database';
import { cityDayOf, rangeEdges, type DateEdge } from '../filters';
import { isSmall } from '../suppression';
import { answersOnDays, nearestAnswers, type ScoreKey } from './scorecard.queries';

/*
 * Where the scorecard's date range may start and end, so that no two ranges give back 1–4
 * answers of a score by subtraction (issue 9): the survey results page's rule
 * (`survey/date-edges.ts`), per score cell (service × stage × driver, the counts the scorecard
 * hides under 5). An edge — the start of the `from` day, the end of the `to` day, city time — is
 * refused when, for some cell, the nearest city day with answers just before it or just after it
 * has 1–4. Then, per cell, whatever lies between two accepted edges (or between an accepted edge
 * and no end) holds 0 or 5+: its first day with answers is the nearest after the first edge. A
 * quarter's bounds are city midnights too, so a quarter's part of a range that starts or ends at
 * an accepted edge holds 0 or 5+ as well; a whole quarter of 1–4 is hidden by the trend's
 * suppression, and no accepted edge can fall beside it to cut it out.
 *
 * The same counts compared with the range without each end (the rule this replaces) can never
 * be 1–4 once both edges are accepted, so that comparison is not made any more.
 *
 * Three statements per edge: the nearest answer before and after it per cell (GROUP BY with max
 * and min), then each cell's count on its nearest days (one GROUP BY over those days).
 */

/** Why an edge is refused: a cell whose nearest day with answers on one side has 1–4. */
export interface UnsafeEdge {
  /** The city day (YYYY-MM-DD) with 1–4 answers of the cell. */
  day: string;
  side: 'before' | 'after';
  cell: ScoreKey;
}

const cellKey = (c: ScoreKey) => `${c.service}\u0000${c.stage ?? ''}\u0000${c.driver}`;

/** The edges of the date range that sit next to a day with 1–4 answers of some score. */
export async function unsafeScoreEdges(
  db: DB,
  range: { from?: string; to?: string },
  zone: string,
): Promise<Partial<Record<DateEdge, UnsafeEdge>>> {
  const edges = rangeEdges(range, zone);
  const found = await Promise.all(edges.map(([, at]) => unsafeEdge(db, at, zone)));
  const out: Partial<Record<DateEdge, UnsafeEdge>> = {};
  edges.forEach(([edge], i) => {
    if (found[i]) out[edge] = found[i];
  });
  return out;
}

async function unsafeEdge(db: DB, at: string, zone: string): Promise<UnsafeEdge | null> {
  const sides = ['before', 'after'] as const;
  const nearest = await Promise.all(sides.map((side) => nearestAnswers(db, at, side)));
  // Each cell's nearest day on each side, as city days; the days themselves, once each.
  const wanted = sides.flatMap((side, i) =>
    nearest[i].map((c) => ({
      side,
      cell: { service: c.service, stage: c.stage, driver: c.driver },
      ...cityDayOf(c.at, zone),
    })),
  );
  const days = [...new Map(wanted.map((w) => [w.fromUtc, w])).values()];
  const counts = new Map(
    (await answersOnDays(db, days)).map((r) => [`${cellKey(r)}\u0000${r.day}`, r.n]),
  );
  // The closest day to the edge first, so the message names the one to move away from.
  const small = wanted
    .filter((w) => isSmall(counts.get(`${cellKey(w.cell)}\u0000${w.fromUtc}`) ?? 0))
    .sort((a, b) => distance(a, at) - distance(b, at));
  return small.length ? { day: small[0].day, side: small[0].side, cell: small[0].cell } : null;
}

/** How far a day lies from the edge: from its end (before it) or its start (after it). */
const distance = (w: { side: 'before' | 'after'; fromUtc: string; toUtc: string }, at: string) =>
  Math.abs(
    DateTime.fromISO(w.side === 'before' ? w.toUtc : w.fromUtc).toMillis() -
      DateTime.fromISO(at).toMillis(),
  );
