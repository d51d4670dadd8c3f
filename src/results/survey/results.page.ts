import type { SurveyRow } from '../../db/schema';
import type { Breakdown, ResultsFilter } from '../filters';
import { formatMean, formatPercent, formatDuration, percent } from './stats';
import type { BreakdownItem, Cell } from './breakdown';
import { BREAKDOWN_NAMES, type FilterField } from './filter-form';
import { queryOf, questionView } from './results.view';
import type { SurveyResults } from './results.service';

/*
 * The results page's locals: the form, and (unless a filter was refused) the headline figures,
 * each question's chart and table, the breakdown tables and the export links.
 */

export const FEWER_THAN_5 = 'fewer than 5';

const cellText = (c: Cell) =>
  c.hidden
    ? FEWER_THAN_5
    : `${c.count}${c.percent !== null ? ` (${formatPercent(c.percent)})` : ''}`;

function breakdownView(items: BreakdownItem[]) {
  return items.map((b, i) => ({
    id: `bd-${i}`,
    caption: b.statement ? `${b.question.label} — ${b.statement}` : b.question.label,
    options: b.options.map((o) => o.label),
    showMean: b.options.length === 0 || b.item.mean !== null,
    rows: [...b.rows, b.all].map((r) => ({
      label: r.label,
      all: r === b.all,
      n: r.nHidden ? FEWER_THAN_5 : String(r.n),
      cells: r.cells.map(cellText),
      mean: r.meanHidden ? FEWER_THAN_5 : formatMean(r.mean),
    })),
  }));
}

export function resultsPage(p: {
  survey: SurveyRow;
  form: { fields: FilterField[]; breakdown: FilterField };
  errors: Record<string, string>;
  filter?: ResultsFilter;
  breakdown?: Breakdown;
  results?: SurveyResults;
}): [string, object] {
  const { survey, results } = p;
  const base = `/staff/results/surveys/${survey.id}`;
  const filter = p.filter ?? {};
  const filterQuery = queryOf(filter);
  const exportQuery = queryOf(filter, [['survey', String(survey.id)]]);
  return [
    'results/survey/results',
    {
      survey,
      form: p.form,
      errors: p.errors,
      base,
      breakdownName: p.breakdown ? BREAKDOWN_NAMES[p.breakdown] : null,
      headline: results && {
        started: results.started,
        completed: results.completed,
        rate: formatPercent(percent(results.completed, results.started)),
        median: formatDuration(results.medianSeconds),
      },
      questions:
        results?.figures.map((f) =>
          questionView(f, results.bins.get(f.code), `${base}/text`, filterQuery),
        ) ?? [],
      breakdown: results?.breakdown ? breakdownView(results.breakdown) : null,
      exports: [
        {
          label: p.breakdown
            ? `Summary by ${BREAKDOWN_NAMES[p.breakdown].toLowerCase()} (CSV)`
            : 'Summary (CSV)',
          href: `/staff/results/export/summary.csv${exportQuery}${p.breakdown ? `&breakdown=${p.breakdown}` : ''}`,
        },
        {
          label: 'Responses, one row each (CSV)',
          href: `/staff/results/export/responses-wide.csv${exportQuery}`,
        },
        {
          label: 'Bundle: data, codebook and README (ZIP)',
          href: `/staff/results/export/bundle.zip${exportQuery}`,
        },
      ],
    },
  ];
}
