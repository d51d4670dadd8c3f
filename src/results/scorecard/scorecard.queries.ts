import { sql, type Expression, type RawBuilder } from 'kysely';
import type { DB } from '../../db/database';
import type { Quarter } from './quarters';

/*
 * The scorecard's figures, aggregated in SQL: the A-11 driver scores (answers 4 or 5 on the
 * agreement scale among those answered) of every submitted answer to a question tagged with a
 * driver and a service, and the coded notes by sentiment. A period is 'all', or a city-time
 * quarter worked out by comparing the ISO UTC time with the quarters' boundaries (a CASE over
 * bound values: no date functions, so it runs on PostgreSQL as on SQLite).
 */

/** A UTC range: from inclusive, to exclusive (ISO text). */
export interface TimeRange {
  fromUtc?: string;
  toUtc?: string;
}

/** A score's cell across periods: the answers of one service, stage and driver. */
export interface ScoreKey {
  service: string;
  stage: string | null;
  driver: string;
}

/** A row's score cell (service and driver are never null in tagged answers). */
const scoreKey = (r: { service: string | null; stage: string | null; driver: string | null }) => ({
  service: r.service!,
  stage: r.stage,
  driver: r.driver!,
});

export const ALL = 'all';

export interface ScoreCount extends ScoreKey {
  period: string;
  n: number;
  agree: number;
}

export interface NoteCount {
  service: string;
  stage: string | null;
  sentiment: string;
  period: string;
  n: number;
}

/** The period of a time column: its quarter's label, or 'all' without quarters. */
function periodOf(column: Expression<unknown> | RawBuilder<unknown>, quarters: Quarter[] | null) {
  if (!quarters?.length) return sql<string>`${ALL}`;
  const whens = quarters.map((q) => sql`when ${column} < ${q.toUtc} then ${q.label}`);
  return sql<string>`case ${sql.join(whens, sql` `)} else ${quarters[quarters.length - 1].label} end`;
}

function taggedAnswers(db: DB, range: TimeRange) {
  let q = db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .where('r.status', '=', 'submitted')
    .where('a.state', '=', 'answered')
    .where('q.type', 'in', ['agreement', 'agreement_grid'])
    .where('q.driver', 'is not', null)
    .where('q.service', 'is not', null);
  if (range.fromUtc) q = q.where('r.submitted_at', '>=', range.fromUtc);
  if (range.toUtc) q = q.where('r.submitted_at', '<', range.toUtc);
  return q;
}

function codedNotes(db: DB, range: TimeRange) {
  let q = db
    .selectFrom('session_notes as n')
    .innerJoin('study_sessions as s', 's.id', 'n.session_id')
    .where('n.sentiment', 'is not', null);
  // A note belongs to the time of its session (when it was heard), not to when it was typed.
  if (range.fromUtc) q = q.where('s.starts_at', '>=', range.fromUtc);
  if (range.toUtc) q = q.where('s.starts_at', '<', range.toUtc);
  return q;
}

/** Driver scores by service, stage and driver; by quarter too when quarters are given. */
export async function driverScores(
  db: DB,
  range: TimeRange,
  quarters: Quarter[] | null,
): Promise<ScoreCount[]> {
  // Grouped over a derived table, so that PostgreSQL groups by the period's column rather than
  // by a parameterised expression it cannot match.
  const inner = taggedAnswers(db, range).select((eb) => [
    'q.service as service',
    'q.stage as stage',
    'q.driver as driver',
    periodOf(eb.ref('r.submitted_at'), quarters).as('period'),
    eb.case().when('a.value', 'in', ['4', '5']).then(1).else(0).end().as('agree'),
  ]);
  const rows = await db
    .selectFrom(inner.as('t'))
    .select((eb) => [
      't.service',
      't.stage',
      't.driver',
      't.period',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('t.agree').as('agree'),
    ])
    .groupBy(['t.service', 't.stage', 't.driver', 't.period'])
    .execute();
  return rows.map((r) => ({
    ...scoreKey(r),
    period: r.period,
    n: Number(r.n),
    agree: Number(r.agree),
  }));
}

