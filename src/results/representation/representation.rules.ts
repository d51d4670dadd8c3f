import { suppress } from '../suppression';
import type { GroupCount } from './representation.queries';

/*
 * Representativeness as a pure rule: each group's share of the people counted, next to the
 * city's share, and the gap in percentage points. Counts of people go through `suppress`: a
 * group of 1–4 is "fewer than 5", and so is the group that would give it back by subtraction;
 * a hidden count's share and gap are hidden too.
 */

/** A gap this large (percentage points, either way) is highlighted. */
export const LARGE_GAP = 5;

export interface GroupRow {
  /** null: people who did not give this (council district not known). */
  code: string | null;
  label: string;
  /** null: hidden ("fewer than 5"). */
  count: number | null;
  /** Percent of the people counted (0–100), null when hidden or not comparable. */
  panelPercent: number | null;
  /** Percent of the city's residents, null: no figure. */
  cityPercent: number | null;
  /** Panel minus city, in percentage points. */
  gap: number | null;
  large: boolean;
}

export interface DimensionTable {
  rows: GroupRow[];
  /** Everyone counted, null when hidden. */
  total: number | null;
  /** Whether the city has figures for this dimension. */
  hasCityShares: boolean;
}

/**
 * Builds one dimension's table. `groups` are the reference groups in order (every one gets a
 * row, even with no one in it); a code counted but not in the reference gets a row after them;
 * people who did not say come last, as "not given", with no share of their own.
 */
export function dimensionTable(
  groups: { code: string; label: string }[],
  counted: GroupCount[],
  city: Map<string, number>,
  notGivenLabel = 'Not given',
): DimensionTable {
  const byCode = new Map(counted.map((c) => [c.code, c.n]));
  const rows: { code: string | null; label: string; n: number }[] = groups.map((g) => ({
    ...g,
    n: byCode.get(g.code) ?? 0,
  }));
  const known = new Set(groups.map((g) => g.code));
  for (const c of counted) {
    if (c.code !== null && !known.has(c.code)) rows.push({ code: c.code, label: c.code, n: c.n });
  }
  const notGiven = byCode.get(null) ?? 0;
  if (notGiven > 0) rows.push({ code: null, label: notGivenLabel, n: notGiven });

  const total = rows.reduce((s, r) => s + r.n, 0);
  const hidden = suppress({
    counts: rows.map((r) => [r.n]),
    rowTotals: rows.map((r) => r.n),
    columnTotals: [total],
    rowsAddUp: true,
  });
  const isHidden = (i: number) => hidden.cells[i][0] || hidden.rowTotals[i];
  // Shares are of the people who gave the dimension (the city's shares are of everyone who has
  // one) — unless "not given" is hidden: then of everyone, so that no share gives it back.
  const notGivenIndex = rows.findIndex((r) => r.code === null);
  const base = notGivenIndex >= 0 && isHidden(notGivenIndex) ? total : total - notGiven;
  return {
    total: hidden.columnTotals[0] ? null : total,
    hasCityShares: city.size > 0,
    rows: rows.map((r, i) => {
      const shown = !isHidden(i);
      const panelPercent = shown && r.code !== null && base > 0 ? (100 * r.n) / base : null;
      const cityShare = r.code === null ? undefined : city.get(r.code);
      const cityPercent = cityShare === undefined ? null : 100 * cityShare;
      const gap = panelPercent !== null && cityPercent !== null ? panelPercent - cityPercent : null;
      return {
        code: r.code,
        label: r.label,
        count: shown ? r.n : null,
        panelPercent,
        cityPercent,
        gap,
        large: gap !== null && Math.round(Math.abs(gap) * 10) / 10 >= LARGE_GAP,
      };
    }),
  };
}

/** A gap in words, so that it never depends on colour: "under by 6.2 points". */
export function gapWords(gap: number): string {
  const points = Math.abs(gap).toFixed(1);
  if (points === '0.0') return 'even';
  return `${gap < 0 ? 'under' : 'over'} by ${points} ${points === '1.0' ? 'point' : 'points'}`;
}
