import type { Kysely } from 'kysely';
import type {
  Database,
  InvitationChannel,
  InvitationResponse,
  InvitationRow,
} from '../../db/schema';

export async function insertDraw(
  db: Kysely<Database>,
  row: {
    study_id: number;
    seed: string;
    size: number;
    over_recruit_rate: number;
    cool_down_days: number;
    query: string;
    invited_count: number;
    created_by: number | null;
    created_at: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('sample_draws')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * Invites people to a study; someone already invited to it keeps their first invitation
 * (UNIQUE study + person, ON CONFLICT DO NOTHING). Returns the invitations actually created.
 */
export async function insertInvitations(
  db: Kysely<Database>,
  rows: {
    study_id: number;
    participant_id: number;
    draw_id: number | null;
    channel: InvitationChannel;
    invited_at: string;
  }[],
): Promise<Pick<InvitationRow, 'id' | 'participant_id' | 'channel'>[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto('invitations')
    .values(rows)
    .onConflict((oc) => oc.columns(['study_id', 'participant_id']).doNothing())
    .returning(['id', 'participant_id', 'channel'])
    .execute();
}

export function findInvitation(
  db: Kysely<Database>,
  id: number,
): Promise<InvitationRow | undefined> {
  return db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function invitationOf(
  db: Kysely<Database>,
  studyId: number,
  participantId: number,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

/** Records that an invitation email went out (first time or again). */
export async function markSent(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db
    .updateTable('invitations')
    .set((eb) => ({ last_sent_at: at, times_sent: eb('times_sent', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The person answered: registered for a session, or said none suits them. */
export async function markResponded(
  db: Kysely<Database>,
  id: number,
  response: InvitationResponse,
  at: string,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ response, responded_at: at })
    .where('id', '=', id)
    .execute();
}
