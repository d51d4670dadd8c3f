import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { CONTROL_CHARS } from '../../web/forms';
import { filledQuery, pageParam } from '../../web/pagination';
import type { CallListFilter } from './call-list.queries';

/** The call list's filters, from the query string (or the export form's hidden fields). */
export function callListFilter(ref: ReferenceData) {
  // Filters that do not parse are ignored, like the other list pages.
  const schema = z.object({
    language: z
      .string()
      .refine((v) => ref.languageCodes.has(v))
      .optional()
      .catch(undefined),
    district: z.coerce
      .number()
      .int()
      .refine((v) => ref.districtNumbers.has(v))
      .optional()
      .catch(undefined),
    days: z.coerce.number().int().min(1).max(3650).optional().catch(undefined),
    page: pageParam,
  });
  return (src: unknown): { filter: CallListFilter; page: number } => {
    const f = schema.parse(filledQuery(src));
    return {
      filter: { language: f.language, district: f.district, notContactedDays: f.days },
      page: f.page,
    };
  };
}

/** The filter as query-string values (blank when not set). */
export function filterValues(f: CallListFilter) {
  return {
    language: f.language ?? '',
    district: f.district === undefined ? '' : String(f.district),
    days: f.notContactedDays === undefined ? '' : String(f.notContactedDays),
  };
}

/** A personal-data export says why it is needed (kept in the audit log). */
export const exportSchema = z.object({
  reason: z
    .unknown()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(
      z
        .string()
        .min(1, {
          error: 'Say why you need this export (for example: “calls for the Bulky Item study”)',
        })
        .max(300, { error: 'Use 300 characters or fewer' })
        .refine((v) => !CONTROL_CHARS.test(v), {
          error: 'The reason contains characters we cannot keep',
        }),
    ),
});
