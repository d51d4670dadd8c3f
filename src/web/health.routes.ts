import type { RequestHandler } from 'express';
import type { DB } from '../db/database';
import { pingDatabase } from './health.queries';

/**
 * GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise. A handler for
 * `app.get` rather than a router of its own: a router that has no route for a request hands it
 * on a turn of the event loop later, and every request of the app passes this one first.
 */
export function healthCheck(db: DB): RequestHandler {
  return async (_req, res) => {
    try {
      await pingDatabase(db);
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable' });
    }
  };
}
