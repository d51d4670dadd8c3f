import { DateTime } from 'luxon';
import type { TFunction } from 'i18next';
import type { ReferenceData } from '../../reference/reference.queries';
import { SOURCES, STATUSES } from '../profile/options';
import { profileOptions } from '../profile/profile.view';
import type { PoolCounts, PoolRow } from './pool.queries';
import {
  DEFAULT_SORT,
  SORT_COLUMNS,
  UNKNOWN,
  type PoolFilter,
  type SortColumn,
  type SortKey,
} from './pool.schema';
import { formatPhone } from '../profile/profile.schema';
import { parseTranslated, textIn } from '../../surveys/model/texts';
import type { screenerQuestions } from './pool.queries';

/*
 * View model of the Pool page: option lists with staff (English) labels, links that carry the
 * current filter, and table rows ready to print. The template only loops and prints.
 */

export const POOL_PATH = '/staff/participants';

type Option = { value: string; label: string };

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const COLUMN_LABELS: Record<SortColumn, string> = {
  name: 'Name',
  language: 'Language',
  district: 'District',
  status: 'Status',
  source: 'Source',
  created: 'Joined',
  lastContacted: 'Last contacted',
  attended: 'Attended',
  noShows: 'No-shows',
};
/** Dates and tallies read best newest / highest first; names and codes A–Z. */
const FIRST_DIRECTION: Record<SortColumn, 'asc' | 'desc'> = {
  name: 'asc',
  language: 'asc',
  district: 'asc',
  status: 'asc',
  source: 'asc',
  created: 'desc',
  lastContacted: 'desc',
  attended: 'desc',
  noShows: 'desc',
};
const DIRECTION_LABELS: Record<SortColumn, { asc: string; desc: string }> = {
  name: { asc: 'A to Z', desc: 'Z to A' },
  language: { asc: 'A to Z', desc: 'Z to A' },
  district: { asc: 'lowest first', desc: 'highest first' },
  status: { asc: 'A to Z', desc: 'Z to A' },
  source: { asc: 'A to Z', desc: 'Z to A' },
  created: { asc: 'oldest first', desc: 'newest first' },
  lastContacted: { asc: 'longest ago first', desc: 'most recent first' },
  attended: { asc: 'fewest first', desc: 'most first' },
  noShows: { asc: 'fewest first', desc: 'most first' },
};

/** The filter as query-string pairs, leaving out what is empty or the default. */
export function filterParams(f: PoolFilter, over: Partial<PoolFilter> = {}): URLSearchParams {
  const all = { ...f, ...over };
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(all)) {
    if (key === 'page' || key === 'sort') continue;
    for (const v of ([] as unknown[]).concat(value ?? []))
      if (v !== '' && v !== undefined) qs.append(key, String(v));
  }
  if (all.sort !== DEFAULT_SORT) qs.append('sort', all.sort);
  if (all.page > 1) qs.append('page', String(all.page));
  return qs;
}

export function poolHref(f: PoolFilter, over: Partial<PoolFilter> = {}): string {
  const qs = filterParams(f, over).toString();
  return qs ? `${POOL_PATH}?${qs}` : POOL_PATH;
}

/** How many filters are set (the sort and page are not filters). */
export function activeFilters(f: PoolFilter): number {
  return [...filterParams(f).keys()].filter((k) => k !== 'sort' && k !== 'page' && k !== 'q')
    .length;
}

/** The profile form's options, with English names for staff where the form shows native ones. */
export function poolOptions(t: TFunction, ref: ReferenceData) {
  const plain = (codes: readonly string[]): Option[] =>
    codes.map((value) => ({ value, label: capital(value) }));
  const profile = profileOptions(t, ref);
  return {
    ...profile,
    status: plain(STATUSES),
    source: plain(SOURCES),
    language: ref.languages.map((l) => ({ value: l.code, label: l.english_name })),
    councilDistrict: [
      ...ref.districts.map((d) => ({ value: String(d.district), label: `District ${d.district}` })),
      { value: UNKNOWN, label: 'Unknown' },
    ],
    recordingConsent: [
      { value: '', label: 'Any' },
      { value: 'yes', label: 'Agreed to recording' },
      { value: 'no', label: 'Did not agree' },
    ],
    sort: SORT_COLUMNS.flatMap((c) =>
      (['asc', 'desc'] as const).map((dir) => ({
        value: `${c}-${dir}`,
        label: `${COLUMN_LABELS[c]} (${DIRECTION_LABELS[c][dir]})`,
      })),
    ),
  };
}

