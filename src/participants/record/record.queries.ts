import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** The messages written to a participant, newest first (the Mail log has the bodies). */
export async function mailOf(db: Kysely<Database>, participantId: number, limit = 100) {
  return db
    .selectFrom('outbox')
    .select(['id', 'subject', 'status', 'created_at', 'sent_at'])
    .where('participant_id', '=', participantId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
