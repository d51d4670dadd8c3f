import { IMPORT_FIELDS, type CommitOptions } from './import.schema';
import type { PoolMatch } from './import.queries';
import type { Profile } from '../profile/profile.schema';

/*
 * The pure rules of an import: what happens to each row of a checked file (create, merge into
 * someone, skip, or not imported) and the report staff read. No database: unit-tested alone.
 */

const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, f.label])),
  neighborhoodCouncil: 'Neighborhood council',
  needsOther: 'Other needs',
  ageRange: 'Age range',
  gender: 'Gender',
  race: 'Race or ethnicity',
  channels: '311 channels',
  requestTypes: 'Request types',
};
export const fieldLabel = (k: string) => FIELD_LABELS[k] ?? k;

/** Where a duplicate goes: a person already in the pool, or an earlier row of the same file. */
export type Target = { participantId: number } | { row: number };

export type RowPlan =
  | {
      n: number;
      outcome: 'invalid';
      errors: Record<string, string>;
      input: Record<string, unknown>;
    }
  | { n: number; outcome: 'create'; profile: Profile }
  | { n: number; outcome: 'merge'; profile: Profile; into: Target; why: string }
  | { n: number; outcome: 'skip'; profile: Profile; why: string; participantId?: number };

/** One line of the import report: a row number as in the file, the field, why. */
export interface ReportEntry {
  row: number;
  field: string;
  message: string;
  outcome: 'invalid' | 'skipped' | 'merged';
  participantId?: number;
}

export type CheckedRow =
  | { n: number; ok: true; profile: Profile }
  | { n: number; ok: false; errors: Record<string, string>; input: Record<string, unknown> };

/**
 * Decides each row's outcome. Duplicates are found by email, then phone, against the pool and
 * against earlier good rows of the same file; a row matching two different people is skipped.
 */
export function planRows(
  rows: CheckedRow[],
  pool: PoolMatch[],
  policy: CommitOptions['duplicatePolicy'],
): RowPlan[] {
  const poolBy = { email: new Map<string, PoolMatch>(), phone: new Map<string, PoolMatch>() };
  for (const m of [...pool].sort((a, b) => a.id - b.id)) {
    if (m.email && !poolBy.email.has(m.email)) poolBy.email.set(m.email, m);
    if (m.phone && !poolBy.phone.has(m.phone)) poolBy.phone.set(m.phone, m);
  }
  const fileBy = { email: new Map<string, Target>(), phone: new Map<string, Target>() };
  const withdrawn = new Set(pool.filter((m) => m.status === 'withdrawn').map((m) => m.id));
  const find = (key: 'email' | 'phone', value: string | null): Target | undefined => {
    if (!value) return undefined;
    const inFile = fileBy[key].get(value);
    if (inFile) return inFile;
    const m = poolBy[key].get(value);
    return m ? { participantId: m.id } : undefined;
  };
  const same = (a: Target, b: Target) =>
    'row' in a
      ? 'row' in b && a.row === b.row
      : 'participantId' in b && a.participantId === b.participantId;

  return rows.map((r): RowPlan => {
    if (!r.ok) return { n: r.n, outcome: 'invalid', errors: r.errors, input: r.input };
    const p = r.profile;
    const byEmail = find('email', p.email);
    const byPhone = find('phone', p.phone);
    const remember = (target: Target) => {
      if (p.email && !fileBy.email.has(p.email)) fileBy.email.set(p.email, target);
      if (p.phone && !fileBy.phone.has(p.phone)) fileBy.phone.set(p.phone, target);
    };
    if (byEmail && byPhone && !same(byEmail, byPhone))
      return {
        n: r.n,
        outcome: 'skip',
        profile: p,
        why: 'The email and the phone number belong to two different people: skipped',
      };
    const target = byEmail ?? byPhone;
    if (!target) {
      remember({ row: r.n });
      return { n: r.n, outcome: 'create', profile: p };
    }
    remember(target);
    const by = byEmail ? 'email' : 'phone number';
    const who =
      'row' in target
        ? `Same ${by} as row ${target.row}`
        : `Same ${by} as participant ${target.participantId}, already in the panel`;
    const participantId = 'participantId' in target ? target.participantId : undefined;
    if (participantId && withdrawn.has(participantId))
      return {
        n: r.n,
        outcome: 'skip',
        profile: p,
        participantId,
        why: `${who}, who withdrew: not changed`,
      };
    if (policy === 'merge')
      return {
        n: r.n,
        outcome: 'merge',
        profile: p,
        into: target,
        why: `${who}: empty fields filled in`,
      };
    return { n: r.n, outcome: 'skip', profile: p, participantId, why: `${who}: skipped` };
  });
}

export function reportOf(plan: RowPlan[]): ReportEntry[] {
  return plan.flatMap((p): ReportEntry[] => {
    if (p.outcome === 'invalid')
      return Object.entries(p.errors).map(([field, message]) => ({
        row: p.n,
        field: fieldLabel(field),
        message: `${message}. Not imported`,
        outcome: 'invalid',
      }));
    if (p.outcome === 'skip')
      return [
        {
          row: p.n,
          field: 'Duplicate',
          message: p.why,
          outcome: 'skipped',
          participantId: p.participantId,
        },
      ];
    if (p.outcome === 'merge')
      return [
        {
          row: p.n,
          field: 'Duplicate',
          message: p.why,
          outcome: 'merged',
          participantId: 'participantId' in p.into ? p.into.participantId : undefined,
        },
      ];
    return [];
  });
}

export function countsOf(plan: RowPlan[]) {
  const n = (o: RowPlan['outcome']) => plan.filter((p) => p.outcome === o).length;
  return {
    total: plan.length,
    created: n('create'),
    merged: n('merge'),
    skipped: n('skip'),
    invalid: n('invalid'),
  };
}
