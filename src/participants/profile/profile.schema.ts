import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import type { FieldErrors } from '../../errors';
import { CONTROL_CHARS, inFieldOrder, parseForm, type FormResult } from '../../web/forms';
import { LIMITS, PROFILE_CODES } from './options';

/*
 * The panel profile, as typed on /join, on "manage my data" and by staff. Error messages are
 * i18n keys (translated by the route); `form.tooLong|N` carries its limit.
 */

const DONT_KNOW = 'unknown';

/** A text field: trimmed, '' → null, limited in length, no control characters. */
const text = (max: number, requiredKey?: string) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(
      z
        .string()
        .max(max, { error: `form.tooLong|${max}` })
        .refine((v) => !CONTROL_CHARS.test(v), {
          error: 'form.invalidChoice',
        })
        .refine((v) => !requiredKey || v.length > 0, { error: requiredKey ?? '' }),
    )
    .transform((v) => (v === '' ? null : v));

/** One code from a list, or null when not answered. */
const oneOf = (codes: readonly string[], requiredKey?: string) =>
  z
    .unknown()
    .transform((v) => (typeof v === 'string' && v !== '' ? v : null))
    .refine((v) => v === null || codes.includes(v), { error: 'form.invalidChoice' })
    .refine((v) => !requiredKey || v !== null, { error: requiredKey ?? '' });

/** Checkbox values: a string or an array of strings, each from the list. */
const manyOf = (codes: readonly string[] | Set<string>) =>
  z
    .unknown()
    .transform((v) =>
      ([] as unknown[])
        .concat(v ?? [])
        .filter((x): x is string => typeof x === 'string' && x !== ''),
    )
    .refine(
      (vs) =>
        vs.every((x) => (Array.isArray(codes) ? codes.includes(x) : (codes as Set<string>).has(x))),
      {
        error: 'form.invalidChoice',
      },
    )
    .transform((vs) => [...new Set(vs)] as string[]);

export function normalizePhone(raw: string): string | null {
  const digits = raw.replace(/[\s().\-+]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}

export function formatPhone(e164: string | null): string {
  if (!e164) return '';
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** An email address: trimmed, lower-cased, '' → null; the one pattern for every form. */
export const emailField = () =>
  text(LIMITS.email)
    .transform((v) => (v ? v.toLowerCase() : null))
    .refine((v) => v === null || EMAIL.test(v), { error: 'fields.email.invalid' });

export function profileSchema(ref: ReferenceData) {
  return z
    .object({
      firstName: text(LIMITS.name, 'fields.firstName.required'),
      lastName: text(LIMITS.name),
      email: emailField(),
      phone: text(LIMITS.phone)
        .refine((v) => v === null || normalizePhone(v) !== null, { error: 'fields.phone.invalid' })
        .transform((v) => (v === null ? null : normalizePhone(v))),
      contactPreference: oneOf(
        PROFILE_CODES.contactPreference,
        'fields.contactPreference.required',
      ),
      language: oneOf([...ref.languageCodes], 'fields.language.required'),
      zip: text(10, 'fields.zip.required').refine((v) => v === null || /^\d{5}$/.test(v), {
        error: 'fields.zip.invalid',
      }),
      councilDistrict: oneOf([DONT_KNOW, ...[...ref.districtNumbers].map(String)]).transform((v) =>
        v === null || v === DONT_KNOW ? null : Number(v),
      ),
      neighborhoodCouncil: oneOf([DONT_KNOW, ...[...ref.councilIds].map(String)]).transform((v) =>
        v === null || v === DONT_KNOW ? null : Number(v),
      ),
      myla311Use: oneOf(PROFILE_CODES.myla311Use, 'fields.myla311Use.required'),
      channels: manyOf(PROFILE_CODES.channels),
      requestTypes: manyOf(ref.requestTypeNames),
      needs: manyOf(PROFILE_CODES.needs),
      interpreterLanguage: oneOf([...ref.languageCodes]),
      needsOther: text(LIMITS.needsOther),
      availability: manyOf(PROFILE_CODES.availability),
      format: oneOf(PROFILE_CODES.format, 'fields.format.required'),
      ageRange: oneOf(PROFILE_CODES.ageRange),
      gender: oneOf(PROFILE_CODES.gender),
      race: manyOf(PROFILE_CODES.race),
    })
    .transform((p) => ({
      ...p,
      // Answers that only make sense with their checkbox are dropped without it.
      interpreterLanguage: p.needs.includes('interpreter') ? p.interpreterLanguage : null,
      needsOther: p.needs.includes('other') ? p.needsOther : null,
      // "Prefer not to say" stands alone.
      race: p.race.includes('prefer_not') ? ['prefer_not'] : p.race,
    }));
}

export type Profile = z.output<ReturnType<typeof profileSchema>>;

/**
 * Validates a profile form. Rules across fields (a way to reach the person, the interpreter's
 * language) are checked on what was typed even when other fields are wrong, so the person sees
 * every problem at once.
 */
export function validateProfile(
  schema: ReturnType<typeof profileSchema>,
  body: unknown,
): FormResult<Profile> {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const given = (k: string) => typeof b[k] === 'string' && (b[k] as string).trim() !== '';
  const needs = ([] as unknown[]).concat(b.needs ?? []);
  const cross: FieldErrors = {};
  if (!given('email') && !given('phone')) cross.email = 'fields.contact.missing';
  else if (b.contactPreference === 'email' && !given('email'))
    cross.contactPreference = 'fields.contactPreference.needsEmail';
  else if ((b.contactPreference === 'phone' || b.contactPreference === 'text') && !given('phone'))
    cross.contactPreference = 'fields.contactPreference.needsPhone';
  if (needs.includes('interpreter') && !given('interpreterLanguage'))
    cross.interpreterLanguage = 'fields.interpreterLanguage.required';
  if (needs.includes('other') && !given('needsOther'))
    cross.needsOther = 'fields.needsOther.required';

  // Unanswered fields are absent from a form post: give every field a value for the schema.
  const filled = Object.fromEntries(PROFILE_FIELDS.map((k) => [k, b[k] ?? '']));
  const result = parseForm(schema, filled);
  const errors = { ...(result.ok ? {} : result.errors) };
  for (const [k, v] of Object.entries(cross)) errors[k] ??= v;
  if (Object.keys(errors).length)
    return { ok: false, errors: inFieldOrder(errors, PROFILE_FIELDS) };
  return result;
}

/** Field order on the page, for the error summary. */
export const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'contactPreference',
  'language',
  'zip',
  'councilDistrict',
  'neighborhoodCouncil',
  'myla311Use',
  'channels',
  'requestTypes',
  'needs',
  'interpreterLanguage',
  'needsOther',
  'availability',
  'format',
  'ageRange',
  'gender',
  'race',
] as const;
