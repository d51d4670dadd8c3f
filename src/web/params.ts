import { NotFoundError } from '../errors';

/** A row id from a URL segment: a positive whole number, written without leading zeros, or 404. */
export function idFrom(raw: unknown): number {
  const text = typeof raw === 'string' ? raw : '';
  const id = /^[1-9]\d{0,14}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw new NotFoundError();
  return id;
}
