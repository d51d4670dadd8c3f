import type { Request, RequestHandler } from 'express';
import type { SessionData } from 'express-session';

type Flash = SessionData['flash'][number];

/** Queues a message for the next page (after a redirect). */
export function flash(req: Request, type: Flash['type'], text: string): void {
  req.session.flash = [...(req.session.flash ?? []), { type, text }];
}

/** Moves queued messages into res.locals.flash for the page being rendered. */
export const flashLocals: RequestHandler = (req, res, next) => {
  res.locals.flash = [];
  if (req.session?.flash?.length) {
    res.locals.flash = req.session.flash;
    delete req.session.flash;
  }
  next();
};
