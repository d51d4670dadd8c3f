import { DateTime } from 'luxon';
import { z } from 'zod';
import { oneOf, text } from '../fields';
import { METHODS, looksLikeCardNumber } from './incentives.rules';

/** "Issue incentive" beside someone who attended. */
export const issueSchema = z.object({
  registrationId: z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), {
      error: 'Choose the person on the roster',
    })
    .transform(Number),
  method: oneOf(METHODS, 'Choose how it was given: gift card, cash card or other'),
  amount: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim().replace(/^\$/, '') : ''))
    .refine((v) => /^\d{1,4}(\.\d{2})?$/.test(v) && Number(v) > 0 && Number(v) <= 1000, {
      error: 'Enter the amount in dollars, like 50 or 12.50 (at most 1,000)',
    })
    .transform((v) => Math.round(Number(v) * 100)),
  issuedOn: z
    .unknown()
    .optional()
    .refine(
      (v) =>
        typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        DateTime.fromISO(v, { zone: 'utc' }).isValid,
      { error: 'Enter the date it was given, like 2026-12-03' },
    )
    .transform((v) => v as string),
  referenceNote: text('Reference note', 100).refine((v) => v === null || !looksLikeCardNumber(v), {
    error: 'Keep at most the last 4 digits of a card, never its full number',
  }),
});
export type IssueInput = z.output<typeof issueSchema>;

/** The check-in page's fields in page order (the error summary follows it). */
export const ROSTER_FIELDS = [
  'registrationId',
  'outcome',
  'method',
  'amount',
  'issuedOn',
  'referenceNote',
] as const;
