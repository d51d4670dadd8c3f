import { z } from 'zod';
import { CONTROL_CHARS } from '../../../web/forms';

/*
 * The resident forms. Messages are catalogue keys, translated by the form helpers into the
 * page's language; `form.tooLong|N` carries its limit.
 */

export const ACCOMMODATIONS_MAX = 500;

/** One radio choice of the invitation page: a session and what it showed (a seat, or the waitlist). */
const choice = z
  .unknown()
  .optional()
  .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}-(seat|waitlist)$/.test(v), {
    error: 'register.errors.sessionRequired',
  })
  .transform((v) => {
    const [id, kind] = (v as string).split('-');
    return { sessionId: Number(id), seat: kind === 'seat' };
  });

const accommodations = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v.trim() : ''))
  .pipe(
    z
      .string()
      .max(ACCOMMODATIONS_MAX, { error: `form.tooLong|${ACCOMMODATIONS_MAX}` })
      .refine((v) => !CONTROL_CHARS.test(v), { error: 'form.invalidChoice' }),
  )
  .transform((v) => (v === '' ? null : v));

/** The invitation page: a time, and what they need to take part. */
export const registerSchema = z.object({ session: choice, accommodations });

/** "Switch to another time": one session id. */
export const switchSchema = z.object({
  session: z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), {
      error: 'register.errors.sessionRequired',
    })
    .transform(Number),
});

/** The invitation page's fields in page order (the error summary follows it). */
export const REGISTER_FIELDS = ['session', 'accommodations'] as const;
