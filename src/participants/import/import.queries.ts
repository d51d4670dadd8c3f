import { sql, type Kysely } from 'kysely';
import type { Database, ParticipantRow } from '../../db/schema';

// ---- Drafts: a file between upload and commit ----

export async function insertDraft(
  db: Kysely<Database>,
  d: { staffId: number; filename: string; rowsJson: string; at: string },
): Promise<number> {
  const { id } = await db
    .insertInto('import_drafts')
    .values({
      staff_id: d.staffId,
      filename: d.filename,
      rows_json: d.rowsJson,
      mapping_json: null,
      created_at: d.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A draft of this staff member that is not older than `since`. */
export async function findDraft(db: Kysely<Database>, id: number, staffId: number, since: string) {
  return db
    .selectFrom('import_drafts')
    .selectAll()
    .where('id', '=', id)
    .where('staff_id', '=', staffId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
}

export async function setDraftMapping(db: Kysely<Database>, id: number, mappingJson: string) {
  await db
    .updateTable('import_drafts')
    .set({ mapping_json: mappingJson })
    .where('id', '=', id)
    .execute();
}

export async function deleteDraft(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('import_drafts').where('id', '=', id).execute();
}

export async function purgeDraftsBefore(db: Kysely<Database>, cutoff: string): Promise<number> {
  const r = await db
    .deleteFrom('import_drafts')
    .where('created_at', '<', cutoff)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---- Duplicates in the pool ----

export type PoolMatch = Pick<ParticipantRow, 'id' | 'status' | 'email' | 'phone'>;

/** Participants with one of these emails or phones (deleted people have neither). */
export async function poolMatches(
  db: Kysely<Database>,
  emails: string[],
  phones: string[],
): Promise<PoolMatch[]> {
  const out: PoolMatch[] = [];
  const chunk = 400;
  for (const [column, values] of [
    ['email', emails],
    ['phone', phones],
  ] as const) {
    for (let i = 0; i < values.length; i += chunk) {
      out.push(
        ...(await db
          .selectFrom('participants')
          .select(['id', 'status', 'email', 'phone'])
          .where(column, 'in', values.slice(i, i + chunk))
          .where('status', '!=', 'deleted')
          .execute()),
      );
    }
  }
  return out;
}

// ---- Imports done ----

export async function insertImport(
  db: Kysely<Database>,
  i: {
    staffId: number;
    at: string;
    filename: string;
    consentSource: string;
    consentChannel: string;
    duplicatePolicy: string;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('participant_imports')
    .values({
      staff_id: i.staffId,
      created_at: i.at,
      filename: i.filename,
      consent_source: i.consentSource,
      consent_channel: i.consentChannel,
      duplicate_policy: i.duplicatePolicy,
      rows_total: 0,
      rows_created: 0,
      rows_merged: 0,
      rows_skipped: 0,
      rows_invalid: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function finishImport(
  db: Kysely<Database>,
  id: number,
  r: {
    total: number;
    created: number;
    merged: number;
    skipped: number;
    invalid: number;
    report: string;
  },
): Promise<void> {
  await db
    .updateTable('participant_imports')
    .set({
      rows_total: r.total,
      rows_created: r.created,
      rows_merged: r.merged,
      rows_skipped: r.skipped,
      rows_invalid: r.invalid,
      report: r.report,
    })
    .where('id', '=', id)
    .execute();
}

const importColumns = [
  'i.id',
  'i.created_at',
  'i.filename',
  'i.consent_source',
  'i.consent_channel',
  'i.duplicate_policy',
  'i.rows_total',
  'i.rows_created',
  'i.rows_merged',
  'i.rows_skipped',
  'i.rows_invalid',
  's.name as staff_name',
] as const;

export async function listImports(db: Kysely<Database>, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('participant_imports as i')
      .leftJoin('staff_users as s', 's.id', 'i.staff_id')
      .select(importColumns)
      .orderBy('i.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('participant_imports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function findImport(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('participant_imports as i')
    .leftJoin('staff_users as s', 's.id', 'i.staff_id')
    .select([...importColumns, 'i.report'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/**
 * Drops the uncommitted imports whose rows mention this address, in any case (deletion of that
 * person). LIKE with an escape character, lower() on both sides: the same on PostgreSQL.
 */
export async function deleteDraftsMentioning(db: Kysely<Database>, email: string) {
  const pattern = `%${email.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  await db
    .deleteFrom('import_drafts')
    .where(sql<boolean>`lower(rows_json) like ${pattern} escape '\\'`)
    .execute();
}
