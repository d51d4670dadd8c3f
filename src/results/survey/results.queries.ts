import { sql } from 'kysely';
import type { DB } from '../../db/database';
import type { ResolvedFilter } from '../filters';
import { whereResponses } from '../filters.queries';

/*
 * What the results index and a survey's results page read besides the counts: the surveys and
 * studies, the choices of the filter form, and free-text answers (text only: no respondent).
 */

/** Every survey with its completed responses, newest first. */
export function surveysWithCounts(db: DB) {
  return db
    .selectFrom('surveys as s')
    .leftJoin('survey_responses as r', (j) =>
      j.onRef('r.survey_id', '=', 's.id').on('r.status', '=', 'submitted'),
    )
    .select((eb) => ['s.id', 's.title', 's.status', eb.fn.count<number>('r.id').as('responses')])
    .groupBy(['s.id', 's.title', 's.status'])
    .orderBy('s.id', 'desc')
    .execute();
}

/** Every study, newest first. */
export function studiesList(db: DB) {
  return db.selectFrom('studies').select(['id', 'title', 'status']).orderBy('id', 'desc').execute();
}

/** The studies and sessions a survey's responses name (the filter form's choices). */
export async function responseContexts(db: DB, surveyId: number) {
  const [studies, sessions] = await Promise.all([
    db
      .selectFrom('studies as st')
      .select(['st.id', 'st.title'])
      .where('st.id', 'in', (eb) =>
        eb
          .selectFrom('survey_responses')
          .select('study_id')
          .where('survey_id', '=', surveyId)
          .where('study_id', 'is not', null),
      )
      .orderBy('st.id')
      .execute(),
    db
      .selectFrom('study_sessions as ss')
      .select(['ss.id', 'ss.starts_at'])
      .where('ss.id', 'in', (eb) =>
        eb
          .selectFrom('survey_responses')
          .select('session_id')
          .where('survey_id', '=', surveyId)
          .where('session_id', 'is not', null),
      )
      .orderBy('ss.starts_at')
      .execute(),
  ]);
  return { studies, sessions };
}

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern. */
export const likeContains = (q: string) => `%${q.toLowerCase().replace(/[!%_]/g, '!$&')}%`;

function textAnswers(db: DB, surveyId: number, filter: ResolvedFilter, code: string, q: string) {
  let query = whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .innerJoin('survey_questions as qu', 'qu.id', 'a.question_id')
    .where('qu.code', '=', code)
    .where('a.state', '=', 'answered')
    .where('a.value', 'is not', null);
  if (q) query = query.where(sql<boolean>`lower(a.value) like ${likeContains(q)} escape '!'`);
  return query;
}

/** How many free-text answers to a question match the search. */
export async function countTextAnswers(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  code: string,
  q: string,
): Promise<number> {
  const row = await textAnswers(db, surveyId, filter, code, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of free-text answers (newest first): the text and its language, nothing else. */
export function pageOfTextAnswers(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  code: string,
  q: string,
  page: { limit: number; offset: number },
) {
  return textAnswers(db, surveyId, filter, code, q)
    .select(['a.value', 'r.language'])
    .orderBy('r.submitted_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}
