import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/*
 * The staff view of a survey's responses: counts, a page of responses, one response's answers,
 * and its recipients. Names come only when asked for (never for analysts).
 */
type Db = Kysely<Database>;

/** Responses by status, channel and language (one GROUP BY; the page sums what it shows). */
export function responseCounts(db: Db, surveyId: number) {
  return db
    .selectFrom('survey_responses')
    .select((eb) => ['status', 'channel', 'language', eb.fn.countAll<number>().as('n')])
    .where('survey_id', '=', surveyId)
    .groupBy(['status', 'channel', 'language'])
    .execute();
}

export interface ResponseListRow {
  id: number;
  status: 'in_progress' | 'submitted';
  language: string;
  channel: 'web' | 'phone' | 'paper';
  entered_by_name: string | null;
  version: number;
  started_at: string;
  submitted_at: string | null;
  participant_id: number | null;
  first_name?: string | null;
  last_name?: string | null;
}

/** A page of a survey's responses, newest first; with the respondent's name only if `names`. */
export async function listResponses(
  db: Db,
  surveyId: number,
  o: { limit: number; offset: number; names: boolean },
): Promise<ResponseListRow[]> {
  const base = db
    .selectFrom('survey_responses as r')
    .innerJoin('survey_versions as v', 'v.id', 'r.version_id')
    .leftJoin('staff_users as su', 'su.id', 'r.entered_by')
    .select([
      'r.id',
      'r.status',
      'r.language',
      'r.channel',
      'su.name as entered_by_name',
      'v.number as version',
      'r.started_at',
      'r.submitted_at',
      'r.participant_id',
    ])
    .where('r.survey_id', '=', surveyId)
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(o.limit)
    .offset(o.offset);
  if (!o.names) return base.execute();
  return base
    .leftJoin('participants as p', 'p.id', 'r.participant_id')
    .select(['p.first_name', 'p.last_name'])
    .execute();
}

export async function countResponses(db: Db, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One response of a survey (undefined when it is another survey's), with its version number. */
export function findResponse(db: Db, surveyId: number, responseId: number) {
  return db
    .selectFrom('survey_responses as r')
    .innerJoin('survey_versions as v', 'v.id', 'r.version_id')
    .leftJoin('staff_users as su', 'su.id', 'r.entered_by')
    .selectAll('r')
    .select(['v.number as version', 'su.name as entered_by_name'])
    .where('r.survey_id', '=', surveyId)
    .where('r.id', '=', responseId)
    .executeTakeFirst();
}

/** The name of a respondent (organizers' view of an identified survey). */
export function respondentName(db: Db, participantId: number) {
  return db
    .selectFrom('participants')
    .select(['id', 'first_name', 'last_name'])
    .where('id', '=', participantId)
    .executeTakeFirst();
}

export function answersOf(db: Db, responseId: number) {
  return db
    .selectFrom('survey_answers')
    .select(['question_id', 'item', 'state', 'value', 'number', 'other_text'])
    .where('response_id', '=', responseId)
    .orderBy('id')
    .execute();
}

/** A survey's recipients (organizers): who, when sent, when they responded; newest first. */
export function recipientsOf(db: Db, surveyId: number, limit: number) {
  return db
    .selectFrom('survey_recipients as sr')
    .innerJoin('participants as p', 'p.id', 'sr.participant_id')
    .select([
      'sr.id',
      'sr.participant_id',
      'sr.sent_at',
      'sr.responded_at',
      'sr.session_id',
      'p.first_name',
      'p.last_name',
    ])
    .where('sr.survey_id', '=', surveyId)
    .orderBy('sr.sent_at', 'desc')
    .orderBy('sr.id', 'desc')
    .limit(limit)
    .execute();
}
