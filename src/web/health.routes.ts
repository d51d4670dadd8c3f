import { Router } from 'express';
import type { DB } from '../db/database';
import { pingDatabase } from './health.queries';

/** GET /healthz: 200 {"status":"ok"} when the database answers, 503 otherwise. */
export function healthRoutes(db: DB): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    try {
      await pingDatabase(db);
      res.set('Cache-Control', 'no-store').json({ status: 'ok' });
    } catch {
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable' });
    }
  });
  return r;
}
