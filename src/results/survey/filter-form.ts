import type { DB } from '../../db/database';
import type { SurveyRow } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../../studies/city-time';
import { CHANNEL_LABELS } from '../../surveys/responses/responses.view';
import { languagesOf, versionsOf } from '../../surveys/surveys.queries';
import { BREAKDOWNS, MYLA311_USES, parseFilter, type Breakdown } from '../filters';
import { responseContexts } from './results.queries';
import { FILTER_FIELDS, USE_LABELS } from './results.service';

/*
 * The results page's GET form: the filters and the breakdown, their choices, and what was typed
 * (kept as typed when it is refused, with the message beside the field).
 */

export const BREAKDOWN_NAMES: Record<Breakdown, string> = {
  version: 'Version',
  language: 'Language',
  district: 'Council district',
  myla311_use: '311 use',
  study: 'Study',
  session: 'Session',
  channel: 'Channel',
};

type Option = { value: string; label: string };
export interface FilterField {
  name: string;
  label: string;
  kind: 'select' | 'date';
  options: Option[];
  value: string;
}

/** One query value as text (the first of a repeated key). */
const one = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

/** The form's fields by query name (the filters, then the breakdown). */
const FORM_KEYS = [...Object.values(FILTER_FIELDS), 'breakdown'];

/** The form's fields as typed, for a link back to the form that keeps them (empty ones left out). */
export function typedFormQuery(query: Record<string, unknown>): string {
  const pairs = FORM_KEYS.map((k): [string, string] => [k, one(query[k])]).filter(([, v]) => v);
  return pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
}

/** Reads the filter and the breakdown, with English messages by field. */
export function readQuery(query: Record<string, unknown>) {
  const parsed = parseFilter(
    Object.fromEntries(Object.entries(query).map(([k, v]) => [k, one(v) || undefined])),
  );
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  const raw = one(query.breakdown);
  let breakdown: Breakdown | undefined;
  if ((BREAKDOWNS as readonly string[]).includes(raw)) breakdown = raw as Breakdown;
  else if (raw) errors.breakdown = 'Choose a breakdown from the list';
  return { filter: parsed.ok ? parsed.filter : null, breakdown, errors };
}

/** The form's fields with their choices and the values as typed. */
export async function filterFields(
  d: { db: DB; ref: ReferenceData; cityTimeZone: string },
  survey: SurveyRow,
  query: Record<string, unknown>,
): Promise<{ fields: FilterField[]; breakdown: FilterField }> {
  const [versions, contexts] = await Promise.all([
    versionsOf(d.db, survey.id),
    responseContexts(d.db, survey.id),
  ]);
  const languageName = new Map(d.ref.languages.map((l) => [l.code, l.english_name]));
  const select = (name: string, label: string, options: Option[]): FilterField => {
    const value = one(query[name]);
    // A value not among the choices is kept, so the person sees what they sent.
    const kept = value && !options.some((o) => o.value === value) ? [{ value, label: value }] : [];
    return { name, label, kind: 'select', options: [...options, ...kept], value };
  };
  const fields: FilterField[] = [
    select(
      'version',
      'Version',
      versions.map((v) => ({ value: String(v.id), label: `Version ${v.number}` })),
    ),
    select(
      'language',
      'Language',
      languagesOf(survey).map((l) => ({ value: l, label: languageName.get(l) ?? l })),
    ),
    select(
      'district',
      'Council district',
      d.ref.districts.map((x) => ({ value: String(x.district), label: x.name })),
    ),
    select(
      'use',
      '311 use',
      MYLA311_USES.map((u) => ({ value: u, label: USE_LABELS[u] })),
    ),
    select(
      'study',
      'Study',
      contexts.studies.map((s) => ({ value: String(s.id), label: s.title })),
    ),
    select(
      'session',
      'Session',
      contexts.sessions.map((s) => ({
        value: String(s.id),
        label: formatCityTime(s.starts_at, d.cityTimeZone),
      })),
    ),
    select(
      'channel',
      'Channel',
      Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label })),
    ),
    { name: 'from', label: 'Submitted from', kind: 'date', options: [], value: one(query.from) },
    { name: 'to', label: 'Submitted to', kind: 'date', options: [], value: one(query.to) },
  ];
  const breakdown = select(
    'breakdown',
    'Break down by',
    Object.entries(BREAKDOWN_NAMES).map(([value, label]) => ({ value, label })),
  );
  return { fields, breakdown };
}
