import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/*
 * What the demo studies need to read that no service offers: a study by its title (a second
 * run leaves it alone), the people a study invited with their language, and a session's
 * registrations in the order they were made.
 */

export async function studyIdByTitle(db: Kysely<Database>, title: string) {
  const row = await db
    .selectFrom('studies')
    .select('id')
    .where('title', '=', title)
    .orderBy('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A study's invitations in the order they were made, with what decides which sessions suit the person. */
export function invitees(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('participants as p', 'p.id', 'i.participant_id')
    .select([
      'i.id',
      'i.participant_id',
      'i.channel',
      'p.language',
      'p.interpreter_language',
      'p.format_preference',
    ])
    .where('i.study_id', '=', studyId)
    .orderBy('i.id')
    .execute();
}

/** A session's registrations in the order they were made. */
export function registrationsOfSession(db: Kysely<Database>, sessionId: number) {
  return db
    .selectFrom('registrations')
    .select(['id', 'participant_id', 'status'])
    .where('session_id', '=', sessionId)
    .orderBy('id')
    .execute();
}

/** A study's sessions in start order, with who facilitates and takes notes. */
export function sessionsOfStudy(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('study_sessions')
    .select(['id', 'starts_at', 'facilitator_id', 'note_taker_id'])
    .where('study_id', '=', studyId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}
