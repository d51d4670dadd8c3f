import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../../db/schema';
import type { P } from './pool.queries';
import type { PoolCriteria } from './pool.schema';

/*
 * The Pool's filter on a screener answer ("answered <option> to <question> of <survey>"), asked
 * of the surveys' tables: an `exists` that also runs on PostgreSQL, and the list it offers.
 */

/**
 * A submitted response of an identified survey, by this person, chose this option of this
 * question: the single choice's value, or the option's row of a multi-select, answered. The
 * question is known by its code in any version of the survey.
 */
export function screenerAnswerWhere(
  eb: P,
  a: NonNullable<PoolCriteria['answered']>,
): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('survey_responses as sr')
      .innerJoin('surveys as sv', 'sv.id', 'sr.survey_id')
      .innerJoin('survey_answers as sa', 'sa.response_id', 'sr.id')
      .innerJoin('survey_questions as sq', 'sq.id', 'sa.question_id')
      .select(sql.lit(1).as('one'))
      .whereRef('sr.participant_id', '=', 'p.id')
      .where('sr.survey_id', '=', a.surveyId)
      .where('sr.status', '=', 'submitted')
      .where('sv.anonymous', '=', 0)
      .where('sq.code', '=', a.question)
      .where('sa.state', '=', 'answered')
      .where((w) =>
        w.or([
          w.and([w('sa.item', '=', ''), w('sa.value', '=', a.option)]),
          w.and([w('sq.type', '=', 'multi_choice'), w('sa.item', '=', a.option)]),
        ]),
      ),
  );
}

/** The choice questions of screener surveys (identified), with their options: the pool filter's list. */
export async function screenerQuestions(db: Kysely<Database>) {
  return (
    db
      .selectFrom('surveys as sv')
      .innerJoin('survey_versions as v', 'v.survey_id', 'sv.id')
      .innerJoin('survey_questions as q', 'q.version_id', 'v.id')
      .leftJoin('survey_options as o', (j) =>
        j.onRef('o.question_id', '=', 'q.id').on('o.role', '=', 'option'),
      )
      .select([
        'sv.id as survey_id',
        'sv.title',
        'sv.languages',
        'q.code',
        'q.type',
        'q.texts as question_texts',
        'o.code as option_code',
        'o.texts as option_texts',
      ])
      .where('sv.kind', '=', 'screener')
      .where('sv.anonymous', '=', 0)
      .where('q.type', 'in', ['single_choice', 'multi_choice', 'dropdown', 'yes_no'])
      // The newest version's wording (codes are stable across versions).
      .where('v.number', '=', (eb) =>
        eb
          .selectFrom('survey_versions as v2')
          .select((e) => e.fn.max('v2.number').as('n'))
          .whereRef('v2.survey_id', '=', 'sv.id'),
      )
      .orderBy('sv.title')
      .orderBy('sv.id')
      .orderBy('q.page_id')
      .orderBy('q.position')
      .orderBy('o.position')
      .execute()
  );
}
