import { sql, type Kysely } from 'kysely';
import type { Database, RegistrationStatus } from '../../db/schema';

/** The session facts a roster, its check-in and the sign-in sheet need, with its study's. */
export async function sessionForRoster(db: Kysely<Database>, studyId: number, sessionId: number) {
  return db
    .selectFrom('study_sessions as s')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .select([
      's.id',
      's.study_id',
      's.starts_at',
      's.duration_minutes',
      's.mode',
      's.place_name',
      's.language',
      's.capacity',
      's.extra_seats',
      's.seats_taken',
      's.status',
      's.facilitator_id',
      's.note_taker_id',
      's.incentive_cents',
      's.incentive_kind',
      'st.title as study_title',
      'st.status as study_status',
      'st.incentive_cents as study_incentive_cents',
    ])
    .where('s.id', '=', sessionId)
    .where('s.study_id', '=', studyId)
    .executeTakeFirst();
}
export type RosterSession = NonNullable<Awaited<ReturnType<typeof sessionForRoster>>>;

/** The sessions a staff member facilitates or takes notes at: upcoming first (soonest), then past (latest). */
export async function sessionsOfStaff(db: Kysely<Database>, staffId: number, nowIso: string) {
  const base = db
    .selectFrom('study_sessions as s')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .select([
      's.id',
      's.study_id',
      's.starts_at',
      's.duration_minutes',
      's.place_name',
      's.mode',
      's.language',
      's.capacity',
      's.seats_taken',
      's.status',
      's.facilitator_id',
      's.note_taker_id',
      'st.title as study_title',
    ])
    .where((eb) =>
      eb.or([eb('s.facilitator_id', '=', staffId), eb('s.note_taker_id', '=', staffId)]),
    )
    .where('st.status', '!=', 'archived');
  const [upcoming, past] = await Promise.all([
    base
      .where('s.starts_at', '>=', nowIso)
      .orderBy('s.starts_at')
      .orderBy('s.id')
      .limit(100)
      .execute(),
    base
      .where('s.starts_at', '<', nowIso)
      .orderBy('s.starts_at', 'desc')
      .orderBy('s.id')
      .limit(50)
      .execute(),
  ]);
  return { upcoming, past };
}

/**
 * A session's roster: every registration but plain cancellations (late ones stay, to be seen),
 * with the person, their needs and any incentive issued. Seats first, then the waitlist, then
 * walk-ins, each in registration order.
 */
export async function rosterRows(db: Kysely<Database>, sessionId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .leftJoin('incentives as i', 'i.registration_id', 'r.id')
    .leftJoin('staff_users as u', 'u.id', 'i.issued_by')
    .select([
      'r.id',
      'r.participant_id',
      'r.status',
      'r.late_cancellation',
      'r.outcome_from',
      'r.walk_in',
      'r.outcome_at',
      'r.accommodations',
      'r.created_at',
      'p.public_id',
      'p.status as person_status',
      'p.first_name',
      'p.last_name',
      'p.language',
      'p.interpreter_language',
      'i.id as incentive_id',
      'i.amount_cents as issued_cents',
      'i.method as issued_method',
      'i.issued_on',
      'i.reference_note',
      'u.name as issued_by_name',
    ])
    .where('r.session_id', '=', sessionId)
    .where((eb) => eb.or([eb('r.status', '!=', 'cancelled'), eb('r.late_cancellation', '=', 1)]))
    .orderBy('r.walk_in')
    .orderBy(sql`case r.status when 'waitlisted' then 1 else 0 end`)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}
export type RosterRow = Awaited<ReturnType<typeof rosterRows>>[number];

/** The profile's needs (participant_choices) of these people. */
export async function needsOf(db: Kysely<Database>, participantIds: number[]) {
  if (!participantIds.length) return new Map<number, string[]>();
  const rows = await db
    .selectFrom('participant_choices')
    .select(['participant_id', 'value'])
    .where('field', '=', 'needs')
    .where('participant_id', 'in', participantIds)
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.participant_id, [...(out.get(r.participant_id) ?? []), r.value]);
  return out;
}

export async function registrationForCheckIn(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('registrations')
    .select([
      'id',
      'session_id',
      'participant_id',
      'status',
      'late_cancellation',
      'outcome_from',
      'walk_in',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type CheckInRegistration = NonNullable<Awaited<ReturnType<typeof registrationForCheckIn>>>;

/**
 * Moves a registration from the status it was read in, recording the outcome's who and when;
 * false when it changed meanwhile (a second click finds nothing to change).
 */
export async function moveOutcome(
  db: Kysely<Database>,
  r: { id: number; status: RegistrationStatus },
  change: {
    status: RegistrationStatus;
    outcome_from: 'confirmed' | 'waitlisted' | null;
    walk_in: number;
    late_cancellation: number;
    cancelled_at: string | null;
    outcome_at: string | null;
    outcome_by: number | null;
    updated_at: string;
  },
): Promise<boolean> {
  const res = await db
    .updateTable('registrations')
    .set(change)
    .where('id', '=', r.id)
    .where('status', '=', r.status)
    .executeTakeFirst();
  return res.numUpdatedRows === 1n;
}

/** A walk-in with no registration: attended from the start, no seat. */
export async function insertWalkIn(
  db: Kysely<Database>,
  row: { session_id: number; participant_id: number; at: string; staffId: number },
): Promise<number> {
  const { id } = await db
    .insertInto('registrations')
    .values({
      session_id: row.session_id,
      participant_id: row.participant_id,
      status: 'attended',
      accommodations: null,
      channel: 'staff',
      walk_in: 1,
      outcome_from: null,
      outcome_at: row.at,
      outcome_by: row.staffId,
      created_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Whether an incentive was issued on this registration (an attended one stays attended then). */
export async function hasIncentive(db: Kysely<Database>, registrationId: number): Promise<boolean> {
  const row = await db
    .selectFrom('incentives')
    .select('id')
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();
  return Boolean(row);
}

/** Outcomes recorded at sessions that have started: the pool's show rate is read from them. */
export async function outcomeCounts(db: Kysely<Database>, nowIso: string) {
  const rows = await db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .select(['r.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.status', 'in', ['attended', 'no_show'])
    // Walk-ins were never expected: they would raise the rate of the people who registered.
    .where('r.walk_in', '=', 0)
    .where('s.starts_at', '<', nowIso)
    .groupBy('r.status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { attended: n('attended'), noShows: n('no_show') };
}

/** The id of the registration a person holds at a session, whatever its status. */
export async function registrationIdOf(
  db: Kysely<Database>,
  sessionId: number,
  participantId: number,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('registrations')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  return row?.id;
}
