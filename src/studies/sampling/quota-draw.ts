import { SeededRandom } from '../../random';

/*
 * The quota draw of the sample builder: a plain function, no database, no clock. Given the
 * candidates of a pool filter, quotas, a sample size, a seed and an over-recruitment rate, it
 * draws the people to invite and reports how each quota was filled and what could not be met.
 *
 * - Reproducible: candidates are put in id order first and the only randomness is a mulberry32
 *   generator (`SeededRandom`) seeded by the FNV-1a hash of `String(seed)` (so 42 and "42" give
 *   the same sample). Same seed + same candidates in any order → same ids in the same order.
 * - Minimums first: for each quota with a minimum (in the order given), random eligible people
 *   are drawn until it is met; then the rest are drawn at random from everyone left. A person
 *   who would push any quota past its maximum is never drawn. Picks walk a lazy Fisher–Yates
 *   shuffle (O(1) per pick, no sort of the pool); the only O(n) work is one pass over candidates.
 * - Greedy, not a search: minimums in several dimensions that can only be met together by people
 *   who count for two of them may be reported short although some other sample would meet
 *   them; the report says which and by how many, and a maximum is never broken.
 */

export type AttrValue = string | readonly string[] | null | undefined;

export interface Candidate {
  id: number;
  /** Profile values by dimension; a multi-valued dimension (channel) holds a list. */
  attrs: Readonly<Record<string, AttrValue>>;
}

/**
 * The dimensions the sample builder offers. `screener`: a screener answer, its values written
 * `<survey id>.<question code>.<option code>` (multi-valued, like `channel`).
 */
export const QUOTA_DIMENSIONS = [
  'councilDistrict',
  'language',
  'myla311Use',
  'channel',
  'format',
  'ageRange',
  'screener',
] as const;
export type QuotaDimension = (typeof QUOTA_DIMENSIONS)[number];

/**
 * A quota on the people whose `dimension` has `value`. Counts and shares (0–1, of `size`) may
 * be combined; the stricter bound wins. Shares round towards the strict side: a minimum share
 * up (at least 30% of 25 = 8), a maximum share down (at most 50% of 25 = 12).
 */
export interface Quota {
  dimension: string;
  value: string;
  min?: number;
  max?: number;
  minShare?: number;
  maxShare?: number;
}

export interface DrawInput {
  candidates: readonly Candidate[];
  quotas: readonly Quota[];
  /** How many people the study needs in the room. */
  size: number;
  seed: string | number;
  /**
   * Over-recruitment rate: ceil(size × (1 + rate)) people are drawn to be invited, and every
   * quota count is scaled by the same factor (see `QuotaFill`). `overRecruitRate` turns a
   * measured show rate into this rate.
   */
  overRecruit: number;
}

export interface QuotaFill {
  quota: Quota;
  /** Bounds for a sample of `size` (shares resolved); `max` null when there is none. */
  sample: { min: number; max: number | null };
  /** Bounds enforced on the invitation list: sample bounds × invited / size (min up, max down). */
  min: number;
  max: number | null;
  /** People in the pool who count for this quota. */
  eligible: number;
  drawn: number;
  met: boolean;
}

export type Shortfall =
  /** A minimum not reached: `shortBy` more people were needed (`eligible` had the value). */
  | { kind: 'quota'; quota: Quota; min: number; drawn: number; shortBy: number; eligible: number }
  /** Fewer people drawn than `invited`: the pool is too small, or maximums leave too few. */
  | { kind: 'size'; invited: number; drawn: number; shortBy: number; pool: number }
  /** A quota whose minimum is above its maximum. */
  | { kind: 'minAboveMax'; quota: Quota; min: number; max: number }
  /** Minimums over values of one single-valued dimension add up to more than the invitations. */
  | { kind: 'minimumsAboveSize'; dimension: string; minimums: number; invited: number };

export interface DrawResult {
  /** Participant ids to invite, in draw order. */
  ids: number[];
  size: number;
  overRecruit: number;
  /** ceil(size × (1 + overRecruit)). */
  invited: number;
  /** Distinct candidates. */
  pool: number;
  /** One row per quota, in the order given. */
  fill: QuotaFill[];
  /** Empty when every quota is met and `invited` people were drawn. */
  shortfalls: Shortfall[];
}

