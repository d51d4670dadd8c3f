import { z } from 'zod';
import { LOCALES } from '../../i18n/i18n';
import { normalizePhone } from '../../participants/profile/profile.schema';
import type { ReferenceData } from '../../reference/reference.queries';
import type { FormResult } from '../../web/forms';
import { inFieldOrder, parseForm } from '../../web/forms';
import { oneOf, text } from '../fields';
import { OUTCOMES } from './attendance.rules';

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** A row id from a hidden field. */
const rowId = (message: string) =>
  z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,11}$/.test(v), { error: message })
    .transform(Number);

/** One check-in button: a registration and what to record (or undo). */
export const checkInSchema = z.object({
  registrationId: rowId('Choose a person on the roster'),
  outcome: oneOf(
    [...OUTCOMES, 'undo'] as const,
    'Choose attended, no-show, late cancellation or undo',
  ),
});

/** "Add as attended" beside someone found in the pool. */
export const walkInSchema = z.object({
  participantId: rowId('Choose the person who came from the search results'),
});

/** A walk-in new to the panel: the least needed to reach them again, and their consent. */
export function newWalkInValidator(ref: ReferenceData) {
  const schema = z.object({
    firstName: text('First name', 100, 'Enter their first name'),
    lastName: text('Last name', 100),
    email: text('Email address', 254).refine((v) => v === null || EMAIL.test(v), {
      error: 'Enter an email address like name@example.com',
    }),
    phone: text('Phone number', 30).refine((v) => v === null || normalizePhone(v) !== null, {
      error: 'Enter a US phone number with its area code, like 213-555-0100',
    }),
    language: oneOf([...ref.languageCodes], 'Choose the language they prefer'),
    consentRecorded: z.literal('yes', {
      error: 'Confirm that they agreed to the consent text before you add them',
    }),
    consentLanguage: oneOf(LOCALES, 'Choose the language in which they gave consent'),
  });
  return (body: unknown): FormResult<NewWalkIn> => {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const result = parseForm(schema, b);
    const given = (k: string) => typeof b[k] === 'string' && (b[k] as string).trim() !== '';
    const errors = result.ok ? {} : { ...result.errors };
    if (!given('email') && !given('phone'))
      errors.email ??= 'Enter an email address or a phone number, so we can reach them';
    if (Object.keys(errors).length)
      return { ok: false, errors: inFieldOrder(errors, NEW_WALK_IN_FIELDS) };
    const d = (result as { ok: true; data: z.output<typeof schema> }).data;
    return {
      ok: true,
      data: {
        firstName: d.firstName!,
        lastName: d.lastName,
        email: d.email ? d.email.toLowerCase() : null,
        phone: d.phone ? normalizePhone(d.phone) : null,
        language: d.language,
        consentLanguage: d.consentLanguage,
      },
    };
  };
}

export interface NewWalkIn {
  firstName: string;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  language: string;
  consentLanguage: string;
}

export const NEW_WALK_IN_FIELDS = [
  'participantId',
  'firstName',
  'lastName',
  'email',
  'phone',
  'language',
  'consentRecorded',
  'consentLanguage',
] as const;

/** The walk-in search box (a GET form): trimmed, at most 100 characters. */
export function walkInSearch(query: unknown): string {
  const q = (query as Record<string, unknown> | undefined)?.q;
  return typeof q === 'string'
    ? q
        // eslint-disable-next-line no-control-regex -- control characters never belong in a search
        .replace(/[\u0000-\u001F\u007F]/g, ' ')
        .trim()
        .slice(0, 100)
    : '';
}
