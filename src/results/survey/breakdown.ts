import { suppress } from '../suppression';
import { isFreeText, type ItemFigures, type QuestionFigures } from './figures';

/*
 * A breakdown: each question's figures split by one dimension (a row per group, a column per
 * option), with small counts and whatever gives them back by subtraction hidden by `suppress`.
 * Percentages and means of a hidden count are hidden with it. Pure; the page and the `summary`
 * export show the same table.
 */

export interface Cell {
  count: number;
  percent: number | null;
  hidden: boolean;
}

export interface BreakdownRow {
  /** The group's value as the query carries it ('' for none recorded). */
  group: string;
  label: string;
  n: number;
  nHidden: boolean;
  cells: Cell[];
  mean: number | null;
  /** The row's n, or one of its cells, is hidden: its mean (and top-2-box, NPS) would give it back. */
  meanHidden: boolean;
  /** Hidden (null) with the mean. */
  top2: number | null;
  nps: number | null;
}

export interface BreakdownItem {
  question: QuestionFigures;
  /** The question itself, or one grid statement. */
  item: ItemFigures;
  statement: string | null;
  options: { code: string; label: string }[];
  rows: BreakdownRow[];
  all: BreakdownRow;
}

export interface GroupFigures {
  group: string;
  label: string;
  figures: QuestionFigures[];
}

const withMean = (f: ItemFigures) => f.mean !== null || f.options.length === 0;

/** Every question (every grid statement) split by the groups, suppressed. */
export function breakdownItems(all: QuestionFigures[], groups: GroupFigures[]): BreakdownItem[] {
  const out: BreakdownItem[] = [];
  all.forEach((question, qi) => {
    if (isFreeText(question.type)) return;
    const items =
      question.type === 'agreement_grid'
        ? question.statements.map((s, si) => ({
            whole: s,
            of: (f: QuestionFigures) => f.statements[si],
          }))
        : [{ whole: question as ItemFigures, of: (f: QuestionFigures) => f as ItemFigures }];
    for (const { whole, of } of items) {
      const parts = groups.map((g) => ({ g, f: of(g.figures[qi]) }));
      const hidden = suppress({
        counts: parts.map(({ f }) => f.options.map((o) => o.count)),
        rowTotals: parts.map(({ f }) => f.n),
        columnTotals: whole.options.map((o) => o.count),
        showColumnTotals: true,
        rowsAddUp: question.type !== 'multi_choice',
      });
      const row = (
        group: string,
        label: string,
        f: ItemFigures,
        nHidden: boolean,
        cellHidden: (c: number) => boolean,
      ): BreakdownRow => {
        const cells = f.options.map((o, c) => {
          const h = cellHidden(c);
          return { count: o.count, percent: h || nHidden ? null : o.percent, hidden: h };
        });
        const meanHidden = nHidden || cells.some((c) => c.hidden);
        return {
          group,
          label,
          n: f.n,
          nHidden,
          cells,
          mean: meanHidden || !withMean(f) ? null : f.mean,
          meanHidden,
          top2: meanHidden ? null : f.top2,
          nps: meanHidden ? null : (f.nps?.score ?? null),
        };
      };
      out.push({
        question,
        item: whole,
        statement: question.type === 'agreement_grid' ? whole.label : null,
        options: whole.options.map((o) => ({ code: o.code, label: o.label })),
        rows: parts.map(({ g, f }, r) =>
          row(g.group, g.label, f, hidden.rowTotals[r], (c) => hidden.cells[r][c]),
        ),
        all: row('', 'All', whole, false, (c) => hidden.columnTotals[c]),
      });
    }
  });
  return out;
}
