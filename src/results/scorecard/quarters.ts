import { DateTime } from 'luxon';

/*
 * Quarters of the city's calendar as UTC instants (pure). The scorecard's trend groups answers
 * and notes by the city-time quarter of their time; the database compares ISO UTC text with
 * these boundaries, so the grouping is right across daylight-saving changes and runs on any
 * database (no date functions in SQL).
 */

export interface Quarter {
  /** "2026-Q1" */
  label: string;
  /** The first instant of the quarter, UTC ISO text (inclusive). */
  fromUtc: string;
  /** The first instant of the next quarter (exclusive). */
  toUtc: string;
}

/** The city-time quarter an instant falls in. */
export function quarterOf(utc: string, zone: string): Quarter {
  const t = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  const start = t.startOf('quarter');
  return {
    label: `${start.year}-Q${start.quarter}`,
    fromUtc: start.toUTC().toISO()!,
    toUtc: start.plus({ months: 3 }).toUTC().toISO()!,
  };
}

/** Every quarter from the one holding `firstUtc` to the one holding `lastUtc`, in order. */
export function quartersBetween(firstUtc: string, lastUtc: string, zone: string): Quarter[] {
  const out: Quarter[] = [];
  const last = quarterOf(lastUtc, zone).label;
  let q = quarterOf(firstUtc, zone);
  // Bounded: a century of quarters is far more than any panel's data spans.
  while (out.length < 400) {
    out.push(q);
    if (q.label === last) break;
    q = quarterOf(q.toUtc, zone);
  }
  return out;
}
