import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/*
 * The study report's figures, each one aggregate statement (counts in SQL, never rows counted in
 * JavaScript). Reads the studies, surveys and feedback features' tables; writes nothing.
 */

type Db = Kysely<Database>;
const n = (v: unknown) => Number(v ?? 0);

/** The people of a study's sessions (registrations joined to their session, this study only). */
function studyRegistrations(db: Db, studyId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .where('s.study_id', '=', studyId);
}

/** The submitted responses to the study's surveys (a survey of the study, or a response tied to it). */
function studyResponses(db: Db, studyId: number) {
  return db
    .selectFrom('survey_responses as sr')
    .where('sr.status', '=', 'submitted')
    .where((eb) =>
      eb.or([
        eb('sr.study_id', '=', studyId),
        eb(
          'sr.survey_id',
          'in',
          eb.selectFrom('surveys').select('surveys.id').where('surveys.study_id', '=', studyId),
        ),
      ]),
    );
}

/** sampled → invited → registered → attended → responded, as whole-study totals. */
export async function funnelCounts(db: Db, studyId: number) {
  const [drawn, invited, registered, attended, responded] = await Promise.all([
    db
      .selectFrom('sample_draws')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('invited_count'), sql<number>`0`).as('n'))
      .where('study_id', '=', studyId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('study_id', '=', studyId)
      .executeTakeFirstOrThrow(),
    // Registered: held a registration of their own (a walk-in never registered).
    studyRegistrations(db, studyId)
      .select((eb) => eb.fn.count<number>('r.participant_id').distinct().as('n'))
      .where('r.walk_in', '=', 0)
      .executeTakeFirstOrThrow(),
    studyRegistrations(db, studyId)
      .select((eb) => eb.fn.count<number>('r.participant_id').distinct().as('n'))
      .where('r.status', '=', 'attended')
      .executeTakeFirstOrThrow(),
    studyResponses(db, studyId)
      .select((eb) => [
        eb.fn.count<number>('sr.participant_id').distinct().as('n'),
        eb.fn
          .sum<number>(eb.case().when('sr.participant_id', 'is', null).then(1).else(0).end())
          .as('anonymous'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return {
    sampled: n(drawn.n),
    invited: n(invited.n),
    registered: n(registered.n),
    attended: n(attended.n),
    responded: n(responded.n),
    anonymousResponses: n(responded.anonymous),
  };
}

/**
 * The attendance feature's show-rate counts for this study: outcomes of registrations (not
 * walk-ins) at sessions that took place (started before `nowIso`, not cancelled).
 */
export async function showCounts(db: Db, studyId: number, nowIso: string) {
  const rows = await studyRegistrations(db, studyId)
    .select(['r.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.walk_in', '=', 0)
    .where('r.status', 'in', ['attended', 'no_show'])
    .where('s.starts_at', '<', nowIso)
    .where('s.status', '=', 'scheduled')
    .groupBy('r.status')
    .execute();
  const of = (s: string) => n(rows.find((r) => r.status === s)?.n);
  const sessions = await db
    .selectFrom('study_sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('study_id', '=', studyId)
    .where('status', '=', 'scheduled')
    .where('starts_at', '<', nowIso)
    .executeTakeFirstOrThrow();
  return { attended: of('attended'), noShows: of('no_show'), sessionsHeld: n(sessions.n) };
}

/** The study's latest stored draw: the quotas (in its query string) and the size it aimed at. */
export function latestDraw(db: Db, studyId: number) {
  return db
    .selectFrom('sample_draws')
    .select(['id', 'size', 'query', 'invited_count', 'created_at'])
    .where('study_id', '=', studyId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The profile column each quota dimension reads (channel and screener are not single columns). */
const COLUMNS = {
  councilDistrict: 'p.council_district',
  language: 'p.language',
  myla311Use: 'p.myla311_use',
  format: 'p.format_preference',
  ageRange: 'p.age_range',
} as const;
export type CountedDimension = keyof typeof COLUMNS | 'channel';
export const COUNTED_DIMENSIONS: readonly string[] = [...Object.keys(COLUMNS), 'channel'];

/** Invited and attended people with one value of a quota dimension. */
export async function quotaCounts(
  db: Db,
  studyId: number,
  dimension: CountedDimension,
  value: string,
) {
  const people = (db2: Db) => db2.selectFrom('participants as p');
  const has = (q: ReturnType<typeof people>) =>
    dimension === 'channel'
      ? q.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('participant_choices as c')
              .select(sql.lit(1).as('one'))
              .whereRef('c.participant_id', '=', 'p.id')
              .where('c.field', '=', 'channels')
              .where('c.value', '=', value),
          ),
        )
      : dimension === 'councilDistrict'
        ? q.where(COLUMNS.councilDistrict, '=', Number(value))
        : q.where(COLUMNS[dimension], '=', value);
  const [invited, attended] = await Promise.all([
    has(people(db))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('invitations as i')
            .select(sql.lit(1).as('one'))
            .whereRef('i.participant_id', '=', 'p.id')
            .where('i.study_id', '=', studyId),
        ),
      )
      .executeTakeFirstOrThrow(),
    has(people(db))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('registrations as r')
            .innerJoin('study_sessions as s', 's.id', 'r.session_id')
            .select(sql.lit(1).as('one'))
            .whereRef('r.participant_id', '=', 'p.id')
            .where('s.study_id', '=', studyId)
            .where('r.status', '=', 'attended'),
        ),
      )
      .executeTakeFirstOrThrow(),
  ]);
  return { invited: n(invited.n), attended: n(attended.n) };
}

/** People who attended, by the needs in their profile (interpreter, ASL, wheelchair …). */
export async function accommodationCounts(db: Db, studyId: number) {
  const attendedIds = studyRegistrations(db, studyId)
    .select('r.participant_id')
    .where('r.status', '=', 'attended');
  const [needs, stated] = await Promise.all([
    db
      .selectFrom('participant_choices as c')
      .select(['c.value', (eb) => eb.fn.count<number>('c.participant_id').distinct().as('n')])
      .where('c.field', '=', 'needs')
      .where('c.participant_id', 'in', attendedIds)
      .groupBy('c.value')
      .orderBy('c.value')
      .execute(),
    studyRegistrations(db, studyId)
      .select((eb) => eb.fn.count<number>('r.participant_id').distinct().as('n'))
      .where('r.status', '=', 'attended')
      .where('r.accommodations', 'is not', null)
      .where(sql<string>`trim(r.accommodations)`, '!=', '')
      .executeTakeFirstOrThrow(),
  ]);
  return { needs: needs.map((r) => ({ kind: r.value, count: n(r.n) })), stated: n(stated.n) };
}

/** Incentives owed (attended: the session's amount, else the study's) and issued, in cents. */
export async function incentiveTotals(db: Db, studyId: number) {
  const row = await studyRegistrations(db, studyId)
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .leftJoin('incentives as i', 'i.registration_id', 'r.id')
    .select((eb) => {
      const owed = eb
        .case()
        .when('r.status', '!=', 'attended')
        .then(0)
        .when('s.incentive_cents', '>', 0)
        .then(eb.ref('s.incentive_cents'))
        .else(eb.ref('st.incentive_cents'))
        .end();
      return [
        eb.fn
          .sum<number>(eb.case().when('r.status', '=', 'attended').then(1).else(0).end())
          .as('owed'),
        eb.fn.sum<number>(owed).as('owed_cents'),
        eb.fn.count<number>('i.id').as('issued'),
        eb.fn.sum<number>('i.amount_cents').as('issued_cents'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('r.status', '=', 'attended'), eb('i.id', 'is', null)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('waiting'),
      ];
    })
    .executeTakeFirstOrThrow();
  return {
    owed: n(row.owed),
    owedCents: n(row.owed_cents),
    issued: n(row.issued),
    issuedCents: n(row.issued_cents),
    waiting: n(row.waiting),
  };
}
