import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { pageParam } from '../../web/pagination';
import { PROFILE_CODES, SOURCES, STATUSES } from '../profile/options';

/*
 * The Pool page's query string. Every field falls back to "no filter" when its value is wrong
 * (`.catch()`), so a hand-edited or stale bookmark never fails: bad values are dropped, not
 * reported. Field names are the profile's own (the same words as on /join and in the database).
 */

export const UNKNOWN = 'unknown';
export const SEARCH_MAX = 100;
export const PAGE_SIZE = 50;

/** Columns the pool can be sorted by: the only sort input that reaches SQL is one of these keys. */
export const SORT_COLUMNS = [
  'name',
  'language',
  'district',
  'status',
  'source',
  'created',
  'lastContacted',
  'attended',
  'noShows',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';
export const SORT_KEYS = SORT_COLUMNS.flatMap((c) => [`${c}-asc`, `${c}-desc`] as const);
export type SortKey = `${SortColumn}-${SortDirection}`;
export const DEFAULT_SORT: SortKey = 'created-desc';

/** Checkbox values: one or many, unknown ones dropped, duplicates removed. */
const many = (codes: Iterable<string>) => {
  const allowed = new Set(codes);
  return z
    .unknown()
    .transform((v) => [
      ...new Set(
        ([] as unknown[])
          .concat(v ?? [])
          .filter((x): x is string => typeof x === 'string' && allowed.has(x)),
      ),
    ])
    .catch([]);
};

/** One value from a list, or undefined. */
const one = (codes: Iterable<string>) => {
  const allowed = new Set(codes);
  return z
    .unknown()
    .transform((v) => (typeof v === 'string' && allowed.has(v) ? v : undefined))
    .catch(undefined);
};

/** A calendar date as a date input sends it (YYYY-MM-DD), or undefined. */
const date = z
  .unknown()
  .transform((v) =>
    typeof v === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(v) &&
    DateTime.fromISO(v, { zone: 'utc' }).isValid
      ? v
      : undefined,
  )
  .catch(undefined);

/** A whole number 0–9999 (sessions attended, no-shows), or undefined. */
const count = z
  .unknown()
  .transform((v) =>
    typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v) ? Number(v.trim()) : undefined,
  )
  .catch(undefined);

/** Free text: trimmed, control characters removed, cut to a sane length. */
const search = z
  .unknown()
  .transform((v) => {
    if (typeof v !== 'string') return '';
    return (
      v
        // eslint-disable-next-line no-control-regex -- control characters never belong in a search
        .replace(/[\u0000-\u001F\u007F]/g, ' ')
        .trim()
        .slice(0, SEARCH_MAX)
    );
  })
  .catch('');

/**
 * "Answered <option> to question <code> of survey <id>" (a submitted response of an identified
 * survey), written `<survey id>.<question code>.<option code>`, or undefined.
 */
export const SCREENER_ANSWER = /^([1-9]\d{0,11})\.([a-z0-9_]{1,64})\.([a-z0-9_]{1,64})$/;
const screenerAnswer = z
  .unknown()
  .transform((v) => (typeof v === 'string' && SCREENER_ANSWER.test(v) ? v : undefined))
  .catch(undefined);

export function poolQuerySchema(ref: ReferenceData) {
  const languages = [...ref.languageCodes];
  return z.object({
    q: search,
    status: many(STATUSES),
    source: many(SOURCES),
    language: many(languages),
    contactPreference: many(PROFILE_CODES.contactPreference),
    zip: z
      .unknown()
      .transform((v) => (typeof v === 'string' && /^\d{1,5}$/.test(v.trim()) ? v.trim() : ''))
      .catch(''),
    councilDistrict: many([UNKNOWN, ...[...ref.districtNumbers].map(String)]),
    neighborhoodCouncil: one([UNKNOWN, ...[...ref.councilIds].map(String)]),
    myla311Use: many(PROFILE_CODES.myla311Use),
    channels: many(PROFILE_CODES.channels),
    requestTypes: many(ref.requestTypeNames),
    needs: many(PROFILE_CODES.needs),
    interpreterLanguage: one(languages),
    availability: many(PROFILE_CODES.availability),
    format: many(PROFILE_CODES.format),
    ageRange: many(PROFILE_CODES.ageRange),
    gender: many(PROFILE_CODES.gender),
    race: many(PROFILE_CODES.race),
    recordingConsent: one(['yes', 'no']),
    createdFrom: date,
    createdTo: date,
    contactedFrom: date,
    contactedTo: date,
    neverContacted: one(['yes']),
    invitedFrom: date,
    invitedTo: date,
    neverInvited: one(['yes']),
    attendedMin: count,
    attendedMax: count,
    neverAttended: one(['yes']),
    noShowsMin: count,
    noShowsMax: count,
    answered: screenerAnswer,
    sort: z.enum(SORT_KEYS as [SortKey, ...SortKey[]]).catch(DEFAULT_SORT),
    page: pageParam,
  });
}

