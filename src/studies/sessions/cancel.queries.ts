import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** Everyone registered (confirmed and waitlisted) at a session, with how to reach them. */
export async function registeredPeople(db: Db, sessionId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'r.id as registration_id',
      'r.status',
      'r.created_at',
      'p.id',
      'p.first_name',
      'p.email',
      'p.contact_preference',
      'p.language',
      'p.status as person_status',
    ])
    .where('r.session_id', '=', sessionId)
    .where('r.status', 'in', ['confirmed', 'waitlisted'])
    .orderBy('r.id')
    .execute();
}
export type RegisteredPerson = Awaited<ReturnType<typeof registeredPeople>>[number];

/**
 * Cancels a scheduled session that has not started, its seats given back. Conditional, so a
 * second cancellation (or one at the start) changes nothing; true when this caller cancelled it.
 */
export async function cancelSessionRow(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('study_sessions')
    .set({ status: 'cancelled', seats_taken: 0, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/**
 * Cancels every confirmed and waitlisted registration of a cancelled session (never a late
 * cancellation: the City cancelled, not the person). Returns the registrations it cancelled.
 */
export async function cancelRegistrationsOf(db: Db, sessionId: number, now: string) {
  return db
    .updateTable('registrations')
    .set({ status: 'cancelled', cancelled_at: now, updated_at: now })
    .where('session_id', '=', sessionId)
    .where('status', 'in', ['confirmed', 'waitlisted'])
    .returning(['id', 'participant_id'])
    .execute();
}

/**
 * The study's other sessions someone could still choose: scheduled, registration open, a seat
 * left; in time order.
 */
export async function openSessionsOfStudy(db: Db, studyId: number, exceptId: number, now: string) {
  return db
    .selectFrom('study_sessions')
    .select([
      'id',
      'starts_at',
      'mode',
      'place_name',
      'address',
      'step_free',
      'parking',
      'transit',
      'video_url',
    ])
    .where('study_id', '=', studyId)
    .where('id', '!=', exceptId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '>', now)
    .where('registration_deadline', '>', now)
    .where(sql<boolean>`seats_taken < capacity + extra_seats`)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}
