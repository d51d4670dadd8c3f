import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../../db/database';
import type { Breakdown, ResolvedFilter } from '../filters';
import { whereResponses } from '../filters.queries';

/*
 * A survey's results as counts, every figure a GROUP BY over the answers of the responses the
 * filter keeps (issue 9: aggregation in SQL, never a loop over rows). The results page and the
 * `summary` export both read these. With a breakdown, each row carries its group (`grp`).
 */

/** The response column each breakdown splits by. */
const BREAKDOWN_COLUMN: Record<Breakdown, string> = {
  version: 'r.version_id',
  language: 'r.language',
  district: 'r.council_district',
  myla311_use: 'r.myla311_use',
  study: 'r.study_id',
  session: 'r.session_id',
  channel: 'r.channel',
};

/** Types whose answers are codes worth counting one by one. */
export const COUNTED_TYPES = [
  'single_choice',
  'multi_choice',
  'dropdown',
  'yes_no',
  'agreement',
  'agreement_grid',
  'rating',
  'nps',
  'ranking',
  'consent',
] as const;

const group = (b: Breakdown | undefined) => (b ? sql.ref(BREAKDOWN_COLUMN[b]) : null);
/** A group value as text ('' for none): districts and ids compare with what a link carries. */
const grpText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function answersOf(db: DB, surveyId: number, filter: ResolvedFilter) {
  return whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter)
    .innerJoin('survey_answers as a', 'a.response_id', 'r.id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id');
}

/** Started (any status, by start time) and completed (submitted, by submission time) counts. */
export async function responseTotals(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
): Promise<{ started: number; completed: number }> {
  const count = (which: 'all' | 'submitted') =>
    whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter, which)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
  const [started, completed] = await Promise.all([count('all'), count('submitted')]);
  return { started: Number(started.n), completed: Number(completed.n) };
}

/** Completed responses per group of a breakdown (group '' for responses without one). */
export async function completedByGroup(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  breakdown: Breakdown,
): Promise<Map<string, number>> {
  const g = group(breakdown)!;
  const rows = await whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter)
    .select((eb) => [sql<unknown>`${g}`.as('grp'), eb.fn.countAll<number>().as('n')])
    .groupBy(g)
    .execute();
  return new Map(rows.map((r) => [grpText(r.grp), Number(r.n)]));
}

/**
 * Whole days from a fixed origin to an ISO-8601 UTC text's date, by the civil-calendar formula
 * (integer arithmetic on substrings: the same on SQLite and PostgreSQL, no date functions).
 */
function days(col: string): RawBuilder<number> {
  const ref = sql.ref(col);
  const y = sql`cast(substr(${ref}, 1, 4) as integer)`;
  const m = sql`cast(substr(${ref}, 6, 2) as integer)`;
  const d = sql`cast(substr(${ref}, 9, 2) as integer)`;
  const yy = sql`(${y} - case when ${m} <= 2 then 1 else 0 end)`;
  const mm = sql`(case when ${m} > 2 then ${m} - 3 else ${m} + 9 end)`;
  return sql<number>`(365 * ${yy} + ${yy} / 4 - ${yy} / 100 + ${yy} / 400 + (153 * ${mm} + 2) / 5 + ${d})`;
}

/** Seconds since the day began, from an ISO-8601 UTC text. */
function secondsOfDay(col: string): RawBuilder<number> {
  const ref = sql.ref(col);
  const part = (from: number) => sql`cast(substr(${ref}, ${sql.lit(from)}, 2) as integer)`;
  return sql<number>`(${part(12)} * 3600 + ${part(15)} * 60 + ${part(18)})`;
}

/**
 * The median time to complete, in seconds, of the completed responses the filter keeps: the
 * durations sorted in SQL, and only the one or two middle rows read (LIMIT/OFFSET).
 */
export async function medianSeconds(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  completed: number,
): Promise<number | null> {
  if (completed === 0) return null;
  const duration = sql<number>`((${days('r.submitted_at')} - ${days('r.started_at')}) * 86400 + ${secondsOfDay('r.submitted_at')} - ${secondsOfDay('r.started_at')})`;
  const rows = await whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter)
    .select(duration.as('d'))
    .orderBy(duration)
    .limit(completed % 2 === 1 ? 1 : 2)
    .offset(Math.floor((completed - 1) / 2))
    .execute();
  if (!rows.length) return null;
  return rows.reduce((s, r) => s + Number(r.d), 0) / rows.length;
}

