import { sql, type Kysely } from 'kysely';
import type { Database, ParticipantSource } from '../../db/schema';
import { poolWhere } from '../../participants/pool/pool.queries';
import type { PoolCriteria } from '../../participants/pool/pool.schema';

/*
 * Who a survey goes to: the people of a pool filter (the pool's own `poolWhere`) or of a study
 * (invited, registered, attended), only active ones; its recipients (UNIQUE survey + person);
 * and what the post-session job finds due.
 */
type Db = Kysely<Database>;

export type StudyGroup = 'invitees' | 'registrants' | 'attendees';

/** What sending needs to know of each person of an audience. */
export interface AudiencePerson {
  id: number;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  contact_preference: 'email' | 'phone' | 'text' | null;
  language: string;
  source: ParticipantSource;
  /** 1 when this survey was already sent to them. */
  already: number;
}

/** Those of a pool filter or of a study's group, active only (not paused, withdrawn, pending or deleted). */
export function audienceOf(
  db: Db,
  surveyId: number,
  audience:
    | { kind: 'pool'; criteria: PoolCriteria }
    | { kind: 'study'; studyId: number; group: StudyGroup },
): Promise<AudiencePerson[]> {
  let q = db
    .selectFrom('participants as p')
    .where('p.status', '=', 'active')
    .select((eb) => [
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.email',
      'p.phone',
      'p.contact_preference',
      'p.language',
      'p.source',
      eb
        .exists(
          eb
            .selectFrom('survey_recipients as sr')
            .select(sql.lit(1).as('one'))
            .whereRef('sr.participant_id', '=', 'p.id')
            .where('sr.survey_id', '=', surveyId),
        )
        .$castTo<number>()
        .as('already'),
    ]);
  if (audience.kind === 'pool') q = q.where(poolWhere(audience.criteria, false));
  else if (audience.group === 'invitees')
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('invitations as i')
        .select('i.participant_id')
        .where('i.study_id', '=', audience.studyId),
    );
  else
    q = q.where('p.id', 'in', (eb) =>
      eb
        .selectFrom('registrations as r')
        .innerJoin('study_sessions as s', 's.id', 'r.session_id')
        .select('r.participant_id')
        .where('s.study_id', '=', audience.studyId)
        .where(
          'r.status',
          'in',
          audience.group === 'attendees'
            ? ['attended']
            : ['confirmed', 'waitlisted', 'attended', 'no_show'],
        ),
    );
  return q.orderBy('p.last_name').orderBy('p.first_name').orderBy('p.id').execute();
}

/** New recipients; someone already sent this survey is skipped (UNIQUE survey + person). */
export function insertRecipients(
  db: Db,
  rows: {
    survey_id: number;
    participant_id: number;
    session_id: number | null;
    sent_at: string;
    sent_by: number | null;
  }[],
): Promise<{ id: number; participant_id: number }[]> {
  if (!rows.length) return Promise.resolve([]);
  return db
    .insertInto('survey_recipients')
    .values(rows)
    .onConflict((oc) => oc.columns(['survey_id', 'participant_id']).doNothing())
    .returning(['id', 'participant_id'])
    .execute();
}

/** The studies a survey can be sent to the people of (newest first). */
export function studyChoices(db: Db) {
  return db
    .selectFrom('studies')
    .select(['id', 'title', 'status'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/**
 * The survey's call list: recipients reached by phone (no email, or they prefer a call or a
 * text message) who have not responded, still in the panel.
 */
export function surveyCallList(db: Db, surveyId: number) {
  return db
    .selectFrom('survey_recipients as sr')
    .innerJoin('participants as p', 'p.id', 'sr.participant_id')
    .leftJoin('languages as l', 'l.code', 'p.language')
    .select([
      'sr.id',
      'sr.participant_id',
      'sr.sent_at',
      'p.first_name',
      'p.last_name',
      'p.phone',
      'p.language',
      'l.english_name as language_name',
      'p.contact_preference',
    ])
    .where('sr.survey_id', '=', surveyId)
    .where('sr.responded_at', 'is', null)
    .where('p.status', '=', 'active')
    .where((eb) =>
      eb.or([eb('p.email', 'is', null), eb('p.contact_preference', 'in', ['phone', 'text'])]),
    )
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('sr.id')
    .execute();
}

/**
 * Attended registrations owed a post-session survey: open post-session surveys tied to a
 * study, its sessions not cancelled that started before `now`, no recipient row yet for the
 * person. Whether the wait after the end has passed is the caller's sum (start + duration +
 * send_after_minutes), in code, not in SQL date arithmetic.
 */
export function postSessionCandidates(db: Db, now: string) {
  return db
    .selectFrom('surveys as sv')
    .innerJoin('study_sessions as s', 's.study_id', 'sv.study_id')
    .innerJoin('registrations as r', 'r.session_id', 's.id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'sv.id as survey_id',
      'sv.texts as survey_texts',
      'sv.languages as survey_languages',
      'sv.send_after_minutes',
      's.id as session_id',
      's.starts_at',
      's.duration_minutes',
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.email',
      'p.phone',
      'p.contact_preference',
      'p.language',
      'p.source',
    ])
    .where('sv.kind', '=', 'post_session')
    .where('sv.status', '=', 'open')
    .where('s.status', '!=', 'cancelled')
    .where('s.starts_at', '<', now)
    .where('r.status', '=', 'attended')
    .where('p.status', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('survey_recipients as sr')
            .select(sql.lit(1).as('one'))
            .whereRef('sr.survey_id', '=', 'sv.id')
            .whereRef('sr.participant_id', '=', 'p.id'),
        ),
      ),
    )
    .orderBy('sv.id')
    .orderBy('s.starts_at')
    .orderBy('r.id')
    .execute();
}

/** A survey's recipients: how many were sent it, and how many of them responded. */
export async function recipientCounts(db: Db, surveyId: number) {
  const r = await db
    .selectFrom('survey_recipients')
    .select((eb) => [
      eb.fn.countAll<number>().as('sent'),
      eb.fn.count<number>('responded_at').as('responded'),
    ])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return { sent: Number(r.sent), responded: Number(r.responded) };
}
