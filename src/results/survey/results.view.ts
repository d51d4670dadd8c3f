import { QUESTION_TYPE_LABELS } from '../../surveys/model/question-types';
import { filterParams, type ResultsFilter } from '../filters';
import { barChart, divergingChart, histogram, npsChart } from './charts';
import { isFreeText, type ItemFigures, type QuestionFigures } from './figures';
import { formatMean, formatPercent } from './stats';

/*
 * View models of the results page: each question's chart (geometry, title, text alternative)
 * and its table, and the links that carry the filter. Pure.
 */

export type ChartView =
  | { kind: 'bars'; chart: ReturnType<typeof barChart> }
  | { kind: 'diverging'; chart: ReturnType<typeof divergingChart> }
  | { kind: 'nps'; chart: ReturnType<typeof npsChart>; histogram: ReturnType<typeof histogram> }
  | { kind: 'histogram'; chart: ReturnType<typeof histogram> };

export interface TableRow {
  label: string;
  count: number;
  percent: string;
  /** Ranking: the option's mean rank (1 is first). */
  meanRank?: string;
}

export interface ItemView {
  label: string;
  n: number;
  skipped: number;
  preferNot: number;
  notShown: number;
  rows: TableRow[];
  mean: string | null;
  top2: string | null;
  nps: string | null;
}

export interface QuestionView {
  id: string;
  code: string;
  label: string;
  type: string;
  chart: ChartView | null;
  /** The chart's text alternative: every figure it draws, in words. */
  description: string;
  items: ItemView[];
  /** Free text: where its answers are listed. */
  textHref: string | null;
  rankingNote: boolean;
}

/** The query string of a filter (and more pairs), '' when empty, else starting with `?`/`&`. */
export function queryOf(filter: ResultsFilter, more: [string, string][] = [], lead = '?'): string {
  const pairs = [...more, ...filterParams(filter)];
  if (!pairs.length) return '';
  return lead + pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
}

const itemView = (f: ItemFigures, type: string): ItemView => ({
  label: f.label,
  n: f.n,
  skipped: f.skipped,
  preferNot: f.preferNot,
  notShown: f.notShown,
  rows: f.options.map((o) => ({
    label: o.label,
    count: o.count,
    percent: formatPercent(o.percent),
    ...(o.meanRank !== undefined ? { meanRank: formatMean(o.meanRank) } : {}),
  })),
  mean: f.mean !== null && type !== 'ranking' ? formatMean(f.mean) : null,
  top2: f.top2 !== null ? formatPercent(f.top2) : null,
  nps: f.nps && f.nps.score !== null ? String(f.nps.score) : null,
});

function describe(f: QuestionFigures, bins: { label: string; count: number }[] | undefined) {
  const parts = (x: ItemFigures) =>
    x.options.map((o) => `${o.label}: ${o.count} (${formatPercent(o.percent)})`).join('; ');
  if (f.type === 'agreement_grid')
    return f.statements.map((s) => `${s.label} (${s.n} answered): ${parts(s)}.`).join(' ');
  if (f.type === 'number' && bins)
    return `${f.n} answered. ${bins.map((b) => `${b.label}: ${b.count}`).join('; ')}.`;
  if (f.type === 'nps' && f.nps)
    return `${f.n} answered. Detractors (0–6): ${f.nps.detractors}; passives (7–8): ${f.nps.passives}; promoters (9–10): ${f.nps.promoters}; NPS ${f.nps.score ?? '—'}. ${parts(f)}.`;
  return `${f.n} answered. ${parts(f)}.`;
}

function chartOf(
  f: QuestionFigures,
  bins: { label: string; count: number }[] | undefined,
): ChartView | null {
  switch (f.type) {
    case 'agreement':
      return { kind: 'diverging', chart: divergingChart([rowOf(f)]) };
    case 'agreement_grid':
      return { kind: 'diverging', chart: divergingChart(f.statements.map(rowOf)) };
    case 'nps':
      return {
        kind: 'nps',
        chart: npsChart(f.nps!),
        histogram: histogram(f.options.map((o) => ({ label: o.label, count: o.count }))),
      };
    case 'rating':
      return {
        kind: 'histogram',
        chart: histogram(f.options.map((o) => ({ label: o.label, count: o.count }))),
      };
    case 'number':
      return bins ? { kind: 'histogram', chart: histogram(bins) } : null;
    case 'date':
      return null;
    default:
      return isFreeText(f.type) || !f.options.length
        ? null
        : { kind: 'bars', chart: barChart(f.options) };
  }
}

const rowOf = (s: ItemFigures) => ({
  label: s.label,
  n: s.n,
  counts: new Map(s.options.map((o) => [o.code, o.count])),
});

export function questionView(
  f: QuestionFigures,
  bins: { label: string; count: number }[] | undefined,
  textBase: string,
  filterQuery: string,
): QuestionView {
  const items = f.type === 'agreement_grid' ? f.statements : [f];
  const view = items.map((i) => itemView(i, f.type));
  if (f.type === 'number' && bins) {
    view[0].rows = bins.map((b) => ({
      label: b.label,
      count: b.count,
      percent: formatPercent(f.n > 0 ? (b.count / f.n) * 100 : null),
    }));
  }
  return {
    id: `q-${f.code}`,
    code: f.code,
    label: f.label,
    type: QUESTION_TYPE_LABELS[f.type],
    chart: f.n > 0 || f.statements.some((s) => s.n > 0) ? chartOf(f, bins) : null,
    description: describe(f, bins),
    items: view,
    textHref: isFreeText(f.type) ? `${textBase}/${encodeURIComponent(f.code)}${filterQuery}` : null,
    rankingNote: f.type === 'ranking',
  };
}
