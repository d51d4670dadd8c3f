import { formatPhone } from '../profile/profile.schema';
import type { RowPlan } from './import.plan';
import type { Draft } from './import.service';
import type { Mapping } from './import.schema';

export const PREVIEW_ROWS = 20;
export const REPORT_SHOWN = 500;

export const CHANNEL_LABELS: Record<string, string> = {
  paper: 'Paper sign-up forms',
  event: 'At an event',
  phone: 'By phone',
  referral: 'Referral from a partner organisation',
};

const OUTCOME_LABELS: Record<RowPlan['outcome'], string> = {
  create: 'New',
  merge: 'Merge',
  skip: 'Skip',
  invalid: 'Not imported',
};

/** The first rows of the plan as the preview table shows them. */
export function previewRows(plan: RowPlan[]) {
  return plan.slice(0, PREVIEW_ROWS).map((p) => {
    const v: Record<string, string> =
      p.outcome === 'invalid'
        ? { ...strings(p.input), phone: String(p.input.phone ?? '') }
        : {
            firstName: p.profile.firstName ?? '',
            lastName: p.profile.lastName ?? '',
            email: p.profile.email ?? '',
            phone: formatPhone(p.profile.phone),
            language: p.profile.language ?? '',
            zip: p.profile.zip ?? '',
            councilDistrict:
              p.profile.councilDistrict == null ? '' : String(p.profile.councilDistrict),
            contactPreference: p.profile.contactPreference ?? '',
          };
    return {
      n: p.n,
      outcome: OUTCOME_LABELS[p.outcome],
      invalid: p.outcome === 'invalid',
      ...shorten(v),
    };
  });
}

/** The file's columns to choose from, each with a sample value. */
export function columnOptions(draft: Draft) {
  return draft.file.headers.map((h, i) => ({
    value: String(i),
    label: `${h || `Column ${i + 1}`} (e.g. “${sample(draft, i)}”)`,
  }));
}

function sample(draft: Draft, column: number): string {
  const v = draft.file.rows.find((r) => (r.cells[column] ?? '').trim())?.cells[column] ?? '';
  return v.length > 30 ? `${v.slice(0, 30)}…` : v;
}

/** A saved (or guessed) mapping as the map form's values. */
export function mappingValues(m: Mapping): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(m.columns).map(([k, v]) => [k, String(v)])),
    defaultLanguage: m.defaultLanguage,
  };
}

function strings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]),
  );
}

/** Cells as shown in the preview: a 10 KB "name" must not flood the page. */
function shorten(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, v.length > 60 ? `${v.slice(0, 60)}…` : v]),
  );
}
