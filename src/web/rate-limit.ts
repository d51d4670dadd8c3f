import { rateLimit } from 'express-rate-limit';
import type { RequestHandler } from 'express';

/**
 * At most `limit` requests per IP address in 15 minutes; the next ones get the 429 page in the
 * person's language (through the one error handler). In memory: per process, reset at restart.
 */
export function perIpLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 15 * 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) =>
      next(Object.assign(new Error('Too many requests'), { status: 429 })),
  });
}
