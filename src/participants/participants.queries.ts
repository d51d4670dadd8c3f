import type { Kysely } from 'kysely';
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

/** Cancels mail not yet sent to a participant (deletion, withdrawal). */
export async function cancelQueuedMail(db: Kysely<Database>, participantId: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'cancelled' })
    .where('participant_id', '=', participantId)
    .where('status', 'in', ['queued', 'kept'])
    .execute();
}

/** Blanks the personal content of mail to a participant: the log keeps only that mail existed. */
export async function scrubMail(db: Kysely<Database>, participantId: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      to_address: '(deleted)',
      to_name: null,
      subject: '(deleted)',
      text_body: '',
      html_body: '',
      attachments: '[]',
      last_error: null,
    })
    .where('participant_id', '=', participantId)
    .execute();
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

/** Whether mail of these templates was written to a participant since a time. */
export async function hasRecentMail(
  db: Kysely<Database>,
  participantId: number,
  templates: string[],
  sinceIso: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('template', 'in', templates)
    .where('created_at', '>', sinceIso)
    .executeTakeFirst();
  return row !== undefined;
}
