import { Router } from 'express';

/** The public landing page, in the resident's language. */
export function homeRoutes(): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.render('home/index');
  });
  return r;
}
