/*
 * Small-cell suppression (issue 9, DESIGN.md "Exports"): a count of 1–4 people is shown as
 * "fewer than 5", and so is whatever would give it back by subtraction. Pure: no database.
 *
 * A table of counts has rows (e.g. council districts), columns (e.g. the options of a question)
 * and the totals of both. Each row, with its total, is one sum; so is each column. If a sum has
 * exactly one hidden entry, the others give it back — so a second entry of that sum is hidden
 * too (the smallest that is not zero), until no sum has exactly one. A row whose total is under
 * 5 is hidden whole: its zeros would say what none of those few people chose.
 */

export const MIN_CELL = 5;

/** True for a count of people that must not be shown (1–4). */
export function isSmall(count: number): boolean {
  return count > 0 && count < MIN_CELL;
}

export interface CountTable {
  /** counts[row][column] */
  counts: number[][];
  /** Each row's total (people in that row); not always the sum of its cells (multi-select). */
  rowTotals: number[];
  /** Each column's total over all rows (shown as the "all" line). */
  columnTotals: number[];
  /** Whether the column totals are shown (a breakdown shows the "all" row). */
  showColumnTotals?: boolean;
  /** Whether each row's cells add up to its total (single choice: yes; multi-select: no). */
  rowsAddUp?: boolean;
}

export interface Suppressed {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
}

/** Which entries of the table to hide: small counts, then what would give them back. */
export function suppress(table: CountTable): Suppressed {
  const { counts, rowTotals, columnTotals } = table;
  const rows = counts.length;
  const cols = columnTotals.length;
  const cells = counts.map((row) => row.map(isSmall));
  const rowHidden = rowTotals.map(isSmall);
  const colHidden = columnTotals.map(isSmall);
  for (let r = 0; r < rows; r++) {
    if (rowHidden[r]) cells[r] = cells[r].map(() => true);
  }

  // Columns: the cells of a column add up to its total (each person is in one row).
  // Rows: only when a row's cells add up to its total (one answer per person).
  let changed = true;
  while (changed) {
    changed = false;
    for (let c = 0; c < cols; c++) {
      const line = counts.map((row, r) => ({
        value: row[c],
        hidden: cells[r][c],
        hide: () => (cells[r][c] = true),
      }));
      if (table.showColumnTotals !== false) {
        line.push({
          value: columnTotals[c],
          hidden: colHidden[c],
          hide: () => (colHidden[c] = true),
        });
      }
      changed = protect(line) || changed;
    }
    // Row totals add up to the grand total across rows, shown as the "all" row's n.
    const totals = rowTotals.map((value, r) => ({
      value,
      hidden: rowHidden[r],
      hide: () => (rowHidden[r] = true),
    }));
    if (protect(totals)) {
      changed = true;
      for (let r = 0; r < rows; r++) if (rowHidden[r]) cells[r] = cells[r].map(() => true);
    }
    if (table.rowsAddUp) {
      for (let r = 0; r < rows; r++) {
        const line = counts[r].map((value, c) => ({
          value,
          hidden: cells[r][c],
          hide: () => (cells[r][c] = true),
        }));
        line.push({ value: rowTotals[r], hidden: rowHidden[r], hide: () => (rowHidden[r] = true) });
        changed = protect(line) || changed;
      }
    }
  }
  return { cells, rowTotals: rowHidden, columnTotals: colHidden };
}

interface Entry {
  value: number;
  hidden: boolean;
  hide: () => void;
}

/**
 * One sum's entries: if exactly one is hidden, hide the smallest other non-zero one (or any
 * other if all are zero, which gives nothing away but keeps the rule simple). Returns whether it
 * hid something.
 */
function protect(line: Entry[]): boolean {
  const hidden = line.filter((e) => e.hidden);
  if (hidden.length !== 1) return false;
  const candidates = line.filter((e) => !e.hidden);
  if (candidates.length === 0) return false;
  const nonZero = candidates.filter((e) => e.value > 0);
  const pool = nonZero.length > 0 ? nonZero : candidates;
  const smallest = pool.reduce((a, b) => (b.value < a.value ? b : a));
  smallest.hide();
  return true;
}

/**
 * Narrowing a filter must not give back a small group by subtraction: each filter, compared with
 * the same results without it, must leave out no one or at least 5 people. `kept` is the count
 * with every filter; `withoutEach[name]` the count with every filter but that one. Returns the
 * filters that leave out 1–4 people (the page refuses them and says why).
 */
export function leakyFilters(kept: number, withoutEach: Record<string, number>): string[] {
  return Object.entries(withoutEach)
    .filter(([, without]) => isSmall(without - kept))
    .map(([name]) => name);
}
