import { z } from 'zod';
import { CONTROL_CHARS } from '../web/forms';

/*
 * Field pieces of the studies forms. Staff pages are English, so messages are English text.
 * Every piece accepts `unknown` (a malformed post may send arrays or nothing) and refuses it
 * with the field's own message.
 */

/** Trimmed text, '' → null; `required` is the message when it is empty. */
export const text = (label: string, max: number, required?: string) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(
      z
        .string()
        .max(max, { error: `${label} must be ${max.toLocaleString('en-US')} characters or fewer` })
        .refine((v) => !CONTROL_CHARS.test(v), {
          error: `${label} contains characters we cannot keep`,
        })
        .refine((v) => !required || v.length > 0, { error: required ?? '' }),
    )
    .transform((v) => (v === '' ? null : v));

/** A whole number typed in a box, between min and max. */
export const whole = (message: string, min: number, max: number) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim().replace(/,/g, '') : ''))
    .refine((v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, {
      error: message,
    })
    .transform(Number);

/** One code of a list (radios, selects). */
export const oneOf = <T extends string>(codes: readonly T[], message: string) =>
  z
    .unknown()
    .optional()
    .refine((v): v is T => typeof v === 'string' && (codes as readonly string[]).includes(v), {
      error: message,
    })
    .transform((v) => v as T);

/** Checkbox values: a string or an array, each from the list, no duplicates. */
export const manyOf = (codes: readonly string[] | Set<string>, message: string) => {
  const has = (x: string) =>
    codes instanceof Set ? codes.has(x) : (codes as readonly string[]).includes(x);
  return z
    .unknown()
    .optional()
    .transform((v) => ([] as unknown[]).concat(v ?? []))
    .refine((vs) => vs.every((x) => typeof x === 'string' && has(x)), { error: message })
    .transform((vs) => [...new Set(vs as string[])]);
};

/** Staff ids from checkboxes or a select: positive whole numbers. */
export const ids = (message: string) =>
  z
    .unknown()
    .optional()
    .transform((v) => ([] as unknown[]).concat(v ?? []).filter((x) => x !== ''))
    .refine((vs) => vs.every((x) => typeof x === 'string' && /^[1-9]\d{0,9}$/.test(x)), {
      error: message,
    })
    .transform((vs) => [...new Set((vs as string[]).map(Number))]);

/** Whole dollars typed as "25" or "$25" → cents. */
export const dollarsToCents = (message: string) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim().replace(/^\$/, '') : ''))
    .refine((v) => /^\d{1,4}$/.test(v) && Number(v) <= 1000, { error: message })
    .transform((v) => Number(v) * 100);
