import { ValidationError } from '../../errors';
import { languagesOf } from '../../surveys/surveys.queries';
import type { CsvColumn } from '../../web/csv';
import { SUPPRESSED } from '../exports/codes';
import type { ExportDeps, ExportRequest, ExportType } from '../exports/export-type';
import type { BreakdownItem, BreakdownRow } from './breakdown';
import type { ItemFigures, QuestionFigures } from './figures';
import { SurveyResultsService } from './results.service';

/*
 * The `summary` export (issue 9 item 10): per question (per grid statement) and option, n,
 * count, percent, mean, top-2-box and NPS, with the filters applied — the same SQL aggregation as
 * the results page. With a breakdown (`breakdown` on the request, optional), one block per
 * group and an `all` block, hidden counts (and their percentages and means) written `<5`.
 */

export interface SummaryRow {
  question: string;
  type: string;
  statement: string;
  option: string;
  label: string;
  group: string;
  n: string;
  count: string;
  percent: string;
  mean: string;
  top2: string;
  nps: string;
  skipped: string;
  preferNot: string;
}

const num = (v: number | null | undefined, digits: number) =>
  v === null || v === undefined ? '' : String(Number(v.toFixed(digits)));

function overallRows(q: QuestionFigures, f: ItemFigures, statement: string): SummaryRow[] {
  const base = { question: q.code, type: q.type, statement, group: '' };
  return [
    {
      ...base,
      option: '',
      label: f.label,
      n: String(f.n),
      count: '',
      percent: '',
      mean: num(f.mean, 4),
      top2: num(f.top2, 2),
      nps: f.nps?.score === null || f.nps === null ? '' : String(f.nps.score),
      skipped: String(f.skipped),
      preferNot: String(f.preferNot),
    },
    ...f.options.map((o) => ({
      ...base,
      option: o.code,
      label: o.label,
      n: String(f.n),
      count: String(o.count),
      percent: num(o.percent, 2),
      mean: o.meanRank !== undefined ? num(o.meanRank, 4) : '',
      top2: '',
      nps: '',
      skipped: '',
      preferNot: '',
    })),
  ];
}

function groupRows(b: BreakdownItem, r: BreakdownRow, all: boolean): SummaryRow[] {
  const hide = (hidden: boolean, v: string) => (hidden ? SUPPRESSED : v);
  const base = {
    question: b.question.code,
    type: b.question.type,
    statement: b.statement ? b.item.code : '',
    group: all ? 'all' : r.group,
  };
  const n = hide(r.nHidden, String(r.n));
  return [
    {
      ...base,
      option: '',
      label: b.item.label,
      n,
      count: '',
      percent: '',
      mean: hide(r.meanHidden, num(r.mean, 4)),
      top2: hide(r.meanHidden, num(r.top2, 2)),
      nps: hide(r.meanHidden, r.nps === null ? '' : String(r.nps)),
      skipped: '',
      preferNot: '',
    },
    ...r.cells.map((c, i) => ({
      ...base,
      option: b.options[i].code,
      label: b.options[i].label,
      n,
      count: hide(c.hidden, String(c.count)),
      percent: hide(c.hidden || r.nHidden, num(c.percent, 2)),
      mean: '',
      top2: '',
      nps: '',
      skipped: '',
      preferNot: '',
    })),
  ];
}

const code = (header: string, key: keyof SummaryRow): CsvColumn<SummaryRow> => ({
  header,
  value: (r) => r[key],
  kind: 'code',
});

export function summaryExport(deps: ExportDeps): ExportType {
  const service = new SurveyResultsService({
    db: deps.db,
    ref: deps.ref,
    cityTimeZone: deps.cityTimeZone,
  });
  return {
    type: 'summary',
    title: 'Summary: per question and option, n, count, percent, mean, top-2-box, NPS',
    scope: 'survey',
    roles: ['analyst', 'organizer'],
    async open(req: ExportRequest) {
      if (req.survey === undefined) throw new ValidationError({ survey: 'Choose a survey' });
      const survey = await service.survey(req.survey);
      const lang = req.labels ?? languagesOf(survey)[0] ?? 'en';
      const outcome = await service.results(survey, req.filter, req.breakdown, lang);
      if (!outcome.ok) throw new ValidationError(outcome.errors);
      const { figures, breakdown } = outcome.results;
      const rows: SummaryRow[] = breakdown
        ? breakdown.flatMap((b) => [
            ...b.rows.flatMap((r) => groupRows(b, r, false)),
            ...groupRows(b, b.all, true),
          ])
        : figures.flatMap((q) =>
            q.type === 'agreement_grid'
              ? q.statements.flatMap((s) => overallRows(q, s, s.code))
              : overallRows(q, q, ''),
          );
      const columns: CsvColumn<SummaryRow>[] = [
        code('question', 'question'),
        code('question_type', 'type'),
        code('statement', 'statement'),
        code('option', 'option'),
        { header: 'label', value: (r) => r.label },
        ...(req.breakdown ? [code(req.breakdown, 'group')] : []),
        code('n', 'n'),
        code('count', 'count'),
        code('percent', 'percent'),
        code('mean', 'mean'),
        code('top2box_percent', 'top2'),
        code('nps', 'nps'),
        code('skipped', 'skipped'),
        code('prefer_not', 'preferNot'),
      ];
      return { filename: `survey-${survey.id}-summary.csv`, columns, rows };
    },
  };
}
