import { z } from 'zod';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * "Enter a response" (staff): who (a participant id or email, or nobody for an anonymous paper
 * form), the channel, the language the questions are read in. Staff pages are English.
 */
export const entrySchema = (languages: string[]) =>
  z.object({
    who: z
      .unknown()
      .transform(str)
      .transform((typed, ctx) => {
        if (typed === '') return null;
        if (/^\d{1,12}$/.test(typed)) return { id: Number(typed) };
        if (typed.length <= 254 && EMAIL.test(typed)) return { email: typed.toLowerCase() };
        ctx.addIssue({
          code: 'custom',
          message:
            'Enter a participant id (a number) or an email address, or leave it empty for an anonymous paper form',
        });
        return z.NEVER;
      }),
    channel: z
      .unknown()
      .transform(str)
      .refine((v) => v === 'phone' || v === 'paper', {
        error: 'Choose phone interview or paper form',
      })
      .transform((v) => v as 'phone' | 'paper'),
    language: z
      .unknown()
      .transform(str)
      .refine((v) => languages.includes(v), { error: 'Choose one of the survey’s languages' }),
  });

export const ENTRY_FIELDS = ['who', 'channel', 'language'] as const;
