import type { Kysely } from 'kysely';
import type {
  Database,
  NewSessionReminder,
  ReminderSkipReason,
  ReminderStatus,
} from '../../db/schema';

type Db = Kysely<Database>;

/** Confirmed registrations of scheduled sessions that have not started: what reminders are for. */
export async function planCandidates(db: Db, now: string) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'r.id',
      'r.created_at',
      'r.updated_at',
      's.starts_at',
      'st.reminder_offsets',
      'p.email',
      'p.contact_preference',
    ])
    .where('r.status', '=', 'confirmed')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', now)
    .orderBy('r.id')
    .execute();
}

/** Inserts rows; one already there (same registration, kind, offset and registration time) is left as it is. */
export async function insertReminders(db: Db, rows: NewSessionReminder[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('session_reminders')
      .values(rows.slice(i, i + 100))
      .onConflict((oc) =>
        oc.columns(['registration_id', 'kind', 'offset_hours', 'registered_at']).doNothing(),
      )
      .execute();
}

/** Pending reminder rows (to compare with the study's offsets today). */
export async function pendingReminders(db: Db) {
  return db
    .selectFrom('session_reminders')
    .select(['id', 'registration_id', 'offset_hours'])
    .where('status', '=', 'pending')
    .where('kind', '=', 'reminder')
    .execute();
}

/** Pending reminders whose session moved since they were planned. */
export async function movedReminders(db: Db) {
  return db
    .selectFrom('session_reminders as sr')
    .innerJoin('registrations as r', 'r.id', 'sr.registration_id')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .select(['sr.id', 'sr.offset_hours', 's.starts_at'])
    .where('sr.status', '=', 'pending')
    .where('sr.kind', '=', 'reminder')
    .whereRef('s.starts_at', '!=', 'sr.session_starts_at')
    .execute();
}

export async function moveReminder(db: Db, id: number, dueAt: string, startsAt: string) {
  await db
    .updateTable('session_reminders')
    .set({ due_at: dueAt, session_starts_at: startsAt })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Pending rows that must no longer go out, with why: the session has started (never after the
 * start), the person withdrew or was deleted, or — for reminders — the session was cancelled or
 * the registration is no longer confirmed. A cancellation notice is about a cancelled
 * registration by nature: only the start and the person end it.
 */
export async function staleReminders(db: Db, now: string) {
  return db
    .selectFrom('session_reminders as sr')
    .innerJoin('registrations as r', 'r.id', 'sr.registration_id')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'sr.id',
      'sr.kind',
      'r.status as registration_status',
      's.status as session_status',
      's.starts_at',
      'p.status as person_status',
    ])
    .where('sr.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        eb('s.starts_at', '<=', now),
        eb('p.status', 'in', ['withdrawn', 'deleted']),
        eb.and([
          eb('sr.kind', '=', 'reminder'),
          eb.or([eb('s.status', '=', 'cancelled'), eb('r.status', '!=', 'confirmed')]),
        ]),
      ]),
    )
    .execute();
}
export type StaleReminder = Awaited<ReturnType<typeof staleReminders>>[number];

/** Marks these pending rows skipped for a reason (a row done meanwhile stays as it is). */
export async function skipReminders(
  db: Db,
  ids: number[],
  reason: ReminderSkipReason,
  now: string,
): Promise<number> {
  if (!ids.length) return 0;
  const r = await db
    .updateTable('session_reminders')
    .set({ status: 'skipped', skip_reason: reason, done_at: now })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Cancelling a session: its pending reminders will not go out. */
export async function skipRemindersOfSession(db: Db, sessionId: number, now: string) {
  await db
    .updateTable('session_reminders')
    .set({ status: 'skipped', skip_reason: 'session', done_at: now })
    .where('status', '=', 'pending')
    .where('kind', '=', 'reminder')
    .where('registration_id', 'in', (eb) =>
      eb.selectFrom('registrations').select('id').where('session_id', '=', sessionId),
    )
    .execute();
}

/** What an email or a call needs to know of a session. */
const SESSION_COLUMNS = [
  's.id as session_id',
  's.study_id',
  's.starts_at',
  's.mode',
  's.place_name',
  's.address',
  's.step_free',
  's.parking',
  's.transit',
  's.video_url',
] as const;

/** Due email reminders whose registration is confirmed and whose session is ahead, oldest due first. */
export async function dueEmailReminders(db: Db, now: string, limit: number) {
  return db
    .selectFrom('session_reminders as sr')
    .innerJoin('registrations as r', 'r.id', 'sr.registration_id')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'sr.id',
      'sr.offset_hours',
      'p.id as participant_id',
      'p.first_name',
      'p.email',
      'p.contact_preference',
      'p.language',
      ...SESSION_COLUMNS,
    ])
    .where('sr.status', '=', 'pending')
    .where('sr.kind', '=', 'reminder')
    .where('sr.channel', '=', 'email')
    .where('sr.due_at', '<=', now)
    .where('r.status', '=', 'confirmed')
    .where('s.status', '=', 'scheduled')
    .where('s.starts_at', '>', now)
    .orderBy('sr.due_at')
    .orderBy('sr.id')
    .limit(limit)
    .execute();
}
export type DueReminder = Awaited<ReturnType<typeof dueEmailReminders>>[number];

