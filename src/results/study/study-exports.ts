import { BadRequestError, NotFoundError } from '../../errors';
import { findStudy } from '../../studies/studies.queries';
import { owedCents } from '../../studies/incentives/incentives.rules';
import type { CsvColumn } from '../../web/csv';
import type { ExportDeps, ExportFactory, ExportRequest, ExportType } from '../exports/export-type';
import { themesOfNotes } from '../../feedback/notes.queries';
import { cityIsoFormatter } from '../exports/city-iso';
import { newPseudonymizer } from '../exports/pseudonym';
import { amount, inBatches } from './export-values';
import { funnelRows, type FunnelRow } from './funnel';
import * as q from './study-exports.queries';
import { funnelCounts } from './study-report.queries';

/*
 * The study's exports (issue 9 item 11), scope `study`: registrations and attendance, the
 * recruitment funnel, incentives and coded notes. Pseudonyms only (a new salt per export), the
 * council district for place; never names, emails or phones. Rows are read in batches.
 */

const ROLES: ExportType['roles'] = ['analyst', 'organizer'];

async function studyOf(deps: ExportDeps, req: ExportRequest) {
  if (req.study === undefined) throw new BadRequestError();
  const study = await findStudy(deps.db, req.study);
  if (!study) throw new NotFoundError();
  return study;
}

const day = (deps: ExportDeps) => deps.clock.now().toISOString().slice(0, 10);

/** Every row of every batch, one at a time. */
async function* flat<T>(
  batches: AsyncIterable<T[]>,
  map: (rows: T[]) => Promise<unknown[]> | unknown[],
) {
  for await (const rows of batches) yield* await map(rows);
}

function registrations(deps: ExportDeps): ExportType {
  return {
    type: 'registrations',
    title: 'Registrations and attendance',
    scope: 'study',
    roles: ROLES,
    async open(req) {
      const study = await studyOf(deps, req);
      const pseudonym = newPseudonymizer();
      const iso = cityIsoFormatter(deps.cityTimeZone);
      const columns: CsvColumn<q.RegistrationExportRow>[] = [
        { header: 'pseudonym', value: (r) => pseudonym(r.participant_id), kind: 'code' },
        { header: 'session_id', value: (r) => r.session_id, kind: 'code' },
        {
          header: 'session_starts_at',
          value: (r) => iso(r.starts_at),
          kind: 'code',
        },
        { header: 'status', value: (r) => r.status, kind: 'code' },
        { header: 'checked_in', value: (r) => (r.status === 'attended' ? 1 : 0), kind: 'code' },
        { header: 'walk_in', value: (r) => r.walk_in, kind: 'code' },
        { header: 'late_cancellation', value: (r) => r.late_cancellation, kind: 'code' },
        {
          header: 'registered_at',
          value: (r) => iso(r.created_at),
          kind: 'code',
        },
        { header: 'council_district', value: (r) => r.council_district, kind: 'code' },
      ];
      const batches = inBatches((after) => q.registrationBatch(deps.db, study.id, after), q.BATCH);
      return {
        filename: `registrations-study-${study.id}-${day(deps)}.csv`,
        columns,
        rows: flat(batches, (rows) => rows),
      };
    },
  };
}

function funnel(deps: ExportDeps): ExportType {
  return {
    type: 'funnel',
    title: 'Recruitment funnel',
    scope: 'study',
    roles: ROLES,
    async open(req) {
      const study = await studyOf(deps, req);
      const columns: CsvColumn<FunnelRow>[] = [
        { header: 'step', value: (r) => r.step, kind: 'code' },
        { header: 'count', value: (r) => r.count, kind: 'code' },
        {
          header: 'rate_from_previous',
          value: (r) => (r.rate === null ? '' : r.rate.toFixed(4)),
          kind: 'code',
        },
      ];
      return {
        filename: `funnel-study-${study.id}-${day(deps)}.csv`,
        columns,
        rows: funnelRows(await funnelCounts(deps.db, study.id)),
      };
    },
  };
}

