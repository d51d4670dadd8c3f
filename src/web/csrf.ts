import { csrfSync } from 'csrf-sync';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock';
import { markSessionStarted } from './session';

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  // Forms post the token as a hidden field; scripts may use the header.
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? req.get('x-csrf-token'),
});

/** Refuses (403) every POST without the session's token; GET, HEAD and OPTIONS pass. */
export const csrfProtection: RequestHandler = csrfSynchronisedProtection;

/** Gives views `csrfToken()`; the token (and so the session) is created only when a form asks. */
export function csrfLocals(clock: Clock): RequestHandler {
  return (req, res, next) => {
    res.locals.csrfToken = () => {
      markSessionStarted(req.session, clock);
      return generateToken(req);
    };
    next();
  };
}
