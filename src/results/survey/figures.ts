import type { QuestionDef } from '../../surveys/model/definition';
import type { QuestionType } from '../../surveys/model/question-types';
import { textIn } from '../../surveys/model/texts';
import type { Counts } from './tally';
import { npsSplit, percent, topTwoBox, type NpsSplit } from './stats';

/*
 * A survey's questions with their figures, from the counts of tally.ts: per
 * question (per grid statement) the people who answered (n), skipped, preferred not to say or
 * were not shown it; per option its count and percent of n; mean, top-2-box and NPS where the
 * type has them. Pure. The page, the breakdown and the `summary` export all build on this.
 */

export const AGREEMENT_LABELS: Record<string, string> = {
  '1': 'Strongly disagree',
  '2': 'Disagree',
  '3': 'Neither agree nor disagree',
  '4': 'Agree',
  '5': 'Strongly agree',
};
const FIXED_LABELS: Record<string, Record<string, string>> = {
  agreement: AGREEMENT_LABELS,
  agreement_grid: AGREEMENT_LABELS,
  yes_no: { yes: 'Yes', no: 'No' },
  consent: { yes: 'Acknowledged' },
};
const POINTS_0_10 = Array.from({ length: 11 }, (_, i) => String(i));

export interface OptionFigure {
  code: string;
  label: string;
  count: number;
  percent: number | null;
  /** Ranking: the option's mean rank. */
  meanRank?: number | null;
}

export interface ItemFigures {
  code: string;
  label: string;
  n: number;
  skipped: number;
  preferNot: number;
  notShown: number;
  options: OptionFigure[];
  mean: number | null;
  min: number | null;
  max: number | null;
  top2: number | null;
  nps: NpsSplit | null;
}

export interface QuestionFigures extends ItemFigures {
  id: number;
  type: QuestionType;
  /** An agreement grid's statements, each with its own figures. */
  statements: ItemFigures[];
}

/** Types answered in free text: listed and searched, not counted by value. */
export const isFreeText = (t: QuestionType) => t === 'short_text' || t === 'long_text';

/** The options a question's figures list, in order: its own, its scale, or 0–10. */
function optionList(q: QuestionDef, lang: string): { code: string; label: string }[] {
  if (q.type === 'rating' || q.type === 'nps')
    return POINTS_0_10.map((p) => ({ code: p, label: p }));
  const fixed = FIXED_LABELS[q.type];
  if (fixed) return Object.entries(fixed).map(([code, label]) => ({ code, label }));
  return q.options.map((o) => ({ code: o.code, label: textIn(o.label, lang) || o.code }));
}

/** Indexes counts by `code|item` (one group's). */
function index<T extends { code: string; item: string; grp: string }>(rows: T[], grp: string) {
  const map = new Map<string, T[]>();
  for (const r of rows) {
    if (r.grp !== grp) continue;
    const key = `${r.code}|${r.item}`;
    map.set(key, [...(map.get(key) ?? []), r]);
  }
  return map;
}

/** The figures of every question, for one group of a breakdown ('' without one). */
export function questionFigures(
  questions: QuestionDef[],
  counts: Counts,
  lang: string,
  grp = '',
): QuestionFigures[] {
  const states = index(counts.states, grp);
  const values = index(counts.values, grp);
  const stats = index(counts.stats, grp);
  const stateOf = (code: string, item: string, state: string) =>
    states.get(`${code}|${item}`)?.find((s) => s.state === state)?.n ?? 0;

  const item = (
    q: QuestionDef,
    code: string,
    label: string,
    key: string,
    optionValues: (o: { code: string }) => number,
  ): ItemFigures => {
    const n = stateOf(q.code, key, 'answered');
    const list = optionList(q, lang);
    const known = new Set(list.map((o) => o.code));
    // Values no longer in this version's options (an older version's) are listed by code.
    for (const v of values.get(`${q.code}|${key}`) ?? [])
      if (q.type !== 'multi_choice' && q.type !== 'ranking' && !known.has(v.value)) {
        known.add(v.value);
        list.push({ code: v.value, label: v.value });
      }
    const options = list.map((o) => {
      const count = optionValues(o);
      return { ...o, count, percent: percent(count, n) };
    });
    const byValue = new Map(options.map((o) => [o.code, o.count]));
    const stat = stats.get(`${q.code}|${key}`)?.[0];
    return {
      code,
      label,
      n,
      skipped: stateOf(q.code, key, 'skipped'),
      preferNot: stateOf(q.code, key, 'prefer_not'),
      notShown: stateOf(q.code, key, 'not_shown'),
      options: q.type === 'number' || q.type === 'date' || isFreeText(q.type) ? [] : options,
      mean: q.type === 'ranking' ? null : (stat?.mean ?? null),
      min: stat?.min ?? null,
      max: stat?.max ?? null,
      top2: topTwoBox(q.type, byValue, n),
      nps: q.type === 'nps' ? npsSplit(byValue) : null,
    };
  };

  return questions
    .filter((q) => q.type !== 'info')
    .map((q) => {
      const label = textIn(q.texts.label, lang) || q.code;
      const valueOf = (key: string, value: string) =>
        values.get(`${q.code}|${key}`)?.find((v) => v.value === value)?.n ?? 0;
      let figures: ItemFigures;
      if (q.type === 'multi_choice') {
        figures = item(q, q.code, label, '', (o) => valueOf(o.code, '1'));
      } else if (q.type === 'ranking') {
        figures = item(q, q.code, label, '', (o) => valueOf(o.code, '1'));
        // n: people who ranked (each ranked every option).
        figures.options = figures.options.map((o) => ({
          ...o,
          meanRank: stats.get(`${q.code}|${o.code}`)?.[0]?.mean ?? null,
        }));
      } else {
        figures = item(q, q.code, label, '', (o) => valueOf('', o.code));
      }
      const statements =
        q.type === 'agreement_grid'
          ? q.statements.map((s) =>
              item(q, s.code, textIn(s.label, lang) || s.code, s.code, (o) =>
                valueOf(s.code, o.code),
              ),
            )
          : [];
      return { ...figures, id: q.id, type: q.type, statements };
    });
}
