import type { ShareDimension } from '../../db/schema';
import { formatCityTime } from '../../studies/city-time';
import type { CityShareListed } from './city-shares.queries';
import { shareField, sourceField, yearField } from './city-shares.rules';
import type { ShareGroup } from './city-shares.service';
import { gapWords, type DimensionTable } from './representation.rules';

export const DIMENSION_TITLES: Record<ShareDimension, string> = {
  district: 'Council district',
  language: 'Language',
};

/** A percent with one decimal ("6.7 %"), or the words for what is not there. */
export const percent = (p: number | null, none = '—') => (p === null ? none : `${p.toFixed(1)} %`);

/** Where a dimension's city figures come from, in one line (or null: no figures). */
export function sourceLine(rows: CityShareListed[], zone: string): string | null {
  if (!rows.length) return null;
  const sources = [...new Set(rows.map((r) => (r.year ? `${r.source} (${r.year})` : r.source)))];
  const latest = rows.reduce((a, b) => (b.updated_at > a.updated_at ? b : a));
  const by = latest.updated_by_name ? ` by ${latest.updated_by_name}` : '';
  return `${sources.join('; ')}. Updated ${formatCityTime(latest.updated_at, zone)}${by}.`;
}

/** One dimension's table as the view shows it: cells as text, large gaps marked in words. */
export function tableView(table: DimensionTable) {
  return {
    total: table.total === null ? 'fewer than 5' : String(table.total),
    hasCityShares: table.hasCityShares,
    rows: table.rows.map((r) => ({
      label: r.label,
      count: r.count === null ? 'fewer than 5' : String(r.count),
      hidden: r.count === null,
      panel:
        r.count === null ? 'hidden' : r.code === null ? 'not counted' : percent(r.panelPercent),
      city: r.code === null ? '—' : percent(r.cityPercent, 'no figure'),
      gap: r.gap === null ? '—' : gapWords(r.gap),
      large: r.large,
    })),
  };
}

/** A share as typed in the form: a percent with at most 2 decimals ("6.67"). */
export const typedPercent = (share: number) => String(Math.round(share * 10000) / 100);

/** The values a dimension's form starts with: the stored figures. */
export function storedValues(
  dimension: ShareDimension,
  groups: ShareGroup[],
  stored: Map<string, CityShareListed>,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const g of groups) {
    const row = stored.get(g.code);
    values[shareField(dimension, g.code)] = row ? typedPercent(row.share) : '';
  }
  const any = [...stored.values()][0];
  values[sourceField(dimension)] = any?.source ?? '';
  values[yearField(dimension)] = any?.year ? String(any.year) : '';
  return values;
}

/** The sum of a dimension's stored shares as a percent, for the form's hint. */
export const storedTotal = (stored: Map<string, CityShareListed>) =>
  percent([...stored.values()].reduce((s, r) => s + r.share * 100, 0));
