import type { QuestionDef } from '../../surveys/model/definition';
import { isAnswerable, isCoded, isNumeric } from '../../surveys/model/question-types';
import type { AnswerCell, CellQuestions } from './aggregate.queries';

/*
 * From the answer cells (aggregate.queries.ts: rows already counted and summed in SQL, a few
 * hundred of them) to the counts the figures read: people per question and state, answers per
 * value, and the numbers' n, mean, least and most — each by question code, across versions.
 * Pure: it adds up cells, it never sees an answer.
 */

export interface StateCount {
  code: string;
  /** A grid's statement; '' for the question. */
  item: string;
  /** `not_selected` counts as `answered` (an answered multi-select). */
  state: string;
  n: number;
  grp: string;
}

export interface ValueCount {
  code: string;
  /** An option (multi-select, ranking) or a statement (grid); '' for the question. */
  item: string;
  value: string;
  n: number;
  grp: string;
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

export interface Counts {
  states: StateCount[];
  values: ValueCount[];
  stats: NumberStat[];
}

/** A number question's answers: each number given, with how many gave it. */
export type NumberPoints = { x: number; n: number }[];

/** Types stored as one row per option, every option of an answer (ticked or not; ranked). */
const ROW_PER_OPTION = new Set(['multi_choice', 'ranking']);

/** Answered with codes: counted value by value. */
const counted = (q: QuestionDef) => isCoded(q.type);

/** Every version's question ids, as the cell queries read them (numbers by value too). */
export function cellQuestions(questions: QuestionDef[]): CellQuestions {
  const of = (keep: (q: QuestionDef) => boolean) =>
    questions.filter((q) => isAnswerable(q.type) && keep(q)).map((q) => q.id);
  const byValue = (q: QuestionDef) => counted(q) || q.type === 'number';
  return { byValue: of(byValue), byState: of((q) => !byValue(q)) };
}

/** A number question's answers by number (its versions' cells, one group's), in order. */
export function numberPoints(
  cells: AnswerCell[],
  questions: QuestionDef[],
  code: string,
  grp = '',
): NumberPoints {
  const ids = new Set(questions.filter((q) => q.code === code).map((q) => q.id));
  const byX = new Map<number, number>();
  for (const c of cells)
    if (ids.has(c.questionId) && c.grp === grp && c.state === 'answered' && c.min !== null)
      byX.set(c.min, (byX.get(c.min) ?? 0) + c.rows);
  return [...byX].map(([x, n]) => ({ x, n })).sort((a, b) => a.x - b.x);
}

/** How many of the points fall in each bin (`edges`: lower bounds; the last bin is open). */
export function binCounts(points: NumberPoints, edges: number[]): number[] {
  const counts = edges.map(() => 0);
  for (const { x, n } of points) {
    let i = edges.length - 1;
    while (i > 0 && x < edges[i]) i--;
    counts[i] += n;
  }
  return counts;
}

/** Adds `n` to the entry of `key` in `map`, made by `make` the first time. */
function add<T extends { n: number }>(map: Map<string, T>, key: string, make: () => T, n: number) {
  const entry = map.get(key) ?? make();
  entry.n += n;
  map.set(key, entry);
  return entry;
}

/** The counts of every question, from its versions' cells (`questions`: every version's). */
export function tally(cells: AnswerCell[], questions: QuestionDef[]): Counts {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const states = new Map<string, StateCount>();
  const values = new Map<string, ValueCount>();
  const stats = new Map<string, NumberStat & { sum: number }>();
  // People who answered a one-row-per-option question: its fullest option's rows, per version.
  const perOption = new Map<string, { code: string; grp: string; rows: Map<string, number> }>();

  for (const c of cells) {
    const q = byId.get(c.questionId);
    if (!q) continue;
    const state = c.state === 'not_selected' ? 'answered' : c.state;
    if (ROW_PER_OPTION.has(q.type) && state === 'answered') {
      const key = `${q.id}|${c.grp}`;
      const entry = perOption.get(key) ?? { code: q.code, grp: c.grp, rows: new Map() };
      entry.rows.set(c.item, (entry.rows.get(c.item) ?? 0) + c.rows);
      perOption.set(key, entry);
    } else {
      const item = q.type === 'agreement_grid' ? c.item : '';
      add(
        states,
        `${q.code}|${item}|${state}|${c.grp}`,
        () => ({ code: q.code, item, state, n: 0, grp: c.grp }),
        c.rows,
      );
    }
    if (c.state !== 'answered') continue;
    if (counted(q) && c.value !== null) {
      const value = c.value;
      add(
        values,
        `${q.code}|${c.item}|${value}|${c.grp}`,
        () => ({ code: q.code, item: c.item, value, n: 0, grp: c.grp }),
        c.rows,
      );
    }
    if (isNumeric(q.type) && c.numbers > 0) {
      const s = add(
        stats,
        `${q.code}|${c.item}|${c.grp}`,
        () => ({
          code: q.code,
          item: c.item,
          n: 0,
          sum: 0,
          mean: null,
          min: null,
          max: null,
          grp: c.grp,
        }),
        c.numbers,
      );
      s.sum += c.sum ?? 0;
      s.min = s.min === null || (c.min !== null && c.min < s.min) ? c.min : s.min;
      s.max = s.max === null || (c.max !== null && c.max > s.max) ? c.max : s.max;
    }
  }
  for (const { code, grp, rows } of perOption.values())
    add(
      states,
      `${code}||answered|${grp}`,
      () => ({ code, item: '', state: 'answered', n: 0, grp }),
      Math.max(...rows.values()),
    );
  return {
    states: [...states.values()],
    values: [...values.values()],
    stats: [...stats.values()].map(({ sum, ...s }) => ({ ...s, mean: s.n ? sum / s.n : null })),
  };
}
