import type { TFunction } from 'i18next';
import { poolOptions } from '../../participants/pool/pool.view';
import type { ReferenceData } from '../../reference/reference.queries';
import type { Values } from '../../web/forms';
import {
  QUOTA_DIMENSIONS,
  type DrawResult,
  type Quota,
  type QuotaDimension,
  type Shortfall,
} from './quota-draw';
import {
  QUOTA_ROWS,
  dimensionLabels,
  inSentence,
  dimensionValues,
  quotaFields,
} from './sample.schema';
import type { drawnPeople } from './sampling.queries';

/*
 * View model of the sample builder: option lists, the quota rows as typed, and the preview of a
 * draw (fill table, shortfalls in words, the drawn people) ready to print.
 */

type Option = { value: string; label: string };

/** The names of the dimensions, and of their values (the Pool page's own labels), in English. */
export interface Labels {
  dimensions: Record<QuotaDimension, string>;
  values: Record<QuotaDimension, Option[]>;
}

export function sampleLabels(
  t: TFunction,
  ref: ReferenceData,
  service311: string,
  /** The screener answers there are ("Survey — question — option"), from the Pool page's list. */
  screener: Option[] = [],
): Labels {
  const pool = poolOptions(t, ref);
  const codes = dimensionValues(ref);
  const only = (options: Option[], dim: QuotaDimension) =>
    options.filter((o) => codes[dim].includes(o.value));
  const values = {
    councilDistrict: only(pool.councilDistrict, 'councilDistrict').map((o) => ({
      value: o.value,
      label: `Council District ${o.value}`,
    })),
    language: only(pool.language, 'language'),
    myla311Use: only(pool.myla311Use, 'myla311Use'),
    channel: only(pool.channels, 'channel'),
    format: only(pool.format, 'format'),
    ageRange: only(pool.ageRange, 'ageRange'),
    screener,
  };
  return { dimensions: dimensionLabels(service311), values };
}

export const dimensionOptions = (labels: Labels): Option[] =>
  QUOTA_DIMENSIONS.map((value) => ({ value, label: labels.dimensions[value] }));

const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

/** The quota rows as typed, each value select grouped by dimension with the chosen one marked. */
export function quotaRows(values: Values, labels: Labels) {
  return Array.from({ length: QUOTA_ROWS }, (_, i) => {
    const k = i + 1;
    const names = quotaFields(k);
    const dimension = str(values[names.dimension]);
    const value = str(values[names.value]);
    return {
      k,
      names,
      dimension,
      min: str(values[names.min]),
      max: str(values[names.max]),
      minPct: str(values[names.minPct]),
      maxPct: str(values[names.maxPct]),
      groups: QUOTA_DIMENSIONS.map((dim) => ({
        label: labels.dimensions[dim],
        options: labels.values[dim].map((o) => ({
          ...o,
          selected: dim === dimension && o.value === value,
        })),
      })),
    };
  });
}

/** "Council District 4", "Language: Spanish", "Format: Online". */
export function quotaLabel(q: Quota, labels: Labels): string {
  const dim = q.dimension as QuotaDimension;
  const label = labels.values[dim]?.find((o) => o.value === q.value)?.label ?? q.value;
  if (dim === 'councilDistrict') return label;
  return `${labels.dimensions[dim] ?? q.dimension}: ${label}`;
}

/** "at least 5", "at most 3", "5 to 8", "any". */
export function boundsText(min: number, max: number | null): string {
  if (max === null) return min > 0 ? `at least ${min}` : 'any';
  if (min === 0) return `at most ${max}`;
  return min === max ? `exactly ${min}` : `${min} to ${max}`;
}

const people = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;

/** One shortfall in plain words. */
export function shortfallText(s: Shortfall, labels: Labels): string {
  switch (s.kind) {
    case 'quota': {
      const why =
        s.eligible < s.min
          ? `only ${s.eligible} eligible`
          : `${s.eligible} eligible, but the maximums of other quotas or the number to invite left room for ${s.drawn}`;
      return `At least ${s.min} in ${quotaLabel(s.quota, labels)}: ${people(s.shortBy)} short — ${why}`;
    }
    case 'size':
      return `${s.invited} to invite, but only ${s.drawn} could be drawn: ${people(s.shortBy)} short (the filter leaves ${s.pool})`;
    case 'minAboveMax':
      return `${quotaLabel(s.quota, labels)}: the minimum (${s.min}) is above the maximum (${s.max}) once the % are worked out`;
    case 'minimumsAboveSize':
      return `The minimums on ${inSentence(labels.dimensions[s.dimension as QuotaDimension] ?? s.dimension)} add up to ${s.minimums}, more than the ${s.invited} to invite`;
  }
}

import { MIN_OUTCOMES } from '../attendance/attendance.rules';

type Person = Awaited<ReturnType<typeof drawnPeople>>[number];

/** The preview of a draw: totals, fill table, shortfalls and the people in draw order. */
export function preview(
  result: DrawResult,
  found: Person[],
  labels: Labels,
  coolDownDays: number,
  history: { attended: number; noShows: number; rate: number | null },
) {
  const byId = new Map(found.map((p) => [p.id, p]));
  const label = (dim: QuotaDimension, code: string | null) =>
    code === null ? 'Unknown' : (labels.values[dim].find((o) => o.value === code)?.label ?? code);
  return {
    pool: result.pool,
    size: result.size,
    invited: result.invited,
    overRecruitPct: Math.round(result.overRecruit * 100),
    overRecruitWhy: overRecruitWhy(history),
    coolDownDays,
    fill: result.fill.map((f) => ({
      quota: quotaLabel(f.quota, labels),
      sample: boundsText(f.sample.min, f.sample.max),
      invitations: boundsText(f.min, f.max),
      eligible: f.eligible,
      drawn: f.drawn,
      met: f.met,
    })),
    shortfalls: result.shortfalls.map((s) => shortfallText(s, labels)),
    people: result.ids.map((id, i) => {
      const p = byId.get(id);
      return {
        n: i + 1,
        href: `/staff/participants/${id}`,
        name: [p?.first_name, p?.last_name].filter(Boolean).join(' ') || '(no name)',
        district: p?.council_district == null ? 'Unknown' : String(p.council_district),
        language: label('language', p?.language ?? null),
        myla311Use: label('myla311Use', p?.myla311_use ?? null),
      };
    }),
  };
}

/** Why the preview over-recruits by what it does, in words. */
export function overRecruitWhy(h: { attended: number; noShows: number; rate: number | null }) {
  const outcomes = h.attended + h.noShows;
  if (h.rate === null)
    return outcomes
      ? `there is too little attendance history yet (${outcomes} recorded ${outcomes === 1 ? 'outcome' : 'outcomes'} at past sessions; ${MIN_OUTCOMES} are needed), so the 20% default is used`
      : 'there is no attendance history yet, so the 20% default is used';
  return `the pool’s show rate over past sessions is ${Math.round(h.rate * 100)}% (${h.attended} attended of ${outcomes} expected; walk-ins not counted)`;
}