/** The pool filter as parsed from the query string (what the form shows back). */
export type PoolFilter = z.output<ReturnType<typeof poolQuerySchema>>;

/** Parses a query string; never throws. */
export function parsePoolQuery(schema: ReturnType<typeof poolQuerySchema>, query: unknown) {
  return schema.parse(query && typeof query === 'object' ? query : {});
}

/** Multi-choice fields filtered with "has any of these" on participant_choices. */
export const CHOICE_FILTERS = [
  'channels',
  'requestTypes',
  'needs',
  'availability',
  'race',
] as const;

/** What the queries need: codes and UTC bounds, no raw text beyond the search. */
export interface PoolCriteria {
  search: string;
  /** Empty: every status but deleted. */
  statuses: string[];
  sources: string[];
  languages: string[];
  contactPreferences: string[];
  zipPrefix: string;
  /** District numbers; `null` in the list means "unknown". */
  districts: (number | null)[];
  /** A council id, null for "unknown", undefined for any. */
  neighborhoodCouncil: number | null | undefined;
  myla311Use: string[];
  choices: Record<(typeof CHOICE_FILTERS)[number], string[]>;
  interpreterLanguage?: string;
  formats: string[];
  ageRanges: string[];
  genders: string[];
  recordingConsent?: boolean;
  createdFrom?: string;
  createdBefore?: string;
  contactedFrom?: string;
  contactedBefore?: string;
  neverContacted: boolean;
  /** Last invited to a study (the latest invitation) in [invitedFrom, invitedBefore). */
  invitedFrom?: string;
  invitedBefore?: string;
  neverInvited: boolean;
  attended: { min?: number; max?: number };
  noShows: { min?: number; max?: number };
  /** A screener answer: a submitted response of this survey chose this option of this question. */
  answered?: { surveyId: number; question: string; option: string };
  sort: { column: SortColumn; direction: SortDirection };
}

/**
 * Turns the filter into query criteria. Dates are whole days in the city's time zone: "from"
 * is the start of that day, "to" includes the whole day (before the start of the next).
 */
export function poolCriteria(f: PoolFilter, cityTimeZone: string): PoolCriteria {
  const dayStart = (d: string | undefined, plusDays = 0) =>
    d
      ? DateTime.fromISO(d, { zone: cityTimeZone })
          .startOf('day')
          .plus({ days: plusDays })
          .toUTC()
          .toISO()!
      : undefined;
  const [column, direction] = f.sort.split('-') as [SortColumn, SortDirection];
  return {
    search: f.q,
    statuses: f.status,
    sources: f.source,
    languages: f.language,
    contactPreferences: f.contactPreference,
    zipPrefix: f.zip,
    districts: f.councilDistrict.map((d) => (d === UNKNOWN ? null : Number(d))),
    neighborhoodCouncil:
      f.neighborhoodCouncil === undefined
        ? undefined
        : f.neighborhoodCouncil === UNKNOWN
          ? null
          : Number(f.neighborhoodCouncil),
    myla311Use: f.myla311Use,
    choices: {
      channels: f.channels,
      requestTypes: f.requestTypes,
      needs: f.needs,
      availability: f.availability,
      race: f.race,
    },
    interpreterLanguage: f.interpreterLanguage,
    formats: f.format,
    ageRanges: f.ageRange,
    genders: f.gender,
    recordingConsent: f.recordingConsent === undefined ? undefined : f.recordingConsent === 'yes',
    createdFrom: dayStart(f.createdFrom),
    createdBefore: dayStart(f.createdTo, 1),
    contactedFrom: dayStart(f.contactedFrom),
    contactedBefore: dayStart(f.contactedTo, 1),
    neverContacted: f.neverContacted === 'yes',
    invitedFrom: dayStart(f.invitedFrom),
    invitedBefore: dayStart(f.invitedTo, 1),
    neverInvited: f.neverInvited === 'yes',
    // "Never attended" is at most 0 sessions, whatever the bounds typed beside it.
    attended:
      f.neverAttended === 'yes'
        ? { min: undefined, max: 0 }
        : { min: f.attendedMin, max: f.attendedMax },
    noShows: { min: f.noShowsMin, max: f.noShowsMax },
    answered: answeredOf(f.answered),
    sort: { column, direction },
  };
}

function answeredOf(v: string | undefined): PoolCriteria['answered'] {
  const m = v === undefined ? null : SCREENER_ANSWER.exec(v);
  return m ? { surveyId: Number(m[1]), question: m[2], option: m[3] } : undefined;
}
