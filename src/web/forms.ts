import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldErrors } from '../errors';

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** What a form field holds when re-rendered: what was typed. */
export type Values = Record<string, string | string[]>;

/** A form page's state: empty (GET), or what was typed with the errors found in it. */
export interface FormState {
  values?: Values;
  errors: FieldErrors;
  /** The rule the action refused with, when it was not the schema (it may carry more, e.g. an id). */
  cause?: ValidationError;
}

/** Renders one form page from its state; the form helpers set the status. */
export type FormPage = (req: Request, res: Response, state: FormState) => unknown;

/** A zod schema, or a function that validates the form itself (rules across fields). */
export type Validator<T> =
  z.ZodType<T> | ((input: unknown, req: Request, res: Response) => FormResult<T>);

/** What a form sent: the query string of a GET form (a shareable URL), the body of a POST. */
export function submitted(req: Request): unknown {
  return req.method === 'GET' || req.method === 'HEAD' ? req.query : req.body;
}

/**
 * Control characters no typed text may hold (tabs and line breaks may: long text has
 * paragraphs). Every text field of every form refuses them with this one pattern.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Messages that are catalogue keys (`fields.email.invalid`, `key|max`) rather than English text. */
const CATALOGUE_KEY = /^[A-Za-z]\w*(\.[\w-]+)+(\|\d+)?$/;

/**
 * Validates a form body with a zod schema. Field errors keep the first message per field, in
 * the schema's order, which is the order of the fields on the page. A message the schema does
 * not give itself (a library default) becomes the catalogue's generic one.
 */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.infer<S>> {
  const result = schema.safeParse(body ?? {}, { error: () => 'form.invalidChoice' });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** What was typed, as strings, to put back in the form (never passwords). */
export function keepTyped(body: unknown, omit: string[] = []): Values {
  const out: Values = {};
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

/**
 * Turns catalogue-key messages (`key` or `key|max`) into the page's language; English text
 * written for staff pages passes through as it is.
 */
export function translateErrors(
  errors: FieldErrors,
  t: (key: string, opts?: Record<string, unknown>) => string,
): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => {
      if (!CATALOGUE_KEY.test(message)) return [field, message];
      const [key, max] = message.split('|');
      return [field, t(key, { ...(max ? { max } : {}), defaultValue: t('form.invalidChoice') })];
    }),
  );
}

/** GET of a form page: empty, status 200. */
export function showForm(page: FormPage): RequestHandler {
  return async (req, res) => {
    await page(req, res, { errors: {} });
  };
}

/** Re-renders a form page with 400 (or the error's own status), the translated errors and what was typed. */
export function rejectForm(
  req: Request,
  res: Response,
  page: FormPage,
  errors: FieldErrors,
  cause?: ValidationError,
): unknown {
  res.status(cause?.status ?? 400);
  const values = keepTyped(submitted(req));
  return page(req, res, { values, errors: translateErrors(errors, res.locals.t), cause });
}

/**
 * A form's submission (kutt's validate-then-act chain): validates what it sent (a POST body, or
 * a GET form's query string); on a problem, or a ValidationError thrown by the action (a rule the
 * schema cannot see, such as an address already used), the same page comes back with 400, the
 * error summary and what was typed.
 */
export function handleForm<T>(
  validator: Validator<T>,
  page: FormPage,
  act: (req: Request, res: Response, data: T) => unknown,
): RequestHandler {
  return async (req, res) => {
    const input = submitted(req);
    const form =
      validator instanceof z.ZodType ? parseForm(validator, input) : validator(input, req, res);
    if (!form.ok) return void (await rejectForm(req, res, page, form.errors));
    try {
      await act(req, res, form.data as T);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      await rejectForm(req, res, page, err.fields, err);
    }
  };
}

/** Errors in the order their fields appear on the page (the error summary follows it). */
export function inFieldOrder(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}
