import { z } from 'zod';
import type { FieldErrors } from '../../errors';
import { parseForm, type FormResult } from '../../web/forms';
import { oneOf, text, whole } from '../fields';
import { MAX_QUERY } from '../sampling/draw';
import { REMINDER_FIELD, SEND_FIELD } from './invitations.service';

/* The invitation forms (staff pages: English messages). */

export const REMINDER_DAYS = { min: 1, max: 60, default: 7 } as const;

const FINGERPRINT = /^[0-9a-f]{32}$/;

/** "Send invitations": the builder's query string and the fingerprint of the previewed draw. */
export function sendValidator(input: unknown): FormResult<{ query: string; fingerprint: string }> {
  const b = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const { query, fingerprint } = b;
  if (
    typeof query !== 'string' ||
    query.length > MAX_QUERY ||
    typeof fingerprint !== 'string' ||
    !FINGERPRINT.test(fingerprint)
  )
    return {
      ok: false,
      errors: { [SEND_FIELD]: 'This preview cannot be sent: draw the sample again, then send it' },
    };
  return { ok: true, data: { query, fingerprint } };
}

/** "Send a reminder to the people who have not answered for D days". */
export const reminderSchema = z.object({
  [REMINDER_FIELD]: whole(
    `Enter the number of days: a whole number from ${REMINDER_DAYS.min} to ${REMINDER_DAYS.max}`,
    REMINDER_DAYS.min,
    REMINDER_DAYS.max,
  ),
});

export const CALL_OUTCOMES = ['reached', 'no_answer', 'wrong_number', 'declined'] as const;
export const CALL_OUTCOME_LABELS: Record<(typeof CALL_OUTCOMES)[number], string> = {
  reached: 'Reached',
  no_answer: 'No answer',
  wrong_number: 'Wrong number',
  declined: 'Declined',
};

const outcomeSchema = z.object({
  outcome: oneOf(CALL_OUTCOMES, 'Choose what came of the call'),
});

const registerSchema = z.object({
  sessionId: z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), {
      error: 'Choose a session to register them for',
    })
    .transform(Number),
  accommodations: text('Accommodations', 500),
});

/** The fields of one call-list row are named by its invitation, so the summary links to them. */
function keyed<T>(schema: z.ZodType<T>, names: Record<string, (id: string) => string>) {
  return (input: unknown, invitationId: string): FormResult<T> => {
    const form = parseForm(schema, input);
    if (form.ok) return form;
    const errors: FieldErrors = {};
    for (const [k, v] of Object.entries(form.errors))
      errors[(names[k] ?? names.form)(invitationId)] = v;
    return { ok: false, errors };
  };
}

export const callOutcomeValidator = keyed(outcomeSchema, {
  form: (id) => `outcome${id}`,
});

export const phoneRegisterValidator = keyed(registerSchema, {
  accommodations: (id) => `accommodations${id}`,
  form: (id) => `session${id}`,
});
