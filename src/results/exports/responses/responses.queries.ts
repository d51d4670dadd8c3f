import type { DB } from '../../../db/database';
import type { SurveyRow } from '../../../db/schema';
import { findSurvey, loadDefinition, versionsOf } from '../../../surveys/surveys.queries';
import type { ResolvedFilter } from '../../filters';
import { whereResponses } from '../../filters.queries';
import type { AnswerCells, SurveyVersion } from './wide-plan';

/** What the response exports read: the survey, its versions, and its responses page by page. */

export async function surveyWithVersions(
  db: DB,
  surveyId: number,
): Promise<{ survey: SurveyRow; versions: SurveyVersion[] } | null> {
  const survey = await findSurvey(db, surveyId);
  if (!survey) return null;
  const versions: SurveyVersion[] = [];
  for (const v of await versionsOf(db, surveyId))
    versions.push({ id: v.id, number: v.number, def: await loadDefinition(db, v.id) });
  return { survey, versions };
}

export interface ResponseFacts {
  id: number;
  version_id: number;
  language: string;
  channel: string;
  submitted_at: string | null;
  council_district: number | null;
  myla311_use: string | null;
}

export interface ResponseWithAnswers {
  response: ResponseFacts;
  answers: AnswerCells[];
}

/** Responses per page of the keyset walk: a few thousand answer rows in memory at a time. */
export const PAGE = 500;

/**
 * The submitted responses that pass the filter, in id order, each with its answer rows: read in
 * keyset pages (`id > last`, PAGE responses, then their answers), so memory holds one page
 * whatever the survey's size, and each query is short.
 */
export async function* responsesWithAnswers(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  size = PAGE,
): AsyncGenerator<ResponseWithAnswers> {
  let last = 0;
  for (;;) {
    const page: ResponseFacts[] = await whereResponses(
      db.selectFrom('survey_responses as r'),
      surveyId,
      filter,
    )
      .where('r.id', '>', last)
      .select([
        'r.id',
        'r.version_id',
        'r.language',
        'r.channel',
        'r.submitted_at',
        'r.council_district',
        'r.myla311_use',
      ])
      .orderBy('r.id')
      .limit(size)
      .execute();
    if (!page.length) return;
    const answers: (AnswerCells & { response_id: number })[] = await db
      .selectFrom('survey_answers')
      .select(['response_id', 'question_id', 'item', 'state', 'value', 'other_text'])
      .where(
        'response_id',
        'in',
        page.map((r) => r.id),
      )
      .orderBy('response_id')
      .orderBy('id')
      .execute();
    let at = 0;
    for (const response of page) {
      const from = at;
      while (at < answers.length && answers[at].response_id === response.id) at++;
      yield { response, answers: answers.slice(from, at) };
    }
    last = page[page.length - 1].id;
    if (page.length < size) return;
  }
}
