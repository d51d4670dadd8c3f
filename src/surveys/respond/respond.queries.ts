import type { Kysely } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database, SurveyResponseRow, SurveyRow } from '../../db/schema';
import type { AnswerInput } from '../model/answers';

/**
 * The rows of answering a survey: responses (found or started by respondent key), their answer
 * rows (a page's replaced in one short transaction), the conditional submit, the open link's slug.
 * Every query here runs on PostgreSQL too (onConflict, conditional UPDATE … WHERE). Those that
 * run on every page a resident answers are prepared (src/db/prepared.ts).
 */
type Db = Kysely<Database>;

/** Writes that commit with a page (the browser's session, see saveSessionIn): one disk sync, not two. */
export type Alongside = (trx: Db) => Promise<void>;

export type NewResponse = Pick<
  SurveyResponseRow,
  | 'survey_id'
  | 'version_id'
  | 'respondent_key'
  | 'participant_id'
  | 'channel'
  | 'entered_by'
  | 'language'
  | 'submission_key'
  | 'council_district'
  | 'myla311_use'
  | 'study_id'
  | 'session_id'
  | 'started_at'
>;

export async function findResponse(db: Db, id: number): Promise<SurveyResponseRow | undefined> {
  return db.selectFrom('survey_responses').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A response with its version's revision (what the version's kept content is checked against). */
const responseWithRevision = prepared((db: Db, a: { id: number }) =>
  db
    .selectFrom('survey_responses')
    .innerJoin('survey_versions', 'survey_versions.id', 'survey_responses.version_id')
    .selectAll('survey_responses')
    .select('survey_versions.revision as version_revision')
    .where('survey_responses.id', '=', a.id),
);

export async function findResponseWithRevision(
  db: Db,
  id: number,
): Promise<(SurveyResponseRow & { version_revision: number }) | undefined> {
  return (await responseWithRevision(db, { id })).rows[0];
}

export async function findResponseByKey(
  db: Db,
  surveyId: number,
  respondentKey: string,
): Promise<SurveyResponseRow | undefined> {
  return db
    .selectFrom('survey_responses')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('respondent_key', '=', respondentKey)
    .executeTakeFirst();
}

/**
 * The response of this respondent key, started now if there is none: UNIQUE(survey_id,
 * respondent_key) makes two starts at the same moment the same response.
 */
export async function findOrStartResponse(db: Db, r: NewResponse): Promise<SurveyResponseRow> {
  await db
    .insertInto('survey_responses')
    .values({ ...r, status: 'in_progress', page_position: 0, updated_at: r.started_at })
    .onConflict((oc) => oc.columns(['survey_id', 'respondent_key']).doNothing())
    .execute();
  return (await findResponseByKey(db, r.survey_id, r.respondent_key))!;
}

export async function findSurveyBySlug(db: Db, slug: string): Promise<SurveyRow | undefined> {
  return db.selectFrom('surveys').selectAll().where('open_slug', '=', slug).executeTakeFirst();
}

export async function setOpenSlug(
  db: Db,
  surveyId: number,
  slug: string | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('surveys')
    .set({ open_slug: slug, updated_at: now })
    .where('id', '=', surveyId)
    .execute();
}

