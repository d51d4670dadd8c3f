import type { ShareDimension } from '../../db/schema';
import type { FieldErrors } from '../../errors';
import { CONTROL_CHARS, str } from '../../web/forms';

/*
 * The city-shares form's rules (pure): each group's share typed as a percent (blank: no figure),
 * the shares of a dimension adding up to at most 100 % (with half a point for rounding), and a
 * source and a year whenever a share is entered. Field names carry the dimension
 * (`district_3`, `language_es`, `language_source`), since both forms share one page.
 */

export const DIMENSIONS: readonly ShareDimension[] = ['district', 'language'];
/** Shares typed with one decimal each may add up to a little over 100 %. */
export const ROUNDING_ALLOWANCE = 0.5;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const MAX_SOURCE = 300;

export const shareField = (dimension: ShareDimension, code: string) => `${dimension}_${code}`;
export const sourceField = (dimension: ShareDimension) => `${dimension}_source`;
export const yearField = (dimension: ShareDimension) => `${dimension}_year`;
/** The fieldset of a dimension's shares: where the "add up to more than 100 %" message points. */
export const sharesField = (dimension: ShareDimension) => `${dimension}_shares`;

export interface SharesInput {
  dimension: ShareDimension;
  /** Fractions (0–1) of the groups with a figure; the others have none. */
  shares: { code: string; share: number }[];
  source: string;
  year: number | null;
}

export type SharesResult = { ok: true; data: SharesInput } | { ok: false; errors: FieldErrors };

const PERCENT = /^(\d{1,3})(\.\d{1,4})?\s*%?$/;

/** Reads one dimension's form: `codes` are the groups it lists, labels name them in messages. */
export function readShares(
  body: Record<string, unknown>,
  dimension: ShareDimension,
  groups: { code: string; label: string }[],
): SharesResult {
  const errors: FieldErrors = {};
  const shares: { code: string; share: number }[] = [];
  for (const g of groups) {
    const field = shareField(dimension, g.code);
    const typed = str(body[field]).trim();
    if (typed === '') continue;
    const m = PERCENT.exec(typed);
    const percent = m ? Number(typed.replace('%', '')) : NaN;
    if (!m || !(percent >= 0 && percent <= 100)) {
      errors[field] = `Enter ${g.label}’s share as a percent from 0 to 100, like 12.5`;
    } else {
      shares.push({ code: g.code, share: percent / 100 });
    }
  }
  const total = shares.reduce((sum, s) => sum + s.share * 100, 0);
  if (!Object.keys(errors).length && total > 100 + ROUNDING_ALLOWANCE) {
    errors[sharesField(dimension)] =
      `The shares add up to ${total.toFixed(1)} %: they must add up to 100 % or less`;
  }

  const source = str(body[sourceField(dimension)]).trim();
  const yearText = str(body[yearField(dimension)]).trim();
  const entered = shares.length > 0 || Object.keys(errors).length > 0;
  if (source.length > MAX_SOURCE || CONTROL_CHARS.test(source)) {
    errors[sourceField(dimension)] = `Enter the source in ${MAX_SOURCE} characters or fewer`;
  } else if (entered && !source) {
    errors[sourceField(dimension)] =
      'Enter where the shares come from, like “Census ACS 5-year, table C16001”';
  }
  let year: number | null = null;
  if (yearText) {
    year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!(year! >= MIN_YEAR && year! <= MAX_YEAR)) {
      errors[yearField(dimension)] = 'Enter the year of the figures as 4 digits, like 2023';
    }
  } else if (entered) {
    errors[yearField(dimension)] = 'Enter the year the figures are for, like 2023';
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { dimension, shares, source, year } };
}
