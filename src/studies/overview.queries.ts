import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/*
 * What the staff home asks of the studies feature: the sessions coming up and what needs doing.
 */

export interface UpcomingSession {
  id: number;
  study_id: number;
  study_title: string;
  starts_at: string;
  language: string;
  mode: string;
  capacity: number;
  extra_seats: number;
  seats_taken: number;
  waitlisted: number;
}

/**
 * Scheduled sessions starting in [from, to), soonest first. With `staffId`, only the sessions
 * that person facilitates or takes notes at.
 */
export function upcomingSessions(
  db: Kysely<Database>,
  from: string,
  to: string,
  staffId: number | null = null,
): Promise<UpcomingSession[]> {
  let q = db
    .selectFrom('study_sessions as s')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .where('s.status', '=', 'scheduled')
    .where('st.status', '!=', 'archived')
    .where('s.starts_at', '>=', from)
    .where('s.starts_at', '<', to);
  if (staffId !== null)
    q = q.where((eb) =>
      eb.or([eb('s.facilitator_id', '=', staffId), eb('s.note_taker_id', '=', staffId)]),
    );
  return q
    .select([
      's.id',
      's.study_id',
      'st.title as study_title',
      's.starts_at',
      's.language',
      's.mode',
      's.capacity',
      's.extra_seats',
      's.seats_taken',
    ])
    .select((eb) =>
      eb
        .selectFrom('registrations as r')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('r.session_id', '=', 's.id')
        .where('r.status', '=', 'waitlisted')
        .as('waitlisted'),
    )
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute() as Promise<UpcomingSession[]>;
}

/** Per study still recruiting or running: invitations nobody has answered yet. */
export function unansweredInvitations(
  db: Kysely<Database>,
): Promise<{ study_id: number; study_title: string; n: number }[]> {
  return db
    .selectFrom('invitations as i')
    .innerJoin('studies as st', 'st.id', 'i.study_id')
    .where('st.status', 'in', ['recruiting', 'running'])
    .where('i.response', 'is', null)
    .groupBy(['i.study_id', 'st.title'])
    .select(['i.study_id', 'st.title as study_title'])
    .select(sql<number>`count(*)`.as('n'))
    .orderBy('i.study_id')
    .execute();
}
