import querystring from 'node:querystring';
import type { FieldErrors } from '../../errors';
import {
  parsePoolQuery,
  poolCriteria,
  type PoolCriteria,
  type PoolFilter,
  type poolQuerySchema,
} from '../../participants/pool/pool.schema';
import type { FormResult } from '../../web/forms';
import type { StudyGroup } from './distribute.queries';

/*
 * The send page's audience, read from its GET form's query string (and, when sending, from the
 * same query string carried in a hidden field): a pool filter — the Pool page's own fields and
 * code — or one group of a study's people.
 */

export const STUDY_GROUPS: readonly StudyGroup[] = ['invitees', 'registrants', 'attendees'];
export const GROUP_LABELS: Record<StudyGroup, string> = {
  invitees: 'Invited to the study',
  registrants: 'Registered for one of its sessions (not cancelled)',
  attendees: 'Checked in as attended at one of its sessions',
};

/** The longest query string kept (every pool filter fits in far less). */
export const MAX_QUERY = 8000;

export type Audience =
  | { kind: 'pool'; criteria: PoolCriteria; filter: PoolFilter }
  | { kind: 'study'; studyId: number; group: StudyGroup };

export interface AudienceChoice {
  kind: 'pool' | 'study';
  studyId: string;
  group: StudyGroup;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What the form shows back: the audience kind, study and group as typed (defaults filled). */
export function audienceChoice(query: Record<string, unknown>, surveyStudy: number | null) {
  const kind = str(query.audience) === 'pool' ? 'pool' : 'study';
  const group = STUDY_GROUPS.find((g) => g === query.group) ?? 'attendees';
  // The survey's own study until one is chosen (an explicit blank stays blank).
  const studyId =
    query.studyId === undefined ? (surveyStudy ? String(surveyStudy) : '') : str(query.studyId);
  return { kind, studyId, group } as AudienceChoice;
}

/**
 * The audience of a query (the preview's and the send's), or the field errors. `studyExists`
 * says whether a study id names a study.
 */
export function readAudience(
  query: Record<string, unknown>,
  schema: ReturnType<typeof poolQuerySchema>,
  cityTimeZone: string,
  studyExists: (id: number) => boolean,
): FormResult<Audience> {
  const errors: FieldErrors = {};
  const kind = query.audience;
  if (kind === 'pool') {
    const filter = parsePoolQuery(schema, query);
    return { ok: true, data: { kind, filter, criteria: poolCriteria(filter, cityTimeZone) } };
  }
  if (kind !== 'study') return { ok: false, errors: { audience: 'Choose who to send it to' } };
  const id = /^[1-9]\d{0,11}$/.test(str(query.studyId)) ? Number(query.studyId) : 0;
  if (!id || !studyExists(id)) errors.studyId = 'Choose a study';
  const group = STUDY_GROUPS.find((g) => g === query.group);
  if (!group) errors.group = 'Choose which of the study’s people';
  if (!group || !id || errors.studyId) return { ok: false, errors };
  return { ok: true, data: { kind, studyId: id, group } };
}

/** A query string as the object Express makes of one (repeated names become arrays). */
export function parseQueryString(qs: string): Record<string, unknown> {
  return { ...querystring.parse(qs) };
}

/** The form's query as a string for the hidden field of "Send" (no CSRF token, no flag). */
export function queryStringOf(query: Record<string, unknown>): string {
  const kept = Object.fromEntries(
    Object.entries(query).filter(
      ([k, v]) =>
        k !== '_csrf' &&
        k !== 'preview' &&
        k !== 'page' &&
        (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))),
    ),
  ) as Record<string, string | string[]>;
  return querystring.stringify(kept);
}
