import { z } from 'zod';
import { text } from '../fields';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who to register: a participant id (digits) or their email address. */
export type Who = { id: number } | { email: string };

/** "Register someone by phone": a participant id or email from the pool, and accommodations. */
export const phoneRegistrationSchema = z.object({
  participant: text(
    'Participant',
    254,
    'Enter the participant id or email address of the person to register',
  ).transform((v, ctx): Who => {
    const typed = v ?? '';
    if (/^\d{1,12}$/.test(typed)) return { id: Number(typed) };
    if (EMAIL.test(typed)) return { email: typed.toLowerCase() };
    ctx.addIssue({
      code: 'custom',
      message: 'Enter a participant id (a number) or an email address, like name@example.com',
    });
    return z.NEVER;
  }),
  accommodations: text('Accommodations', 500),
});
export type PhoneRegistration = z.infer<typeof phoneRegistrationSchema>;

/** The Cancel button of one registration. */
export const cancelSchema = z.object({
  registrationId: z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), {
      error: 'Choose a registration to cancel',
    })
    .transform(Number),
});

/** The session page's form fields in page order (the error summary follows it). */
export const REGISTRATION_FIELDS = ['registrationId', 'participant', 'accommodations'] as const;
