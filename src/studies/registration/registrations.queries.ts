import { sql, type Kysely } from 'kysely';
import type {
  Database,
  RegistrationChannel,
  RegistrationRow,
  RegistrationStatus,
} from '../../db/schema';

/**
 * The seat guard: takes one seat of a scheduled session if one is left. One statement, so it
 * holds under PostgreSQL's concurrent writers as well as SQLite's single one. True when a seat
 * was taken.
 */
export async function takeSeat(db: Kysely<Database>, sessionId: number): Promise<boolean> {
  const r = await db
    .updateTable('study_sessions')
    .set({ seats_taken: sql`seats_taken + 1` })
    .where('id', '=', sessionId)
    .where('status', '=', 'scheduled')
    .where(sql<boolean>`seats_taken < capacity + extra_seats`)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Gives one seat back. */
export async function releaseSeat(db: Kysely<Database>, sessionId: number): Promise<void> {
  await db
    .updateTable('study_sessions')
    .set({ seats_taken: sql`seats_taken - 1` })
    .where('id', '=', sessionId)
    .where('seats_taken', '>', 0)
    .execute();
}

export async function insertRegistration(
  db: Kysely<Database>,
  row: {
    session_id: number;
    participant_id: number;
    status: 'confirmed' | 'waitlisted';
    accommodations: string | null;
    channel: RegistrationChannel;
    created_at: string;
  },
): Promise<RegistrationRow> {
  return db
    .insertInto('registrations')
    .values({ ...row, updated_at: row.created_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A cancelled registration taken up again: a new place (end of the waitlist when waitlisted). */
export async function reopenRegistration(
  db: Kysely<Database>,
  id: number,
  row: {
    status: 'confirmed' | 'waitlisted';
    accommodations: string | null;
    channel: RegistrationChannel;
    at: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('registrations')
    .set({
      status: row.status,
      accommodations: row.accommodations,
      channel: row.channel,
      late_cancellation: 0,
      cancelled_at: null,
      created_at: row.at,
      updated_at: row.at,
    })
    .where('id', '=', id)
    .where('status', '=', 'cancelled')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function findRegistration(
  db: Kysely<Database>,
  id: number,
): Promise<RegistrationRow | undefined> {
  return db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function registrationOf(
  db: Kysely<Database>,
  sessionId: number,
  participantId: number,
): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

/** Moves a registration on from the status it was read in; false when it changed meanwhile. */
export async function moveStatus(
  db: Kysely<Database>,
  id: number,
  from: RegistrationStatus,
  change: {
    status: RegistrationStatus;
    updated_at: string;
    cancelled_at?: string;
    late_cancellation?: number;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('registrations')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** The first person on a session's waitlist: the oldest. */
export async function firstWaitlisted(
  db: Kysely<Database>,
  sessionId: number,
): Promise<RegistrationRow | undefined> {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '=', 'waitlisted')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** A session's registrations that are not cancelled: confirmed first, the waitlist in order. */
export async function rosterOf(db: Kysely<Database>, sessionId: number) {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('status', '!=', 'cancelled')
    .orderBy(sql`case status when 'waitlisted' then 1 else 0 end`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Counts by status of one session (for tests and pages). */
export async function countsOf(db: Kysely<Database>, sessionId: number) {
  const rows = await db
    .selectFrom('registrations')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('session_id', '=', sessionId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
    Record<RegistrationStatus, number>
  >;
}

/** One participant's registrations, newest session first, with the session and its study. */
export async function registrationsOfParticipant(db: Kysely<Database>, participantId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .select([
      'r.id',
      'r.status',
      'r.late_cancellation',
      'r.walk_in',
      'r.channel',
      's.id as session_id',
      's.starts_at',
      'st.id as study_id',
      'st.title as study_title',
    ])
    .where('r.participant_id', '=', participantId)
    .orderBy('s.starts_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
}

/** Deletion of a person: the accommodations they stated are personal, so they are blanked. */
export async function blankAccommodationsOf(
  db: Kysely<Database>,
  participantId: number,
): Promise<void> {
  await db
    .updateTable('registrations')
    .set({ accommodations: null })
    .where('participant_id', '=', participantId)
    .where('accommodations', 'is not', null)
    .execute();
}

/** A whole session row by id (what the resident pages and the emails show). */
export async function sessionById(db: Kysely<Database>, sessionId: number) {
  return db.selectFrom('study_sessions').selectAll().where('id', '=', sessionId).executeTakeFirst();
}

/** A waitlisted registration's place in line: 1 for the first (created_at, then id). */
export async function waitlistPosition(
  db: Kysely<Database>,
  reg: Pick<RegistrationRow, 'session_id' | 'created_at' | 'id'>,
): Promise<number> {
  const r = await db
    .selectFrom('registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', reg.session_id)
    .where('status', '=', 'waitlisted')
    .where((eb) =>
      eb.or([
        eb('created_at', '<', reg.created_at),
        eb.and([eb('created_at', '=', reg.created_at), eb('id', '<', reg.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n) + 1;
}

/**
 * A person's registrations in one study that still count (not cancelled), the soonest session
 * first: what their invitation page shows.
 */
export async function liveRegistrationsInStudy(
  db: Kysely<Database>,
  studyId: number,
  participantId: number,
) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .selectAll('r')
    .where('s.study_id', '=', studyId)
    .where('r.participant_id', '=', participantId)
    .where('r.status', '!=', 'cancelled')
    .orderBy('s.starts_at')
    .orderBy('r.id')
    .execute();
}