/** A pending email reminder to someone now reached by phone (their details changed): a call. */
export async function switchToCall(db: Db, id: number): Promise<void> {
  await db
    .updateTable('session_reminders')
    .set({ channel: 'call' })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('channel', '=', 'email')
    .execute();
}

/**
 * Claims a due email reminder: pending → sent, only while its registration is confirmed and its
 * session scheduled and ahead. One statement, so two runners (or a cancellation at the same
 * moment) can never both win, on SQLite or PostgreSQL. True when this caller claimed it.
 */
export async function claimReminder(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('session_reminders')
    .set({ status: 'sent', done_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('channel', '=', 'email')
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('registrations as r')
          .innerJoin('study_sessions as s', 's.id', 'r.session_id')
          .select('r.id')
          .whereRef('r.id', '=', 'session_reminders.registration_id')
          .where('r.status', '=', 'confirmed')
          .where('s.status', '=', 'scheduled')
          .where('s.starts_at', '>', now),
      ),
    )
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/**
 * Calls to make now: due `call` rows still pending — reminders of a confirmed seat at a session
 * ahead, and notices of a cancelled session — soonest session first. A facilitator sees only
 * the sessions they run.
 */
export async function callsToMake(db: Db, now: string, facilitatorId: number | null) {
  let q = db
    .selectFrom('session_reminders as sr')
    .innerJoin('registrations as r', 'r.id', 'sr.registration_id')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .leftJoin('languages as l', 'l.code', 'p.language')
    .select([
      'sr.id',
      'sr.kind',
      'sr.offset_hours',
      'sr.due_at',
      'p.id as participant_id',
      'p.first_name',
      'p.last_name',
      'p.phone',
      'p.language',
      'l.english_name as language_name',
      'st.title as study_title',
      ...SESSION_COLUMNS,
    ])
    .where('sr.status', '=', 'pending')
    .where('sr.channel', '=', 'call')
    .where('sr.due_at', '<=', now)
    .where('s.starts_at', '>', now)
    .where((eb) =>
      eb.or([
        eb('sr.kind', '=', 'session_cancelled'),
        eb.and([eb('r.status', '=', 'confirmed'), eb('s.status', '=', 'scheduled')]),
      ]),
    );
  if (facilitatorId !== null) q = q.where('s.facilitator_id', '=', facilitatorId);
  return q.orderBy('s.starts_at').orderBy('sr.due_at').orderBy('sr.id').execute();
}
export type CallToMake = Awaited<ReturnType<typeof callsToMake>>[number];

/**
 * Records a call (called, or could not reach) and who made it: only a due, pending call row, of
 * a session this facilitator runs when one is given. True when this caller recorded it.
 */
export async function markCall(
  db: Db,
  c: {
    id: number;
    outcome: Extract<ReminderStatus, 'called' | 'unreached'>;
    staffId: number;
    now: string;
    facilitatorId: number | null;
  },
): Promise<boolean> {
  let q = db
    .updateTable('session_reminders')
    .set({ status: c.outcome, done_at: c.now, done_by: c.staffId })
    .where('id', '=', c.id)
    .where('status', '=', 'pending')
    .where('channel', '=', 'call')
    .where('due_at', '<=', c.now);
  const facilitator = c.facilitatorId;
  if (facilitator !== null)
    q = q.where('registration_id', 'in', (eb) =>
      eb
        .selectFrom('registrations as r')
        .innerJoin('study_sessions as s', 's.id', 'r.session_id')
        .select('r.id')
        .where('s.facilitator_id', '=', facilitator),
    );
  const r = await q.executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** The rows of one registration (for the tests and the participant's history). */
export async function remindersOf(db: Db, registrationId: number) {
  return db
    .selectFrom('session_reminders')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .orderBy('id')
    .execute();
}
