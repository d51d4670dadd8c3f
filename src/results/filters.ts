import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ResponseChannel } from '../db/schema';

/*
 * The filters every results page and export takes (issue 9): one shape, read from a query string
 * (a results page's GET form, an export link) or from the command line, and applied in SQL by
 * `filters.queries.ts`. Pure: no database, no HTTP.
 */

export const CHANNELS: readonly ResponseChannel[] = ['web', 'phone', 'paper'];
export const MYLA311_USES = ['never', 'once', 'few', 'often'] as const;

/** What a breakdown can split the results by: the same dimensions as the filters. */
export const BREAKDOWNS = [
  'version',
  'language',
  'district',
  'myla311_use',
  'study',
  'session',
  'channel',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface ResultsFilter {
  /** A version id of the survey. */
  version?: number;
  language?: string;
  /** A council district number (1–15). */
  district?: number;
  myla311Use?: (typeof MYLA311_USES)[number];
  study?: number;
  session?: number;
  channel?: ResponseChannel;
  /** Submitted on or after this city-time day (YYYY-MM-DD); turned into UTC by the caller. */
  from?: string;
  /** Submitted on or before this city-time day (YYYY-MM-DD). */
  to?: string;
}

/** The filter with its days as UTC instants (ISO text), as the queries compare them. */
export interface ResolvedFilter extends Omit<ResultsFilter, 'from' | 'to'> {
  fromUtc?: string;
  toUtc?: string;
}

/** An empty form field as "not given" (for zod's preprocess). */
export const blank = (v: unknown) => (v === '' || v === undefined || v === null ? undefined : v);
const id = z.preprocess(blank, z.coerce.number().int().positive().max(1e12).optional());
const day = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD')
    .refine((d) => DateTime.fromISO(d).isValid, 'Enter a real date')
    .optional(),
);

/**
 * The query-string form of a filter (`version`, `language`, `district`, `use`, `study`,
 * `session`, `channel`, `from`, `to`); English messages (staff pages and the command line).
 */
export const filterSchema = z
  .object({
    version: id,
    language: z.preprocess(
      blank,
      z
        .string()
        .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/, 'Choose a language from the list')
        .optional(),
    ),
    district: z.preprocess(blank, z.coerce.number().int().min(1).max(99).optional()),
    use: z.preprocess(blank, z.enum(MYLA311_USES).optional()),
    study: id,
    session: id,
    channel: z.preprocess(
      blank,
      z.enum(CHANNELS as [ResponseChannel, ...ResponseChannel[]]).optional(),
    ),
    from: day,
    to: day,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'The end date must be on or after the start date',
    path: ['to'],
  });

export type FilterInput = z.input<typeof filterSchema>;

/** Reads a filter from query parameters; unknown keys are ignored. */
export function parseFilter(
  query: Record<string, unknown>,
): { ok: true; filter: ResultsFilter } | { ok: false; errors: Record<string, string> } {
  const parsed = filterSchema.safeParse(query);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'filter');
      errors[key] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const { use, ...rest } = parsed.data;
  const filter: ResultsFilter = { ...rest, ...(use ? { myla311Use: use } : {}) };
  for (const k of Object.keys(filter) as (keyof ResultsFilter)[]) {
    if (filter[k] === undefined) delete filter[k];
  }
  return { ok: true, filter };
}

/** The filter as query-string pairs, the inverse of `parseFilter` (for links and exports). */
export function filterParams(filter: ResultsFilter): [string, string][] {
  const pairs: [string, string | number | undefined][] = [
    ['version', filter.version],
    ['language', filter.language],
    ['district', filter.district],
    ['use', filter.myla311Use],
    ['study', filter.study],
    ['session', filter.session],
    ['channel', filter.channel],
    ['from', filter.from],
    ['to', filter.to],
  ];
  return pairs
    .filter((p): p is [string, string | number] => p[1] !== undefined)
    .map(([k, v]) => [k, String(v)]);
}

/** True when no filter is set. */
export function isEmptyFilter(filter: ResultsFilter): boolean {
  return filterParams(filter).length === 0;
}

/**
 * The filter's days as UTC instants in the city's time zone: `from` at the start of its day,
 * `to` exclusive at the start of the next day (so a day keeps every response submitted in it,
 * across daylight-saving changes).
 */
export function resolveFilter(filter: ResultsFilter, zone: string): ResolvedFilter {
  const { from, to, ...rest } = filter;
  const resolved: ResolvedFilter = { ...rest };
  if (from) resolved.fromUtc = cityDayOf(from, zone).fromUtc;
  if (to) resolved.toUtc = cityDayOf(to, zone).toUtc;
  return resolved;
}

/** The city day a day (YYYY-MM-DD) or an instant (ISO text) falls on, with its bounds in UTC. */
export function cityDayOf(
  dayOrInstant: string,
  zone: string,
): { day: string; fromUtc: string; toUtc: string } {
  const start = DateTime.fromISO(dayOrInstant, { zone }).startOf('day');
  return {
    day: start.toISODate()!,
    fromUtc: start.toUTC().toISO()!,
    toUtc: start.plus({ days: 1 }).toUTC().toISO()!,
  };
}

/** An end of a date range: the start of its `from` day or the end of its `to` day. */
export type DateEdge = 'from' | 'to';

/** A date range's edges as UTC instants (city time), those it has. */
export function rangeEdges(
  range: Pick<ResultsFilter, 'from' | 'to'>,
  zone: string,
): [DateEdge, string][] {
  const { fromUtc, toUtc } = resolveFilter({ from: range.from, to: range.to }, zone);
  const edges: [DateEdge, string][] = [];
  if (fromUtc) edges.push(['from', fromUtc]);
  if (toUtc) edges.push(['to', toUtc]);
  return edges;
}
