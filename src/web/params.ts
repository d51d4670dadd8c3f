import { NotFoundError } from '../errors';

/** A row id from a URL segment: a positive whole number that fits SQLite's integer, or 404. */
export function idFrom(raw: unknown): number {
  const text = typeof raw === 'string' ? raw : '';
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError();
  return id;
}
