import { z } from 'zod';
import { PAUSE_MONTHS } from '../profile/options';
import { emailField } from '../profile/profile.schema';

/** "Get my link": an email address, required. */
export const linkRequestSchema = z.object({
  email: emailField().refine((v) => v !== null, { error: 'fields.email.invalid' }),
});

/** Pausing contact for 3, 6 or 12 months. */
export const pauseSchema = z.object({
  months: z.enum(PAUSE_MONTHS, { error: 'me.pauseRequired' }).transform(Number),
});

/** The answer to a new consent text. */
export const reconsentSchema = z.object({ decision: z.enum(['agree', 'decline']) });
