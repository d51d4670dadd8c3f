import type { Kysely } from 'kysely';
import { HOUR, type Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { Database, ParticipantSource } from '../../db/schema';
import { auditParticipant, recordAudit } from '../../audit/audit.queries';
import { translator } from '../../i18n/i18n';
import type { CityNames } from '../../config';
import type { ReferenceData } from '../../reference/reference.queries';
import { NotFoundError } from '../../errors';
import { translateErrors } from '../../web/forms';
import {
  importOnlyErrors,
  parseCsvFile,
  rowToProfileInput,
  type CommitOptions,
  type Mapping,
  type ParsedFile,
} from './import.schema';
import * as iq from './import.queries';
import type { PoolMatch } from './import.queries';
import { countsOf, planRows, reportOf, type CheckedRow, type ReportEntry } from './import.plan';
import * as pq from '../participants.queries';
import type { ParticipantService } from '../participants.service';
import { profileColumns } from '../profile/profile.columns';
import { profileSchema, validateProfile, type Profile } from '../profile/profile.schema';

export const DRAFT_TTL = 24 * HOUR;

export interface Draft {
  id: number;
  filename: string;
  createdAt: string;
  file: ParsedFile;
  mapping: Mapping | null;
}

/** CSV imports of existing lists: drafts, preview with validation and duplicates, commit. */
export class ImportService {
  private readonly schema: ReturnType<typeof profileSchema>;
  /** Row problems are reported to staff in English, naming the configured city's services. */
  private readonly t: ReturnType<typeof translator>;

  constructor(
    private readonly d: {
      db: DB;
      clock: Clock;
      ref: ReferenceData;
      participants: ParticipantService;
      cityNames?: CityNames;
    },
  ) {
    this.schema = profileSchema(d.ref);
    this.t = translator('en', d.cityNames);
  }

  private cutoff(): string {
    return new Date(this.d.clock.now().getTime() - DRAFT_TTL).toISOString();
  }

  /** Reads the file (ValidationError with a `file` message when it cannot) and keeps it as a draft. */
  async createDraft(staffId: number, filename: string, content: Buffer): Promise<number> {
    const file = parseCsvFile(content);
    await this.purgeDrafts();
    return iq.insertDraft(this.d.db, {
      staffId,
      filename: cleanFilename(filename),
      rowsJson: JSON.stringify(file),
      at: this.d.clock.now().toISOString(),
    });
  }

  /** A draft of this staff member, younger than 24 hours; otherwise 404. */
  async draft(id: number, staffId: number): Promise<Draft> {
    const row = await iq.findDraft(this.d.db, id, staffId, this.cutoff());
    if (!row) throw new NotFoundError();
    return {
      id: row.id,
      filename: row.filename,
      createdAt: row.created_at,
      file: JSON.parse(row.rows_json) as ParsedFile,
      mapping: row.mapping_json ? (JSON.parse(row.mapping_json) as Mapping) : null,
    };
  }

  async saveMapping(draft: Draft, mapping: Mapping): Promise<void> {
    await iq.setDraftMapping(this.d.db, draft.id, JSON.stringify(mapping));
  }

  async cancel(draft: Draft): Promise<void> {
    await iq.deleteDraft(this.d.db, draft.id);
  }

  /** Drafts older than 24 hours hold personal data nobody is using: gone. */
  async purgeDrafts(): Promise<number> {
    return iq.purgeDraftsBefore(this.d.db, this.cutoff());
  }

  /** What would happen to each row, against the pool as it is now. */
  async preview(draft: Draft & { mapping: Mapping }, policy: CommitOptions['duplicatePolicy']) {
    const checked = this.checkRows(draft);
    const pool = await this.poolFor(this.d.db, checked);
    const plan = planRows(checked, pool, policy);
    return { plan, report: reportOf(plan), counts: countsOf(plan) };
  }

  /**
   * Imports the draft in one transaction: every good row becomes an active participant with
   * source "import" and a consent event, duplicates are merged or skipped, and the import is
   * recorded with its counts and report. Any failure leaves nothing behind.
   */
  async commit(
    draft: Draft & { mapping: Mapping },
    o: CommitOptions,
    staffId: number,
  ): Promise<number> {
    const checked = this.checkRows(draft);
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const plan = planRows(checked, await this.poolFor(trx, checked), o.duplicatePolicy);
      const importId = await iq.insertImport(trx, {
        staffId,
        at: now.toISOString(),
        filename: draft.filename,
        consentSource: o.consentSource,
        consentChannel: o.consentChannel,
        duplicatePolicy: o.duplicatePolicy,
      });
      const created = new Map<number, number>();
      for (const p of plan) {
        if (p.outcome === 'create') {
          created.set(
            p.n,
            await this.d.participants.createWithConsent(p.profile, {
              status: 'active',
              source: 'import',
              consentChannel: o.consentChannel as ParticipantSource,
              recordingConsent: false,
              staffId,
              importId,
              db: trx,
            }),
          );
        } else if (p.outcome === 'merge') {
          const id = 'participantId' in p.into ? p.into.participantId : created.get(p.into.row)!;
          await mergeInto(trx, id, p.profile, { staffId, importId, at: now });
        }
      }
      const counts = countsOf(plan);
      await iq.finishImport(trx, importId, { ...counts, report: JSON.stringify(reportOf(plan)) });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'participants.import',
        subjectType: 'import',
        subjectId: importId,
        details: {
          ...counts,
          duplicatePolicy: o.duplicatePolicy,
          consentChannel: o.consentChannel,
        },
        at: now,
      });
      await iq.deleteDraft(trx, draft.id);
      return importId;
    });
  }

  /** Validates every row with the profile rules (plus the import's own). */
  checkRows(draft: Draft & { mapping: Mapping }): CheckedRow[] {
    return draft.file.rows.map(({ n, cells }) => {
      const { input, unknown } = rowToProfileInput(cells, draft.mapping, this.d.ref);
      const form = validateProfile(this.schema, input);
      const extra = importOnlyErrors(input);
      if (!form.ok || Object.keys(extra).length) {
        const errors = { ...extra, ...(form.ok ? {} : translateErrors(form.errors, this.t)) };
        return { n, ok: false as const, errors, input };
      }
      const profile = { ...form.data };
      for (const k of unknown) profile[k] = null;
      return { n, ok: true as const, profile };
    });
  }

  private async poolFor(db: Kysely<Database>, rows: CheckedRow[]): Promise<PoolMatch[]> {
    const good = rows.flatMap((r) => (r.ok ? [r.profile] : []));
    const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
    return iq.poolMatches(db, uniq(good.map((p) => p.email)), uniq(good.map((p) => p.phone)));
  }

  async list(page: number, size: number) {
    return iq.listImports(this.d.db, size, (page - 1) * size);
  }

  async get(id: number) {
    const row = await iq.findImport(this.d.db, id);
    if (!row) throw new NotFoundError();
    return { ...row, report: JSON.parse(row.report) as ReportEntry[] };
  }
}

