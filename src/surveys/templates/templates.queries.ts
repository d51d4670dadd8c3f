import type { Kysely } from 'kysely';
import type { Database, SurveyRow } from '../../db/schema';

/*
 * What the templates read and write beyond `surveys.queries.ts`: the A-11 statements of the
 * reference data, and the settings a duplicate keeps that a spec does not carry.
 */
type Db = Kysely<Database>;

/** The `cx_questions` reference table (the order is the caller's: the table has none). */
export async function cxQuestions(db: Db): Promise<{ driver: string; statement: string }[]> {
  return db.selectFrom('cx_questions').select(['driver', 'statement']).orderBy('driver').execute();
}

/** A duplicate keeps the original's response limit and post-session delay. */
export async function copySurveySettings(
  db: Db,
  surveyId: number,
  from: Pick<SurveyRow, 'response_limit' | 'send_after_minutes'>,
): Promise<void> {
  await db
    .updateTable('surveys')
    .set({ response_limit: from.response_limit, send_after_minutes: from.send_after_minutes })
    .where('id', '=', surveyId)
    .execute();
}
