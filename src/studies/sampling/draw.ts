import crypto from 'node:crypto';
import querystring from 'node:querystring';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { parsePoolQuery, poolCriteria, poolQuerySchema } from '../../participants/pool/pool.schema';
import type { ReferenceData } from '../../reference/reference.queries';
import type { FormResult } from '../../web/forms';
import { drawSample, overRecruitRate, quotaValues, type DrawResult } from './quota-draw';
import { sampleValidator, type SampleInput } from './sample.schema';
import { outcomeCounts } from '../attendance/attendance.queries';
import { showRate } from '../attendance/attendance.rules';
import { candidatesFor } from './sampling.queries';

/*
 * One draw from the sample builder's query string, shared by the preview (GET) and by sending
 * invitations (POST with the same query string): the same seed over the same candidates gives
 * the same people, and the fingerprint of their ids tells whether it still does.
 */

export interface DrawDeps {
  db: DB;
  clock: Clock;
  ref: ReferenceData;
  cityTimeZone: string;
}

export interface Draw {
  result: DrawResult;
  coolDownDays: number;
  /** A hash of the drawn ids in draw order: what the preview showed is what is sent. */
  fingerprint: string;
  /** The pool's attendance at past sessions, and the show rate drawn from it (null: too little). */
  history: { attended: number; noShows: number; rate: number | null };
}

/** The longest query string kept (five quota rows and every pool filter fit in far less). */
export const MAX_QUERY = 8000;

/** The drawn ids in draw order as a short hash (hex). */
export function fingerprintOf(ids: readonly number[]): string {
  return crypto.createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);
}

/** A query string as the object Express makes of one (repeated names become arrays). */
export function parseQueryString(qs: string): Record<string, unknown> {
  return { ...querystring.parse(qs) };
}

/** The builder's query as a string to carry in a hidden field and to store with the draw. */
export function queryStringOf(query: Record<string, unknown>): string {
  const kept = Object.fromEntries(
    Object.entries(query).filter(
      ([k, v]) =>
        k !== '_csrf' &&
        (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))),
    ),
  ) as Record<string, string | string[]>;
  return querystring.stringify(kept);
}

/** Draws the sample of a study from a builder query: the pool filter beside the sample fields. */
export class SampleDrawer {
  private readonly filterSchema;

  constructor(private readonly d: DrawDeps) {
    this.filterSchema = poolQuerySchema(d.ref);
  }

  filter(query: unknown) {
    return parsePoolQuery(this.filterSchema, query);
  }

  /** The builder's own fields checked (English messages: the page is for staff). */
  validate(query: unknown, service311: string): FormResult<SampleInput> {
    return sampleValidator(this.d.ref, service311)(query);
  }

  async draw(studyId: number, query: unknown, input: SampleInput): Promise<Draw> {
    const { size, coolDownDays, seed, quotas } = input;
    const candidates = await candidatesFor(
      this.d.db,
      poolCriteria(this.filter(query), this.d.cityTimeZone),
      { coolDownDays, now: this.d.clock.now(), studyId },
      quotaValues(quotas, 'channel'),
      quotaValues(quotas, 'screener'),
    );
    // The pool's show rate over past sessions; too little history gives the 20% default.
    const counts = await outcomeCounts(this.d.db, this.d.clock.now().toISOString());
    const history = { ...counts, rate: showRate(counts.attended, counts.noShows) };
    const result = drawSample({
      candidates,
      quotas,
      size,
      seed,
      overRecruit: overRecruitRate(history.rate),
    });
    return { result, coolDownDays, fingerprint: fingerprintOf(result.ids), history };
  }
}
