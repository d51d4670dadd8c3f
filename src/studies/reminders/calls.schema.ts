import { z } from 'zod';

/** A button on the calls page: which call, and how it went. */
export const callOutcomeSchema = z.object({
  reminderId: z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), {
      error: 'Choose a call from the list',
    })
    .transform(Number),
  outcome: z
    .unknown()
    .optional()
    .refine((v): v is 'called' | 'unreached' => v === 'called' || v === 'unreached', {
      error: 'Say whether you reached the person',
    })
    .transform((v) => v as 'called' | 'unreached'),
});

export const CALL_FIELDS = ['reminderId', 'outcome'] as const;