/** Coded notes by service, stage and sentiment; by quarter too when quarters are given. */
export async function noteCounts(
  db: DB,
  range: TimeRange,
  quarters: Quarter[] | null,
): Promise<NoteCount[]> {
  const inner = codedNotes(db, range).select((eb) => [
    'n.service as service',
    'n.stage as stage',
    'n.sentiment as sentiment',
    periodOf(eb.ref('s.starts_at'), quarters).as('period'),
  ]);
  const rows = await db
    .selectFrom(inner.as('t'))
    .select((eb) => [
      't.service',
      't.stage',
      't.sentiment',
      't.period',
      eb.fn.countAll<number>().as('n'),
    ])
    .groupBy(['t.service', 't.stage', 't.sentiment', 't.period'])
    .execute();
  return rows.map((r) => ({
    service: r.service,
    stage: r.stage,
    sentiment: r.sentiment!,
    period: r.period,
    n: Number(r.n),
  }));
}

/** The first and last time the scorecard counts (answers and notes), to know its quarters. */
export async function timeSpan(
  db: DB,
  range: TimeRange,
): Promise<{ first: string; last: string } | null> {
  const [answers, notes] = await Promise.all([
    taggedAnswers(db, range)
      .select((eb) => [
        eb.fn.min('r.submitted_at').as('first'),
        eb.fn.max('r.submitted_at').as('last'),
      ])
      .executeTakeFirst(),
    codedNotes(db, range)
      .select((eb) => [eb.fn.min('s.starts_at').as('first'), eb.fn.max('s.starts_at').as('last')])
      .executeTakeFirst(),
  ]);
  const firsts = [answers?.first, notes?.first].filter((t): t is string => typeof t === 'string');
  const lasts = [answers?.last, notes?.last].filter((t): t is string => typeof t === 'string');
  if (!firsts.length) return null;
  return { first: firsts.sort()[0], last: lasts.sort().at(-1)! };
}

/**
 * Per score cell, the time of its latest answer before `at`, or of its earliest from `at` (for
 * the date-range rule, `date-edges.ts`). One GROUP BY over every tagged answer.
 */
export async function nearestAnswers(
  db: DB,
  at: string,
  side: 'before' | 'after',
): Promise<(ScoreKey & { at: string })[]> {
  const q = taggedAnswers(db, side === 'before' ? { toUtc: at } : { fromUtc: at });
  const rows = await q
    .select((eb) => [
      'q.service as service',
      'q.stage as stage',
      'q.driver as driver',
      (side === 'before' ? eb.fn.max('r.submitted_at') : eb.fn.min('r.submitted_at')).as('at'),
    ])
    .groupBy(['q.service', 'q.stage', 'q.driver'])
    .execute();
  return rows.map((r) => ({
    ...scoreKey(r),
    at: r.at as string,
  }));
}

/**
 * Answers per score cell and day, for the given disjoint days ([fromUtc, toUtc) each): one
 * statement, the days as a CASE over their bounds (no date functions). `day` is the day's fromUtc.
 */
export async function answersOnDays(
  db: DB,
  days: { fromUtc: string; toUtc: string }[],
): Promise<(ScoreKey & { day: string; n: number })[]> {
  if (!days.length) return [];
  const sorted = [...days].sort((a, b) => a.fromUtc.localeCompare(b.fromUtc));
  const inner = taggedAnswers(db, {})
    .where((eb) =>
      eb.or(
        sorted.map((d) =>
          eb.and([eb('r.submitted_at', '>=', d.fromUtc), eb('r.submitted_at', '<', d.toUtc)]),
        ),
      ),
    )
    .select((eb) => {
      const whens = sorted.map(
        (d) => sql`when ${eb.ref('r.submitted_at')} < ${d.toUtc} then ${d.fromUtc}`,
      );
      return [
        'q.service as service',
        'q.stage as stage',
        'q.driver as driver',
        sql<string>`case ${sql.join(whens, sql` `)} end`.as('day'),
      ];
    });
  const rows = await db
    .selectFrom(inner.as('t'))
    .select((eb) => ['t.service', 't.stage', 't.driver', 't.day', eb.fn.countAll<number>().as('n')])
    .groupBy(['t.service', 't.stage', 't.driver', 't.day'])
    .execute();
  return rows.map((r) => ({
    ...scoreKey(r),
    day: r.day,
    n: Number(r.n),
  }));
}
