import { sql, type Kysely } from 'kysely';
import type { Database, NewParticipant, ParticipantRow, ParticipantUpdate } from '../db/schema';
import type { ChoiceField } from './profile/options';

export async function insertParticipant(
  db: Kysely<Database>,
  row: NewParticipant,
): Promise<number> {
  const { id } = await db
    .insertInto('participants')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findById(
  db: Kysely<Database>,
  id: number,
): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<ParticipantRow | undefined> {
  return db.selectFrom('participants').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findByPhone(
  db: Kysely<Database>,
  phone: string,
): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('participants')
    .selectAll()
    .where('phone', '=', phone)
    .where('status', '!=', 'deleted')
    .executeTakeFirst();
}

export async function updateParticipant(
  db: Kysely<Database>,
  id: number,
  change: ParticipantUpdate,
): Promise<void> {
  await db.updateTable('participants').set(change).where('id', '=', id).execute();
}

export type Choices = Record<ChoiceField, string[]>;

export async function choicesOf(db: Kysely<Database>, id: number): Promise<Choices> {
  const rows = await db
    .selectFrom('participant_choices')
    .select(['field', 'value'])
    .where('participant_id', '=', id)
    .execute();
  const out: Choices = { channels: [], requestTypes: [], needs: [], availability: [], race: [] };
  for (const r of rows) (out[r.field as ChoiceField] ??= []).push(r.value);
  return out;
}

/** Replaces the multi-choice answers of a participant. */
export async function setChoices(
  db: Kysely<Database>,
  id: number,
  choices: Partial<Choices>,
): Promise<void> {
  const fields = Object.keys(choices) as ChoiceField[];
  if (!fields.length) return;
  await db
    .deleteFrom('participant_choices')
    .where('participant_id', '=', id)
    .where('field', 'in', fields)
    .execute();
  const rows = fields.flatMap((field) =>
    (choices[field] ?? []).map((value) => ({ participant_id: id, field, value })),
  );
  if (rows.length) await db.insertInto('participant_choices').values(rows).execute();
}

export async function deletePendingOlderThan(
  db: Kysely<Database>,
  cutoffIso: string,
): Promise<number> {
  const r = await db
    .deleteFrom('participants')
    .where('status', '=', 'pending')
    .where('created_at', '<', cutoffIso)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Changes a participant only while their status is one of `from`; whether it did. */
export async function updateIfStatus(
  db: Kysely<Database>,
  id: number,
  from: ParticipantRow['status'][],
  change: ParticipantUpdate,
): Promise<boolean> {
  const r = await db
    .updateTable('participants')
    .set(change)
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Pauses whose time is up end: the person is active again. */
export async function endPausesBefore(db: Kysely<Database>, nowIso: string): Promise<number> {
  const r = await db
    .updateTable('participants')
    .set({ status: 'active', paused_until: null, updated_at: nowIso })
    .where('status', '=', 'paused')
    .where('paused_until', '<=', nowIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function pendingIdsBefore(db: Kysely<Database>, cutoffIso: string): Promise<number[]> {
  const rows = await db
    .selectFrom('participants')
    .select('id')
    .where('status', '=', 'pending')
    .where('created_at', '<', cutoffIso)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A sign of life: last active now, and any retention warning void. Never moves the date back;
 * the deleted stay deleted.
 */
export async function markActive(db: Kysely<Database>, id: number, atIso: string): Promise<void> {
  await db
    .updateTable('participants')
    .set({ last_active_at: atIso, retention_warned_at: null })
    .where('id', '=', id)
    .where('status', '!=', 'deleted')
    .where((eb) => eb.or([eb('last_active_at', 'is', null), eb('last_active_at', '<=', atIso)]))
    .execute();
}

/** Everyone in the table, whatever their status (the demo refuses to add to a real panel). */
export async function countParticipants(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What other features show of people they hold ids of (a roster): name, language, status. */
export async function peopleByIds(db: Kysely<Database>, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('participants')
    .select(['id', 'public_id', 'first_name', 'last_name', 'language', 'status'])
    .where('id', 'in', ids)
    .execute();
}

/**
 * The attendance history the pool filters on (`sessions_attended`, `no_shows`): moved by the
 * studies feature's check-in, inside its transaction, by the change one outcome made.
 */
export async function addToAttendanceHistory(
  db: Kysely<Database>,
  id: number,
  change: { attended: number; noShows: number },
): Promise<void> {
  if (!change.attended && !change.noShows) return;
  await db
    .updateTable('participants')
    .set({
      // CASE rather than max(): the same SQL on PostgreSQL (where it is greatest()).
      sessions_attended: sql`case when sessions_attended + ${change.attended} < 0 then 0 else sessions_attended + ${change.attended} end`,
      no_shows: sql`case when no_shows + ${change.noShows} < 0 then 0 else no_shows + ${change.noShows} end`,
    })
    .where('id', '=', id)
    .execute();
}
