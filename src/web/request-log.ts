import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/**
 * One JSON line per request: method, the route pattern (never the raw URL, which may hold a
 * link token), status, duration and the acting staff id. No query strings, no bodies.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          method: req.method,
          route: req.route?.path ?? (res.statusCode === 404 ? '(not found)' : '(middleware)'),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          staffId: req.user?.id,
        },
        'request',
      );
    });
    next();
  };
}
