import session from 'express-session';
import type { Request, RequestHandler } from 'express';
import type { Clock } from '../clock';
import { HOUR, MINUTE } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import { DatabaseSessionStore, saveSessionWith } from './session-store';

export const IDLE_TIMEOUT_MS = 30 * MINUTE;
export const ABSOLUTE_TIMEOUT_MS = 12 * HOUR;

declare module 'express-session' {
  interface SessionData {
    /** When the session was created (ms); it ends 12 h later whatever happens. */
    startedAt: number;
    /** Last request (ms), rounded to the minute to avoid a write on every request. */
    seenAt: number;
    /** Flash messages shown on the next page. */
    flash: { type: 'success' | 'info' | 'warning' | 'error'; text: string }[];
    /** The SHA-256 of a set-password link taken from its URL, before the password is chosen. */
    pendingLinkHash: string;
    /** A resident who came through their manage link. */
    participantId: number;
    /** The hash of a confirmation link waiting for its button press. */
    confirmLinkHash: string;
    /** The hash of an email-change link waiting for its button press. */
    emailLinkHash: string;
  }
}

export function cookieName(config: Config): string {
  return config.secureCookies ? '__Host-cp.sid' : 'cp.sid';
}

export function sessionMiddleware(
  db: DB,
  config: Config,
  clock: Clock,
  secret: string,
): RequestHandler {
  return session({
    name: cookieName(config),
    secret,
    store: new DatabaseSessionStore(db, clock),
    resave: false,
    saveUninitialized: false,
    rolling: false,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
      path: '/',
      maxAge: IDLE_TIMEOUT_MS,
    },
  });
}

/** Ends sessions idle for 30 minutes or older than 12 hours, measured on the injected clock. */
export function sessionTimeouts(clock: Clock): RequestHandler {
  return (req, _res, next) => {
    const s = req.session;
    // Only sessions that hold something (a login, a form token) are timed; see markSessionStarted.
    if (!s?.startedAt) return next();
    asLoaded.set(s, stateOf(s));
    const now = clock.now().getTime();
    if (now - s.startedAt > ABSOLUTE_TIMEOUT_MS || now - (s.seenAt ?? 0) > IDLE_TIMEOUT_MS) {
      // A fresh, empty session: the person is logged out and old form tokens are void.
      return s.regenerate((err) => next(err));
    }
    if (!s.seenAt || now - s.seenAt >= MINUTE) {
      s.seenAt = now;
      s.cookie.maxAge = IDLE_TIMEOUT_MS; // slide the cookie with the idle window
    }
    next();
  };
}

/** What the session holds, without its cookie (whose expiry moves with `seenAt`). */
function stateOf(s: Request['session']): string {
  const held: Record<string, unknown> = { ...s };
  delete held.cookie;
  return JSON.stringify(held);
}

/** A timed session as this request found it (sessionTimeouts), to tell whether it changed. */
const asLoaded = new WeakMap<object, string>();

/**
 * The writes that save the request's session inside a transaction `trx`, when the request
 * changed it (the idle window slides about once a minute), so that a request which writes
 * anyway commits once (one disk sync) instead of twice: its rows and the session reach the disk
 * together. express-session then finds the session saved and writes nothing more when the
 * answer goes out. Rolled back with the transaction, the change is written again by the next
 * request that slides the window.
 */
export function saveSessionIn(req: Request): (trx: DB) => Promise<void> {
  return async (trx) => {
    if (asLoaded.get(req.session) === stateOf(req.session)) return;
    await saveSessionWith(req.session, trx);
  };
}

/** Starts the clocks of a session that is about to hold something worth keeping. */
export function markSessionStarted(
  session: { startedAt?: number; seenAt?: number },
  clock: Clock,
): void {
  const now = clock.now().getTime();
  session.startedAt ??= now;
  session.seenAt ??= now;
}

/**
 * Gives this browser a new session id holding only what `fill` puts in it (a resident who just
 * proved a link, or nobody at all), with its clocks started, saved before the answer goes out.
 */
export function renewSession(
  req: Request,
  clock: Clock,
  fill: (s: Request['session']) => void = () => {},
): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.regenerate((err) => {
      if (err) return reject(err);
      fill(req.session);
      markSessionStarted(req.session, clock);
      req.session.save((saveErr) => (saveErr ? reject(saveErr) : resolve()));
    }),
  );
}
