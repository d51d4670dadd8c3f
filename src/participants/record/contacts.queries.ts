import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface NewContact {
  participantId: number;
  at: string;
  staffId: number | null;
  channel: string;
  outcome: string;
  note: string | null;
}

/** Logs a conversation (or an attempt) and marks the person as contacted at that time. */
export async function insertContact(db: Kysely<Database>, c: NewContact): Promise<number> {
  const { id } = await db
    .insertInto('contact_log')
    .values({
      participant_id: c.participantId,
      at: c.at,
      staff_id: c.staffId,
      channel: c.channel,
      outcome: c.outcome,
      note: c.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .updateTable('participants')
    .set({ last_contacted_at: c.at, updated_at: c.at })
    .where('id', '=', c.participantId)
    .execute();
  return id;
}

/** A participant's contact log, newest first, with the staff member's name. */
export async function contactsOf(db: Kysely<Database>, participantId: number) {
  return db
    .selectFrom('contact_log as c')
    .leftJoin('staff_users as s', 's.id', 'c.staff_id')
    .select(['c.id', 'c.at', 'c.channel', 'c.outcome', 'c.note', 's.name as staff_name'])
    .where('c.participant_id', '=', participantId)
    .orderBy('c.at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

/** Contact notes are free text about the person: deletion removes them. */
export async function deleteContactsOf(db: Kysely<Database>, participantId: number) {
  await db.deleteFrom('contact_log').where('participant_id', '=', participantId).execute();
}