/** Fills the empty fields (and empty multi-choice answers) of a participant from an imported row. */
async function mergeInto(
  trx: Kysely<Database>,
  id: number,
  profile: Profile,
  o: { staffId: number; importId: number; at: Date },
): Promise<void> {
  const current = await pq.findById(trx, id);
  if (!current) throw new Error(`merge target ${id} is gone`);
  const change: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(profileColumns(profile))) {
    if (column === 'language') continue;
    if (current[column as keyof typeof current] === null && value !== null && value !== undefined)
      change[column] = value;
  }
  const choices = await pq.choicesOf(trx, id);
  const fromRow: pq.Choices = {
    channels: profile.channels,
    requestTypes: profile.requestTypes,
    needs: profile.needs,
    availability: profile.availability,
    race: profile.race,
  };
  const newChoices = Object.fromEntries(
    Object.entries(fromRow).filter(
      ([f, vs]) => vs.length && !choices[f as keyof pq.Choices].length,
    ),
  );
  const fields = [...Object.keys(change), ...Object.keys(newChoices)];
  if (!fields.length) return;
  if (Object.keys(change).length)
    await pq.updateParticipant(trx, id, { ...change, updated_at: o.at.toISOString() });
  await pq.setChoices(trx, id, newChoices);
  await auditParticipant(trx, {
    by: o.staffId,
    action: 'participant.edit',
    participantId: id,
    details: { importId: o.importId, fields },
    at: o.at,
  });
}

/** The name of the uploaded file as shown to staff: no path, no control characters, short. */
function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const controls = /[\u0000-\u001F\u007F]/g;
  const clean = base.replace(controls, '').trim().slice(0, 200);
  return clean || 'upload.csv';
}
