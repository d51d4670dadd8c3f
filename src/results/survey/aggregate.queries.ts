import { sql, type RawBuilder } from 'kysely';
import type { DB } from '../../db/database';
import type { Breakdown, ResolvedFilter } from '../filters';
import { filteredResponseIds, whereResponses } from '../filters.queries';

/*
 * A survey's results as counts, every figure a GROUP BY over the answers of the responses the
 * filter keeps (issue 9: aggregation in SQL, never a loop over answers; tally.ts only adds up
 * the few hundred cells these return). The results page and the `summary` export both read
 * these. With a breakdown, each row carries its group (`grp`).
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

const group = (b: Breakdown | undefined) => (b ? sql.ref(BREAKDOWN_COLUMN[b]) : null);
/** A group value as text ('' for none): districts and ids compare with what a link carries. */
const grpText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

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
  const sameDay = sql`substr(r.submitted_at, 1, 10) = substr(r.started_at, 1, 10)`;
  const clock = sql`${secondsOfDay('r.submitted_at')} - ${secondsOfDay('r.started_at')}`;
  // Most responses are begun and sent the same day: the calendar arithmetic only for the rest.
  const duration = sql<number>`case when ${sameDay} then ${clock} else (${days('r.submitted_at')} - ${days('r.started_at')}) * 86400 + ${clock} end`;
  const rows = await whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter)
    .select(duration.as('d'))
    .orderBy(sql.ref('d'))
    .limit(completed % 2 === 1 ? 1 : 2)
    .offset(Math.floor((completed - 1) / 2))
    .execute();
  if (!rows.length) return null;
  return rows.reduce((s, r) => s + Number(r.d), 0) / rows.length;
}

/**
 * One group of stored answers: a question (by id, any version), its state, item and — for the
 * questions counted by value — value, with the rows' count and their numbers' count, sum, least
 * and most (null where no row has a number). `grp` is the breakdown's group ('' without one).
 */
export interface AnswerCell {
  questionId: number;
  state: string;
  item: string;
  value: string | null;
  rows: number;
  numbers: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  grp: string;
}

/**
 * The question ids (every version's) the cells are counted for: by value (choices, scales and
 * numbers: within one value every row has the same number), or by state only (text and dates,
 * whose values are each their own).
 */
export interface CellQuestions {
  byValue: number[];
  byState: number[];
}

interface CellRow {
  question_id: number;
  state: string;
  item: string;
  value?: string | null;
  rows: number | bigint;
  numbers: number | bigint;
  sum: number | null;
  min: number | null;
  max: number | null;
  grp?: unknown;
}

const orNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const toCell = (r: CellRow): AnswerCell => ({
  questionId: Number(r.question_id),
  state: r.state,
  item: r.item,
  value: r.value ?? null,
  rows: Number(r.rows),
  numbers: Number(r.numbers),
  sum: orNull(r.sum),
  min: orNull(r.min),
  max: orNull(r.max),
  grp: grpText(r.grp),
});

/** What a cell counts of its rows. */
const AGGREGATES = [
  sql<number>`count(*)`.as('rows'),
  sql<number>`count(a.number)`.as('numbers'),
  sql<number | null>`sum(a.number)`.as('sum'),
  sql<number | null>`min(a.number)`.as('min'),
  sql<number | null>`max(a.number)`.as('max'),
];
const KEYS = ['a.question_id', 'a.state', 'a.item'] as const;
const VALUE_KEYS = [...KEYS, 'a.value'] as const;

type Rows = 'all' | 'kept' | 'in_progress';

/** The cells of some questions' answers: every answer, the kept responses', or those in progress. */
async function cellsOf(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  ids: number[],
  withValue: boolean,
  rows: Rows,
): Promise<AnswerCell[]> {
  if (!ids.length) return [];
  const keys = withValue ? VALUE_KEYS : KEYS;
  const answers =
    rows === 'in_progress'
      ? // From the responses in progress (few), each one's answers by its id; CROSS JOIN keeps
        // that order rather than testing every answer of the survey against a short list.
        db
          .selectFrom('survey_responses as u')
          .crossJoin('survey_answers as a')
          .whereRef('a.response_id', '=', 'u.id')
          .where('u.survey_id', '=', surveyId)
          .where('u.status', '=', 'in_progress')
      : db.selectFrom('survey_answers as a');
  const found = await answers
    .select(keys)
    .select(AGGREGATES)
    .where('a.question_id', 'in', ids)
    .$if(rows === 'kept', (q) =>
      q.where('a.response_id', 'in', filteredResponseIds(db, surveyId, filter)),
    )
    .groupBy(keys)
    .execute();
  return found.map((r) => toCell(r as unknown as CellRow));
}

/** Groups a breakdown counts side by side in one pass; more are grouped by sorting instead. */
const SIDE_BY_SIDE = 24;

/**
 * The same cells split by a breakdown, each answer joined to its response for the group. With
 * up to SIDE_BY_SIDE groups, each group is a pair of columns (`count(case when group = …)`),
 * so the rows stay in the index's order and nothing is sorted (at 100,000 responses, 3× faster
 * than grouping by the group too). A value cell's rows share one number (it is the value's), so
 * its numbers' sum, least and most follow from their count and that number.
 */
