import type { z } from 'zod';
import type { FieldErrors } from './errors';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates a form body with a zod schema. Field errors keep the first message per field, in
 * the schema's order, which is the order of the fields on the page.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** What was typed, as strings, to put back in the form (never passwords). */
export function keepTyped(body: unknown, omit: string[] = []): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf' || omit.includes(k) || /password/i.test(k)) continue;
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string');
  }
  return out;
}

/** A single string field from a body that may hold arrays or objects (malformed posts). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Turns i18n-key messages (`key` or `key|max`) into the page's language. */
export function translateErrors(
  errors: FieldErrors,
  t: (key: string, opts?: Record<string, unknown>) => string,
): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      const [key, max] = message.split('|');
      // A message that is not a catalogue key (a library's default) becomes a generic one.
      return [field, t(key, { ...(max ? { max } : {}), defaultValue: t('form.invalidChoice') })];
    }),
  );
}