/** Submitted responses of a survey (its response limit counts these). */
export async function submittedCount(db: Db, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom('survey_responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('survey_id', '=', surveyId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const answersOf = prepared((db: Db, a: { responseId: number }) =>
  db
    .selectFrom('survey_answers')
    .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
    .select([
      'survey_answers.question_id',
      'survey_questions.code',
      'survey_answers.item',
      'survey_answers.state',
      'survey_answers.value',
      'survey_answers.number',
      'survey_answers.other_text',
    ])
    .where('survey_answers.response_id', '=', a.responseId)
    .orderBy('survey_answers.id'),
);

/** The stored answer rows of a response. */
export async function storedAnswers(db: Db, responseId: number): Promise<AnswerInput[]> {
  const { rows } = await answersOf(db, { responseId });
  return rows.map((r) => ({
    questionId: r.question_id,
    code: r.code,
    item: r.item,
    state: r.state,
    value: r.value,
    number: r.number,
    otherText: r.other_text,
  }));
}

const answerRow = (responseId: number, a: AnswerInput) => ({
  response_id: responseId,
  question_id: a.questionId,
  item: a.item,
  state: a.state,
  value: a.value,
  number: a.number,
  other_text: a.otherText,
});

const insertRows = prepared((db: Db, a: { responseId: number; answers: AnswerInput[] }) =>
  db.insertInto('survey_answers').values(a.answers.map((x) => answerRow(a.responseId, x))),
);

async function insertAnswers(db: Db, responseId: number, answers: AnswerInput[]) {
  // A few hundred rows per statement at most (SQLite's bound-variable limit).
  for (let i = 0; i < answers.length; i += 100)
    await insertRows(db, { responseId, answers: answers.slice(i, i + 100) });
}

const movePlace = prepared(
  (db: Db, a: { id: number; pagePosition: number; language: string; now: string }) =>
    db
      .updateTable('survey_responses')
      .set({ page_position: a.pagePosition, language: a.language, updated_at: a.now })
      .where('id', '=', a.id)
      .where('status', '=', 'in_progress'),
);

const deletePageRows = prepared((db: Db, a: { responseId: number; questionIds: number[] }) =>
  db
    .deleteFrom('survey_answers')
    .where('response_id', '=', a.responseId)
    .where('question_id', 'in', a.questionIds),
);

/**
 * Stores one page of an in-progress response (one short transaction): that page's rows are
 * replaced, the resume position moved. Returns false when the response is no longer in
 * progress (submitted meanwhile): nothing is stored.
 */
export async function savePage(
  db: Db,
  p: {
    responseId: number;
    questionIds: number[];
    answers: AnswerInput[];
    pagePosition: number;
    language: string;
    now: string;
  },
  alongside?: Alongside,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const { pagePosition, language, now } = p;
    const r = await movePlace(trx, { id: p.responseId, pagePosition, language, now });
    if (r.numAffectedRows !== 1n) return false;
    if (p.questionIds.length)
      await deletePageRows(trx, { responseId: p.responseId, questionIds: p.questionIds });
    if (p.answers.length) await insertAnswers(trx, p.responseId, p.answers);
    await alongside?.(trx);
    return true;
  });
}

/** The page to resume at and the language, without answers (a language switch, "Back"). */
export async function setResponseLanguage(
  db: Db,
  responseId: number,
  language: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('survey_responses')
    .set({ language, updated_at: now })
    .where('id', '=', responseId)
    .where('status', '=', 'in_progress')
    .execute();
}

/**
 * Submits a response in one transaction: the conditional UPDATE … WHERE submission_key = ? AND
 * status = 'in_progress' decides; only the one submit that changed the row replaces the answers
 * with the complete set and marks the recipient as responded. Returns whether this call did it.
 */
export async function submitResponse(
  db: Db,
  p: {
    responseId: number;
    submissionKey: string;
    answers: AnswerInput[];
    recipientId: number | null;
    now: string;
  },
  alongside?: Alongside,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('survey_responses')
      .set({ status: 'submitted', submitted_at: p.now, updated_at: p.now })
      .where('id', '=', p.responseId)
      .where('submission_key', '=', p.submissionKey)
      .where('status', '=', 'in_progress')
      .executeTakeFirst();
    if (r.numUpdatedRows !== 1n) return false;
    await trx.deleteFrom('survey_answers').where('response_id', '=', p.responseId).execute();
    await insertAnswers(trx, p.responseId, p.answers);
    if (p.recipientId !== null)
      await trx
        .updateTable('survey_recipients')
        .set({ responded_at: p.now })
        .where('id', '=', p.recipientId)
        .where('responded_at', 'is', null)
        .execute();
    await alongside?.(trx);
    return true;
  });
}

/** What a response copies from the person when it starts (de-identified facts for results). */
export async function personFacts(
  db: Db,
  participantId: number,
): Promise<
  | {
      id: number;
      language: string;
      council_district: number | null;
      myla311_use: string | null;
      status: string;
      email: string | null;
    }
  | undefined
> {
  return db
    .selectFrom('participants')
    .select(['id', 'language', 'council_district', 'myla311_use', 'status', 'email'])
    .where('id', '=', participantId)
    .executeTakeFirst();
}

export async function personByEmail(db: Db, email: string) {
  return db
    .selectFrom('participants')
    .select(['id', 'language', 'council_district', 'myla311_use', 'status', 'email'])
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}