export interface StateCount {
  code: string;
  /** A grid's statement; '' for the question. */
  item: string;
  /** `not_selected` counts as `answered` (an answered multi-select). */
  state: string;
  n: number;
  grp: string;
}

/** People per question (per grid statement) and answer state. */
export async function stateCounts(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  breakdown?: Breakdown,
): Promise<StateCount[]> {
  const item = sql<string>`case when q.type = 'agreement_grid' then a.item else '' end`;
  const state = sql<string>`case when a.state = 'not_selected' then 'answered' else a.state end`;
  const g = group(breakdown);
  const rows = await answersOf(db, surveyId, filter)
    .select([
      'q.code',
      item.as('item'),
      state.as('state'),
      sql<number>`count(distinct a.response_id)`.as('n'),
    ])
    .groupBy(['q.code', item, state])
    .$if(g !== null, (qb) => qb.select(sql<unknown>`${g}`.as('grp')).groupBy(g!))
    .execute();
  return rows.map((r) => ({
    code: r.code,
    item: r.item,
    state: r.state,
    n: Number(r.n),
    grp: grpText((r as { grp?: unknown }).grp),
  }));
}

export interface ValueCount {
  code: string;
  /** An option (multi-select, ranking) or a statement (grid); '' for the question. */
  item: string;
  value: string;
  n: number;
  grp: string;
}

/** Answers per question, item and value, for the types answered with codes. */
export async function valueCounts(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  breakdown?: Breakdown,
): Promise<ValueCount[]> {
  const g = group(breakdown);
  const rows = await answersOf(db, surveyId, filter)
    .select((eb) => ['q.code', 'a.item', 'a.value', eb.fn.countAll<number>().as('n')])
    .where('a.state', '=', 'answered')
    .where('q.type', 'in', COUNTED_TYPES)
    .groupBy(['q.code', 'a.item', 'a.value'])
    .$if(g !== null, (qb) => qb.select(sql<unknown>`${g}`.as('grp')).groupBy(g!))
    .execute();
  return rows.map((r) => ({
    code: r.code,
    item: r.item,
    value: r.value ?? '',
    n: Number(r.n),
    grp: grpText((r as { grp?: unknown }).grp),
  }));
}

export interface NumberStat {
  code: string;
  item: string;
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  grp: string;
}

/** Count, mean, least and most of numeric answers (scales, ratings, numbers, ranks). */
export async function numberStats(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  breakdown?: Breakdown,
): Promise<NumberStat[]> {
  const g = group(breakdown);
  const rows = await answersOf(db, surveyId, filter)
    .select((eb) => [
      'q.code',
      'a.item',
      eb.fn.countAll<number>().as('n'),
      eb.fn.avg<number>('a.number').as('mean'),
      eb.fn.min<number>('a.number').as('min'),
      eb.fn.max<number>('a.number').as('max'),
    ])
    .where('a.state', '=', 'answered')
    .where('a.number', 'is not', null)
    .where('q.type', 'in', ['agreement', 'agreement_grid', 'rating', 'nps', 'number', 'ranking'])
    .groupBy(['q.code', 'a.item'])
    .$if(g !== null, (qb) => qb.select(sql<unknown>`${g}`.as('grp')).groupBy(g!))
    .execute();
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    code: r.code,
    item: r.item,
    n: Number(r.n),
    mean: num(r.mean),
    min: num(r.min),
    max: num(r.max),
    grp: grpText((r as { grp?: unknown }).grp),
  }));
}

/**
 * A number question's answers per bin: `edges` are the bins' lower bounds in order; the last bin
 * takes everything from its bound up. Returns counts by bin index.
 */
export async function numberBins(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  code: string,
  edges: number[],
): Promise<Map<number, number>> {
  if (edges.length < 2) throw new Error('numberBins needs two edges or more');
  const whens = edges.slice(1).map((e, i) => sql`when a.number < ${e} then ${sql.lit(i)}`);
  const bin = sql<number>`case ${sql.join(whens, sql` `)} else ${sql.lit(edges.length - 1)} end`;
  const rows = await answersOf(db, surveyId, filter)
    .select((eb) => [bin.as('bin'), eb.fn.countAll<number>().as('n')])
    .where('q.code', '=', code)
    .where('a.state', '=', 'answered')
    .where('a.number', 'is not', null)
    .groupBy(bin)
    .execute();
  return new Map(rows.map((r) => [Number(r.bin), Number(r.n)]));
}