/** Column headers: a link that sorts by the column (or reverses it), and aria-sort on the current. */
export function poolColumns(f: PoolFilter) {
  const [current, dir] = f.sort.split('-') as [SortColumn, 'asc' | 'desc'];
  return SORT_COLUMNS.map((column) => {
    const isCurrent = column === current;
    const next = isCurrent ? (dir === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[column];
    return {
      column,
      label: COLUMN_LABELS[column],
      href: poolHref(f, { sort: `${column}-${next}` as SortKey, page: 1 }),
      ariaSort: isCurrent ? (dir === 'asc' ? 'ascending' : 'descending') : undefined,
      hint: `sort ${DIRECTION_LABELS[column][next]}`,
    };
  });
}

export function poolRows(rows: PoolRow[], ref: ReferenceData, cityTimeZone: string) {
  const languageName = new Map(ref.languages.map((l) => [l.code, l.english_name]));
  const day = (iso: string | null) =>
    iso
      ? DateTime.fromISO(iso, { zone: 'utc' })
          .setZone(cityTimeZone)
          .toLocaleString(DateTime.DATE_MED)
      : '';
  return rows.map((r) => ({
    href: `${POOL_PATH}/${r.id}`,
    name: [r.first_name, r.last_name].filter(Boolean).join(' ') || '(no name)',
    email: r.email ?? '',
    phone: formatPhone(r.phone),
    language: languageName.get(r.language) ?? r.language,
    district: r.council_district === null ? 'Unknown' : String(r.council_district),
    status: r.status,
    source: r.source,
    created: day(r.created_at),
    lastContacted: r.last_contacted_at ? day(r.last_contacted_at) : 'Never',
    attended: r.sessions_attended,
    noShows: r.no_shows,
  }));
}

/** The two counts tables, with zero rows kept so gaps in coverage show. */
export function poolCountTables(counts: PoolCounts, ref: ReferenceData) {
  const byDistrict = [
    ...ref.districts.map((d) => ({
      label: `District ${d.district}`,
      n: counts.byDistrict.get(d.district) ?? 0,
    })),
    { label: 'Unknown', n: counts.byDistrict.get(null) ?? 0 },
  ];
  const known = new Set(ref.languages.map((l) => l.code));
  const byLanguage = [
    ...ref.languages.map((l) => ({ label: l.english_name, n: counts.byLanguage.get(l.code) ?? 0 })),
    // Codes no longer in the reference list still count.
    ...[...counts.byLanguage.entries()]
      .filter(([code]) => !known.has(code))
      .map(([code, n]) => ({ label: code, n })),
  ];
  return { byDistrict, byLanguage, total: counts.total };
}

/**
 * The screener-answer filter's choices: one "Survey — question — option" per option of each
 * choice question of an identified screener survey (English wording, else its first language).
 */
export function screenerAnswerOptions(
  rows: Awaited<ReturnType<typeof screenerQuestions>>,
): Option[] {
  const out: Option[] = [];
  for (const r of rows) {
    let first = 'en';
    try {
      first = (JSON.parse(r.languages) as string[])[0] ?? 'en';
    } catch {
      // English, then
    }
    const say = (json: string | null, fallback: string) => {
      const t = parseTranslated(json);
      return textIn(t, 'en') || textIn(t, first) || fallback;
    };
    let question = r.code;
    try {
      question = say(
        JSON.stringify((JSON.parse(r.question_texts) as { label?: unknown }).label ?? {}),
        r.code,
      );
    } catch {
      // the code, then
    }
    const options =
      r.type === 'yes_no'
        ? [
            { code: 'yes', label: 'Yes' },
            { code: 'no', label: 'No' },
          ]
        : r.option_code
          ? [{ code: r.option_code, label: say(r.option_texts, r.option_code) }]
          : [];
    for (const o of options)
      out.push({
        value: `${r.survey_id}.${r.code}.${o.code}`,
        label: `${r.title} — ${question} — ${o.label}`,
      });
  }
  return out;
}
