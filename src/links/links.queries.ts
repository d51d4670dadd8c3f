import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export type LinkPurpose =
  | 'staff-set-password'
  | 'first-admin'
  | 'participant-confirm'
  | 'participant-manage'
  | 'participant-email'
  | 'participant-stay'
  | 'study-invitation'
  | 'survey';

export interface NewLink {
  tokenHash: string;
  purpose: LinkPurpose;
  staffUserId: number | null;
  participantId?: number | null;
  payload?: string | null;
  now: Date;
  ttlMs: number;
}

export async function insertLink(db: Kysely<Database>, link: NewLink): Promise<void> {
  await db
    .insertInto('magic_links')
    .values({
      token_hash: link.tokenHash,
      purpose: link.purpose,
      staff_user_id: link.staffUserId,
      participant_id: link.participantId ?? null,
      payload: link.payload ?? null,
      created_at: link.now.toISOString(),
      expires_at: new Date(link.now.getTime() + link.ttlMs).toISOString(),
    })
    .execute();
}

/** A link that can still be used (not used, not expired), or undefined. */
export async function findUsableLink(
  db: Kysely<Database>,
  tokenHash: string,
  purposes: LinkPurpose[],
  now: Date,
) {
  return db
    .selectFrom('magic_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
}

/** Marks a link used; true only for the one caller that changed the row (atomic redemption). */
export async function redeemLink(
  db: Kysely<Database>,
  tokenHash: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('magic_links')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids the unused links of one purpose (e.g. older invitations when a new one is sent). */
export async function voidLinks(
  db: Kysely<Database>,
  purpose: LinkPurpose,
  staffUserId: number | null,
  now: Date,
): Promise<void> {
  let q = db
    .updateTable('magic_links')
    .set({ used_at: now.toISOString() })
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null);
  q =
    staffUserId === null
      ? q.where('staff_user_id', 'is', null)
      : q.where('staff_user_id', '=', staffUserId);
  await q.execute();
}

export async function purgeDeadLinks(db: Kysely<Database>, now: Date): Promise<void> {
  // Keep used/expired rows for a day for support questions, then drop them.
  const cutoff = new Date(now.getTime() - 24 * 3600_000).toISOString();
  await db.deleteFrom('magic_links').where('expires_at', '<', cutoff).execute();
}

/** Removes every link of a participant (deletion). */
export async function deleteParticipantLinks(
  db: Kysely<Database>,
  participantId: number,
): Promise<void> {
  await db.deleteFrom('magic_links').where('participant_id', '=', participantId).execute();
}
