import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared';
import type { Database } from '../db/schema';

/** A stored session as the store reads it back. */
export interface SessionRow {
  data: string;
  expires_at: string;
}

export interface SessionWrite {
  sid: string;
  data: string;
  expires_at: string;
  /** The resident or staff member the session belongs to, so their sessions can be ended. */
  participant_id: number | null;
  staff_user_id: number | null;
}

// Read and written on most requests: prepared (src/db/prepared.ts).
const sessionOf = prepared((db: Kysely<Database>, a: { sid: string }) =>
  db.selectFrom('sessions').select(['data', 'expires_at']).where('sid', '=', a.sid),
);

export async function findSession(
  db: Kysely<Database>,
  sid: string,
): Promise<SessionRow | undefined> {
  return (await sessionOf(db, { sid })).rows[0];
}

const upsert = prepared((db: Kysely<Database>, row: SessionWrite) =>
  db
    .insertInto('sessions')
    .values(row)
    .onConflict((oc) =>
      oc.column('sid').doUpdateSet({
        data: row.data,
        expires_at: row.expires_at,
        participant_id: row.participant_id,
        staff_user_id: row.staff_user_id,
      }),
    ),
);

export async function upsertSession(db: Kysely<Database>, row: SessionWrite): Promise<void> {
  await upsert(db, row);
}

export async function setSessionExpiry(
  db: Kysely<Database>,
  sid: string,
  expiresAt: string,
): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('sid', '=', sid).execute();
}

export async function deleteSession(db: Kysely<Database>, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('sid', '=', sid).execute();
}

/** Removes sessions that expired at or before `now` (ISO); returns how many. */
export async function deleteExpiredSessions(db: Kysely<Database>, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every browser session of a resident (deletion, withdrawal). */
export async function deleteSessionsOfParticipant(
  db: Kysely<Database>,
  participantId: number,
): Promise<void> {
  await db.deleteFrom('sessions').where('participant_id', '=', participantId).execute();
}

/** Ends every browser session of a staff member (deactivation, password change and reset). */
export async function deleteSessionsOfStaff(db: Kysely<Database>, staffId: number): Promise<void> {
  await db.deleteFrom('sessions').where('staff_user_id', '=', staffId).execute();
}
