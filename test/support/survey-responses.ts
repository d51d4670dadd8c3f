import crypto from 'node:crypto';
import type { DB } from '../../src/db/database';
import type { AnswerState, ResponseChannel } from '../../src/db/schema';
import { allQuestions } from '../../src/surveys/model/definition';
import { loadDefinition } from '../../src/surveys/surveys.queries';

/** One stored answer row, named by its question's code. */
export interface TestAnswer {
  code: string;
  item?: string;
  state: AnswerState;
  value?: string | null;
  number?: number | null;
  other?: string | null;
}

/**
 * Stores a response with its answers as the respondent pages would (for tests of the staff
 * views and the pool filter, which read what is stored). Returns its id.
 */
export async function insertResponse(
  db: DB,
  r: {
    surveyId: number;
    versionId: number;
    participantId?: number | null;
    language?: string;
    status?: 'in_progress' | 'submitted';
    channel?: ResponseChannel;
    enteredBy?: number | null;
    at?: string;
    answers: TestAnswer[];
  },
): Promise<number> {
  const def = await loadDefinition(db, r.versionId);
  const ids = new Map(allQuestions(def).map((q) => [q.code, q.id]));
  const at = r.at ?? '2027-06-02T18:00:00.000Z';
  const status = r.status ?? 'submitted';
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('survey_responses')
      .values({
        survey_id: r.surveyId,
        version_id: r.versionId,
        respondent_key: crypto.randomUUID(),
        participant_id: r.participantId ?? null,
        channel: r.channel ?? 'web',
        entered_by: r.enteredBy ?? null,
        language: r.language ?? 'en',
        status,
        submission_key: crypto.randomUUID(),
        started_at: at,
        updated_at: at,
        submitted_at: status === 'submitted' ? at : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (r.answers.length)
      await trx
        .insertInto('survey_answers')
        .values(
          r.answers.map((a) => ({
            response_id: id,
            question_id: ids.get(a.code)!,
            item: a.item ?? '',
            state: a.state,
            value: a.value ?? null,
            number: a.number ?? null,
            other_text: a.other ?? null,
          })),
        )
        .execute();
    return id;
  });
}

/** A submitted answer set of the sample survey: used 311 often, the app and "other", skipped the NPS. */
export const SAMPLE_ANSWERS: TestAnswer[] = [
  { code: 'use', state: 'answered', value: 'often' },
  { code: 'channels', item: 'app', state: 'answered', value: '1', number: 1 },
  { code: 'channels', item: 'phone', state: 'not_selected', value: '0', number: 0 },
  { code: 'channels', item: 'other', state: 'answered', value: '1', number: 1, other: 'A kiosk' },
  { code: 'ease', state: 'prefer_not' },
  { code: 'nps', state: 'skipped' },
  { code: 'barrier', state: 'not_shown' },
];
