import { z } from 'zod';
import { MAX_RETENTION_YEARS, MIN_RETENTION_YEARS } from './retention.rules';

const YEARS = `Enter a whole number of years from ${MIN_RETENTION_YEARS} to ${MAX_RETENTION_YEARS}`;

/** The admin settings form (staff pages are in English). */
export const retentionSettingsSchema = z.object({
  retentionYears: z
    .string({ error: YEARS })
    .trim()
    .regex(/^\d{1,2}$/, YEARS)
    .transform(Number)
    .refine((n) => n >= MIN_RETENTION_YEARS && n <= MAX_RETENTION_YEARS, YEARS),
});