/** The values quotas are set on for one dimension: what `candidatesFor` reads for `channel`. */
export function quotaValues(quotas: readonly Quota[], dimension: string): string[] {
  return [...new Set(quotas.filter((q) => q.dimension === dimension).map((q) => q.value))];
}

/** With no show history, DESIGN.md says to over-recruit by 20%. */
export const DEFAULT_OVER_RECRUIT = 0.2;
/** Never invite more than twice the size, however low the show rate. */
export const MAX_OVER_RECRUIT = 1;

/**
 * The over-recruitment rate for a measured show rate (share of registered people who came):
 * to expect `size` people, invite size / showRate, i.e. a rate of 1 / showRate − 1. No history
 * (null) gives the 20% default; the rate is capped at `MAX_OVER_RECRUIT`.
 */
export function overRecruitRate(showRate: number | null): number {
  if (showRate === null || !Number.isFinite(showRate)) return DEFAULT_OVER_RECRUIT;
  if (showRate <= 0) return MAX_OVER_RECRUIT;
  return Math.min(MAX_OVER_RECRUIT, Math.max(0, 1 / Math.min(1, showRate) - 1));
}

/** 32-bit FNV-1a of the seed's text: a documented, stable way from any seed to mulberry32's. */
export function seedNumber(seed: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// Products of decimals are not exact (0.07 × 100 = 7.000000000000001): round near-integers first.
const EPSILON = 1e-9;
const ceil = (x: number) => Math.ceil(x - EPSILON);
const floor = (x: number) => Math.floor(x + EPSILON);

function matches(value: AttrValue, wanted: string): boolean {
  if (value === null || value === undefined) return false;
  return typeof value === 'string' ? value === wanted : value.includes(wanted);
}

/**
 * Positions 0…length−1 in a random order, one at a time: Fisher–Yates where only the moved
 * entries are stored, so a pick costs O(1) and nothing is allocated for the untouched rest.
 */
class LazyShuffle {
  private next = 0;
  private readonly moved = new Map<number, number>();
  constructor(
    private readonly length: number,
    private readonly rnd: SeededRandom,
  ) {}
  take(): number | undefined {
    if (this.next >= this.length) return undefined;
    const j = this.rnd.int(this.next, this.length - 1);
    const at = (i: number) => this.moved.get(i) ?? i;
    const picked = at(j);
    this.moved.set(j, at(this.next));
    this.moved.delete(this.next);
    this.next++;
    return picked;
  }
}

function checkInput(input: DrawInput): void {
  const { size, overRecruit, quotas } = input;
  if (!Number.isInteger(size) || size < 1) throw new RangeError('size must be a whole number ≥ 1');
  if (!Number.isFinite(overRecruit) || overRecruit < 0)
    throw new RangeError('overRecruit must be a rate ≥ 0');
  for (const q of quotas) {
    for (const n of [q.min, q.max])
      if (n !== undefined && (!Number.isInteger(n) || n < 0))
        throw new RangeError(`quota ${q.dimension}=${q.value}: counts are whole numbers ≥ 0`);
    for (const s of [q.minShare, q.maxShare])
      if (s !== undefined && !(s >= 0 && s <= 1))
        throw new RangeError(`quota ${q.dimension}=${q.value}: shares are between 0 and 1`);
  }
}

/** Sample bounds (shares of `size` resolved) and invitation bounds (scaled to `invited`). */
function bounds(q: Quota, size: number, invited: number) {
  const mins = [q.min ?? 0, q.minShare === undefined ? 0 : ceil(q.minShare * size)];
  const maxes = [q.max, q.maxShare === undefined ? undefined : floor(q.maxShare * size)].filter(
    (n): n is number => n !== undefined,
  );
  const sample = { min: Math.max(...mins), max: maxes.length ? Math.min(...maxes) : null };
  return {
    sample,
    // Whole numbers: integer arithmetic, no rounding error.
    min: Math.floor((sample.min * invited + size - 1) / size),
    max: sample.max === null ? null : Math.floor((sample.max * invited) / size),
  };
}

/** In id order, each id once (the first of duplicates), without sorting input already in order. */
function inIdOrder(candidates: readonly Candidate[]): readonly Candidate[] {
  let sorted = true;
  for (let i = 1; i < candidates.length && sorted; i++)
    sorted = candidates[i - 1].id < candidates[i].id;
  if (sorted) return candidates;
  const copy = [...candidates].sort((a, b) => a.id - b.id);
  return copy.filter((c, i) => i === 0 || copy[i - 1].id !== c.id);
}

export function drawSample(input: DrawInput): DrawResult {
  checkInput(input);
  const { quotas, size, overRecruit } = input;
  const pool = inIdOrder(input.candidates);
  const invited = ceil(size * (1 + overRecruit));
  const rnd = new SeededRandom(seedNumber(input.seed));
  const limits = quotas.map((q) => bounds(q, size, invited));

  // One pass: who counts for which quota, and which dimensions hold lists (one person can then
  // count for several values, so minimums over its values need not add up).
  const eligible: number[][] = quotas.map(() => []);
  const multiValued = new Set<string>();
  for (let i = 0; i < pool.length; i++) {
    const attrs = pool[i].attrs;
    quotas.forEach((q, k) => {
      const v = attrs[q.dimension];
      if (Array.isArray(v)) multiValued.add(q.dimension);
      if (matches(v, q.value)) eligible[k].push(i);
    });
  }

  const drawn = quotas.map(() => 0);
  const chosen = new Set<number>();
  const ids: number[] = [];
  const counts = (i: number) =>
    quotas
      .map((q, k) => (matches(pool[i].attrs[q.dimension], q.value) ? k : -1))
      .filter((k) => k >= 0);
  /** Draws pool[i] unless already drawn or a maximum it counts for is reached. */
  const tryDraw = (i: number): boolean => {
    if (chosen.has(i)) return false;
    const ks = counts(i);
    if (ks.some((k) => limits[k].max !== null && drawn[k] >= limits[k].max!)) return false;
    chosen.add(i);
    ids.push(pool[i].id);
    for (const k of ks) drawn[k]++;
    return true;
  };

  // Minimums first. A person refused once stays refused (drawn, or a maximum only fills up),
  // so each quota's shuffle is walked once.
  quotas.forEach((_, k) => {
    const shuffle = new LazyShuffle(eligible[k].length, rnd);
    while (drawn[k] < limits[k].min && ids.length < invited) {
      const at = shuffle.take();
      if (at === undefined) break;
      tryDraw(eligible[k][at]);
    }
  });
  // Then anyone, at random, up to the invitation count.
  const shuffle = new LazyShuffle(pool.length, rnd);
  while (ids.length < invited) {
    const i = shuffle.take();
    if (i === undefined) break;
    tryDraw(i);
  }

  const fill: QuotaFill[] = quotas.map((quota, k) => ({
    quota,
    ...limits[k],
    eligible: eligible[k].length,
    drawn: drawn[k],
    met: drawn[k] >= limits[k].min,
  }));
  return {
    ids,
    size,
    overRecruit,
    invited,
    pool: pool.length,
    fill,
    shortfalls: shortfalls(fill, multiValued, invited, ids.length, pool.length),
  };
}

function shortfalls(
  fill: QuotaFill[],
  multiValued: ReadonlySet<string>,
  invited: number,
  drawnTotal: number,
  pool: number,
): Shortfall[] {
  const out: Shortfall[] = [];
  // The largest minimum per value (two quotas on one value overlap), summed per dimension.
  const minimums = new Map<string, Map<string, number>>();
  for (const f of fill) {
    if (f.max !== null && f.min > f.max)
      out.push({ kind: 'minAboveMax', quota: f.quota, min: f.min, max: f.max });
    const { dimension, value } = f.quota;
    if (multiValued.has(dimension)) continue;
    const byValue = minimums.get(dimension) ?? new Map<string, number>();
    byValue.set(value, Math.max(byValue.get(value) ?? 0, f.min));
    minimums.set(dimension, byValue);
  }
  for (const [dimension, byValue] of minimums) {
    const total = [...byValue.values()].reduce((a, b) => a + b, 0);
    if (total > invited)
      out.push({ kind: 'minimumsAboveSize', dimension, minimums: total, invited });
  }
  for (const f of fill)
    if (!f.met)
      out.push({
        kind: 'quota',
        quota: f.quota,
        min: f.min,
        drawn: f.drawn,
        shortBy: f.min - f.drawn,
        eligible: f.eligible,
      });
  if (drawnTotal < invited)
    out.push({ kind: 'size', invited, drawn: drawnTotal, shortBy: invited - drawnTotal, pool });
  return out;
}