async function groupedCellsOf(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  ids: number[],
  withValue: boolean,
  breakdown: Breakdown,
  /** The breakdown's groups among the kept responses, as stored (null for none). */
  groups: unknown[],
  sideBySide: number,
): Promise<AnswerCell[]> {
  if (!ids.length) return [];
  const keys = withValue ? VALUE_KEYS : KEYS;
  const g = group(breakdown)!;
  // CROSS JOIN keeps SQLite reading the answers in the index's order, each joined to its response.
  const answers = () =>
    whereResponses(
      db
        .selectFrom('survey_answers as a')
        .crossJoin('survey_responses as r')
        .whereRef('r.id', '=', 'a.response_id')
        .where('a.question_id', 'in', ids),
      surveyId,
      filter,
    );
  if (groups.length > sideBySide) {
    const rows = await answers()
      .select(keys)
      .select([...AGGREGATES, sql<unknown>`${g}`.as('grp')])
      .groupBy([...keys, g])
      .execute();
    return rows.map((r) => toCell(r as unknown as CellRow));
  }
  const isGroup = (v: unknown) => (v === null ? sql`${g} is null` : sql`${g} = ${v}`);
  const rows = (await answers()
    .select(keys)
    .select(sql<number | null>`min(a.number)`.as('number'))
    .select(
      groups.flatMap((v, i) => [
        sql<number>`sum(case when ${isGroup(v)} then 1 else 0 end)`.as(`rows_${i}`),
        sql<number>`count(case when ${isGroup(v)} then a.number end)`.as(`numbers_${i}`),
      ]),
    )
    .groupBy(keys)
    .execute()) as unknown as (CellRow & { number: number | null } & Record<string, unknown>)[];
  const cells: AnswerCell[] = [];
  for (const r of rows)
    groups.forEach((v, i) => {
      const count = Number(r[`rows_${i}`]);
      if (!count) return;
      const numbers = Number(r[`numbers_${i}`]);
      const x = numbers > 0 ? orNull(r.number) : null;
      cells.push({
        ...toCell({
          ...r,
          rows: count,
          numbers,
          sum: x === null ? null : x * numbers,
          min: x,
          max: x,
        }),
        grp: grpText(v),
      });
    });
  return cells;
}

const cellKey = (c: AnswerCell) => `${c.questionId}|${c.state}|${c.item}|${c.value ?? ''}`;

/**
 * Every cell less the same cell of the responses in progress: counts and sums subtract exactly;
 * least and most stay right only in cells of one value (one number), so cells counted by state
 * must hold no numbers (text, dates).
 */
export function subtractCells(all: AnswerCell[], less: AnswerCell[]): AnswerCell[] {
  const minus = new Map(less.map((c) => [cellKey(c), c]));
  const out: AnswerCell[] = [];
  for (const c of all) {
    const m = minus.get(cellKey(c));
    if (!m) {
      out.push(c);
      continue;
    }
    const rows = c.rows - m.rows;
    if (rows <= 0) continue;
    const numbers = c.numbers - m.numbers;
    out.push({
      ...c,
      rows,
      numbers,
      sum: numbers > 0 ? (c.sum ?? 0) - (m.sum ?? 0) : null,
      min: numbers > 0 ? c.min : null,
      max: numbers > 0 ? c.max : null,
    });
  }
  return out;
}

/**
 * The answers of the responses the filter keeps (submitted ones), in cells by question, state,
 * item (and value): one pass over the index `survey_answers_figures` (question, state, item,
 * value, number, response), in the GROUP BY's own order, so nothing is sorted. Which rows count
 * is decided in one of three ways, each exact:
 * - no filter: every answer of the survey's questions, less the cells of its responses in
 *   progress (few, read by their ids) — twice as fast as testing each answer's response;
 * - a filter: each answer's response tested against the kept responses (`IN` a subquery);
 * - a breakdown: each answer joined to its response for the group (see groupedCellsOf).
 */
export async function answerCells(
  db: DB,
  surveyId: number,
  filter: ResolvedFilter,
  questions: CellQuestions,
  breakdown?: Breakdown,
  /** How many groups are counted side by side at most (tests compare both ways). */
  sideBySide = SIDE_BY_SIDE,
): Promise<AnswerCell[]> {
  if (breakdown) {
    const g = group(breakdown)!;
    const groups = (
      await whereResponses(db.selectFrom('survey_responses as r'), surveyId, filter)
        .select(sql<unknown>`${g}`.as('grp'))
        .distinct()
        .execute()
    ).map((r) => r.grp);
    const cells = (ids: number[], withValue: boolean) =>
      groupedCellsOf(db, surveyId, filter, ids, withValue, breakdown, groups, sideBySide);
    return [...(await cells(questions.byValue, true)), ...(await cells(questions.byState, false))];
  }
  const cells = (ids: number[], withValue: boolean, rows: Rows) =>
    cellsOf(db, surveyId, filter, ids, withValue, rows);
  if (Object.values(filter).some((v) => v !== undefined))
    return [
      ...(await cells(questions.byValue, true, 'kept')),
      ...(await cells(questions.byState, false, 'kept')),
    ];
  const all = [
    ...(await cells(questions.byValue, true, 'all')),
    ...(await cells(questions.byState, false, 'all')),
  ];
  const less = [
    ...(await cells(questions.byValue, true, 'in_progress')),
    ...(await cells(questions.byState, false, 'in_progress')),
  ];
  return subtractCells(all, less);
}
