import { sql, type Kysely } from 'kysely';
import type {
  CallOutcome,
  Database,
  InvitationChannel,
  InvitationResponse,
  InvitationRow,
} from '../../db/schema';
import { invitationOutcome } from './invitation.rules';

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

/**
 * Stores a draw once: a second draw of the same study with the same fingerprint (the same
 * people, sent again) stores nothing (UNIQUE, ON CONFLICT DO NOTHING) and returns undefined.
 */
export async function insertDrawOnce(
  db: Kysely<Database>,
  row: Parameters<typeof insertDraw>[1] & { fingerprint: string },
): Promise<number | undefined> {
  const r = await db
    .insertInto('sample_draws')
    .values(row)
    .onConflict((oc) => oc.columns(['study_id', 'fingerprint']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

/** The draw of a study with this fingerprint, if it was sent. */
export function drawByFingerprint(db: Kysely<Database>, studyId: number, fingerprint: string) {
  return db
    .selectFrom('sample_draws')
    .select(['id', 'invited_count', 'created_at'])
    .where('study_id', '=', studyId)
    .where('fingerprint', '=', fingerprint)
    .executeTakeFirst();
}

/** What sending an invitation needs to know of each drawn person. */
export function peopleToInvite(db: Kysely<Database>, ids: readonly number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('participants')
    .select([
      'id',
      'status',
      'source',
      'first_name',
      'email',
      'phone',
      'contact_preference',
      'language',
    ])
    .where('id', 'in', ids)
    .execute();
}

/** The first email of these invitations went out now. */
export async function markSentMany(
  db: Kysely<Database>,
  ids: readonly number[],
  at: string,
): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('invitations')
    .set((eb) => ({ last_sent_at: at, times_sent: eb('times_sent', '+', 1) }))
    .where('id', 'in', ids)
    .execute();
}

/** Each invitation of a study: its channel and answer, and the registrations of the person. */
export async function invitationsOfStudy(db: Kysely<Database>, studyId: number) {
  const [invitations, registrations] = await Promise.all([
    db
      .selectFrom('invitations')
      .select(['id', 'participant_id', 'channel', 'response'])
      .where('study_id', '=', studyId)
      .execute(),
    registrationStatusesOfStudy(db, studyId),
  ]);
  return { invitations, registrations };
}

/** The registrations (person, status) of a study's sessions. */
function registrationStatusesOfStudy(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .select(['r.participant_id', 'r.status'])
    .where('s.study_id', '=', studyId)
    .execute();
}

/** Not answered: no response, and no registration of this study that is not cancelled. */
function unanswered(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('participants as p', 'p.id', 'i.participant_id')
    .where('i.study_id', '=', studyId)
    .where('i.response', 'is', null)
    .where('p.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('registrations as r')
            .innerJoin('study_sessions as s', 's.id', 'r.session_id')
            .select(sql.lit(1).as('one'))
            .whereRef('r.participant_id', '=', 'i.participant_id')
            .where('s.study_id', '=', studyId)
            .where('r.status', '!=', 'cancelled'),
        ),
      ),
    );
}

/** Email invitations with no answer whose last email is older than `before`. */
export function dueForReminder(db: Kysely<Database>, studyId: number, before: string) {
  return unanswered(db, studyId)
    .where('i.channel', '=', 'email')
    .where('i.last_sent_at', '<', before)
    .where('p.email', 'is not', null)
    .select(['i.id', 'i.participant_id', 'i.last_sent_at', 'p.first_name', 'p.email', 'p.language'])
    .orderBy('i.id')
    .execute();
}

/**
 * Takes one reminder: true only for the one caller whose update changed the row (its
 * last_sent_at is still what was read), so two presses at once send it once.
 */
export async function claimReminder(
  db: Kysely<Database>,
  id: number,
  lastSentAt: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set((eb) => ({ last_sent_at: at, times_sent: eb('times_sent', '+', 1) }))
    .where('id', '=', id)
    .where('last_sent_at', '=', lastSentAt)
    .where('response', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The study's call list: its phone invitations not answered yet, with what a call needs. */
export function studyCallList(db: Kysely<Database>, studyId: number) {
  return unanswered(db, studyId)
    .where('i.channel', '=', 'phone')
    .leftJoin('languages as l', 'l.code', 'p.language')
    .leftJoin('staff_users as su', 'su.id', 'i.called_by')
    .select((eb) => [
      'i.id',
      'i.participant_id',
      'i.invited_at',
      'i.call_outcome',
      'i.called_at',
      'su.name as called_by_name',
      'p.first_name',
      'p.last_name',
      'p.phone',
      'p.email',
      'p.language',
      'l.english_name as language_name',
      'p.contact_preference',
      'p.interpreter_language',
      eb
        .exists(
          eb
            .selectFrom('participant_choices as c')
            .select(sql.lit(1).as('one'))
            .whereRef('c.participant_id', '=', 'p.id')
            .where('c.field', '=', 'needs')
            .where('c.value', '=', 'interpreter'),
        )
        .$castTo<number>()
        .as('needs_interpreter'),
    ])
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('i.id')
    .execute();
}

/**
 * Records a call (who, when, what came of it) on an invitation still unanswered; "declined"
 * is their answer. False when it was answered meanwhile (or is not this study's).
 */
export async function recordCall(
  db: Kysely<Database>,
  c: { id: number; studyId: number; outcome: CallOutcome; at: string; by: number },
): Promise<boolean> {
  const r = await db
    .updateTable('invitations')
    .set({
      call_outcome: c.outcome,
      called_at: c.at,
      called_by: c.by,
      ...(c.outcome === 'declined' && { response: 'declined' as const, responded_at: c.at }),
    })
    .where('id', '=', c.id)
    .where('study_id', '=', c.studyId)
    .where('response', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Registered on the phone: they were reached, and that is their answer unless they had one. */
export async function markRegisteredByPhone(
  db: Kysely<Database>,
  c: { id: number; at: string; by: number },
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ call_outcome: 'reached', called_at: c.at, called_by: c.by })
    .where('id', '=', c.id)
    .execute();
  await db
    .updateTable('invitations')
    .set({ response: 'registered', responded_at: c.at })
    .where('id', '=', c.id)
    .where('response', 'is', null)
    .execute();
}

/**
 * A person's invitations, newest first, with the status of each of their registrations for
 * that study (the one query the participant page calls for invitations).
 */
export async function invitationsOfParticipant(db: Kysely<Database>, participantId: number) {
  const [invitations, registrations] = await Promise.all([
    db
      .selectFrom('invitations as i')
      .innerJoin('studies as s', 's.id', 'i.study_id')
      .select([
        'i.id',
        'i.study_id',
        's.title as study_title',
        'i.invited_at',
        'i.channel',
        'i.response',
        'i.times_sent',
        'i.call_outcome',
      ])
      .where('i.participant_id', '=', participantId)
      .orderBy('i.invited_at', 'desc')
      .orderBy('i.id', 'desc')
      .execute(),
    db
      .selectFrom('registrations as r')
      .innerJoin('study_sessions as ss', 'ss.id', 'r.session_id')
      .select(['ss.study_id', 'r.status'])
      .where('r.participant_id', '=', participantId)
      .execute(),
  ]);
  return invitations.map((i) => ({
    ...i,
    outcome: invitationOutcome(
      i.response,
      registrations.filter((r) => r.study_id === i.study_id).map((r) => r.status),
    ),
  }));
}