function incentives(deps: ExportDeps): ExportType {
  return {
    type: 'incentives',
    title: 'Incentives (pseudonymous)',
    scope: 'study',
    roles: ROLES,
    async open(req) {
      const study = await studyOf(deps, req);
      const pseudonym = newPseudonymizer();
      const iso = cityIsoFormatter(deps.cityTimeZone);
      const owed = (r: q.IncentiveExportRow) =>
        owedCents(r.status, r.incentive_cents, r.study_incentive_cents);
      const columns: CsvColumn<q.IncentiveExportRow>[] = [
        { header: 'pseudonym', value: (r) => pseudonym(r.participant_id), kind: 'code' },
        { header: 'session_id', value: (r) => r.session_id, kind: 'code' },
        {
          header: 'session_starts_at',
          value: (r) => iso(r.starts_at),
          kind: 'code',
        },
        {
          header: 'kind',
          value: (r) =>
            r.method ?? (r.incentive_cents > 0 ? r.incentive_kind : r.study_incentive_kind),
          kind: 'code',
        },
        { header: 'owed_amount', value: (r) => amount(owed(r) || null), kind: 'code' },
        {
          header: 'status',
          value: (r) => (r.issued_cents === null ? 'owed' : 'issued'),
          kind: 'code',
        },
        { header: 'issued_amount', value: (r) => amount(r.issued_cents), kind: 'code' },
        { header: 'issued_on', value: (r) => r.issued_on ?? '', kind: 'code' },
      ];
      const batches = inBatches((after) => q.incentiveBatch(deps.db, study.id, after), q.BATCH);
      return {
        filename: `incentives-study-${study.id}-${day(deps)}.csv`,
        columns,
        rows: flat(batches, (rows) => rows),
      };
    },
  };
}

type NoteLine = q.NoteExportRow & { themes: string };

function notes(deps: ExportDeps): ExportType {
  return {
    type: 'notes',
    title: 'Coded notes',
    scope: 'study',
    roles: ROLES,
    async open(req) {
      const study = await studyOf(deps, req);
      const iso = cityIsoFormatter(deps.cityTimeZone);
      const columns: CsvColumn<NoteLine>[] = [
        { header: 'note_id', value: (r) => r.id, kind: 'code' },
        { header: 'session_id', value: (r) => r.session_id, kind: 'code' },
        {
          header: 'session_starts_at',
          value: (r) => iso(r.starts_at),
          kind: 'code',
        },
        { header: 'pseudonym', value: (r) => r.pseudonym, kind: 'code' },
        { header: 'service', value: (r) => r.service },
        { header: 'stage', value: (r) => r.stage, kind: 'code' },
        { header: 'driver', value: (r) => r.driver, kind: 'code' },
        { header: 'sentiment', value: (r) => r.sentiment, kind: 'code' },
        { header: 'themes', value: (r) => r.themes },
        { header: 'quote', value: (r) => r.is_quote, kind: 'code' },
        { header: 'text', value: (r) => r.body },
      ];
      const batches = inBatches((after) => q.noteBatch(deps.db, study.id, after), q.BATCH);
      const withThemes = async (rows: q.NoteExportRow[]): Promise<NoteLine[]> => {
        const names = new Map<number, string[]>();
        for (const t of await themesOfNotes(
          deps.db,
          rows.map((r) => r.id),
        ))
          names.set(t.note_id, [...(names.get(t.note_id) ?? []), t.name]);
        return rows.map((r) => ({ ...r, themes: (names.get(r.id) ?? []).join('; ') }));
      };
      return {
        filename: `notes-study-${study.id}-${day(deps)}.csv`,
        columns,
        rows: flat(batches, withThemes),
      };
    },
  };
}

/** The study exports, for `exports/registry.ts`. */
export const studyExports: ExportFactory = (deps) => [
  registrations(deps),
  funnel(deps),
  incentives(deps),
  notes(deps),
];
