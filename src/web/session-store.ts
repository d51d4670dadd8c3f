import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import session from 'express-session';
import type { DB } from '../db/database';
import type { Clock } from '../clock';
import * as q from './session.queries';

const DEFAULT_TTL_MS = 30 * 60_000;

/** The open transaction a session save joins (see saveSessionIn); none outside it. */
const joined = new AsyncLocalStorage<DB>();

/**
 * Saves the request's session inside the transaction `trx`, so that a request which writes
 * anyway commits once (one disk sync) instead of twice: its rows and the session's sliding idle
 * window reach the disk together. express-session then finds the session saved and writes
 * nothing more when the answer goes out. Rolled back with the transaction, the change is written
 * again by the next request that slides the window.
 */
export function saveSessionIn(req: Request, trx: DB): Promise<void> {
  return joined.run(
    trx,
    () =>
      new Promise<void>((resolve, reject) => req.session.save((e) => (e ? reject(e) : resolve()))),
  );
}

/** Passport keeps the signed-in staff member's id at session.passport.user. */
function staffIdOf(data: session.SessionData): number | null {
  const user = (data as { passport?: { user?: unknown } }).passport?.user;
  return typeof user === 'number' && Number.isSafeInteger(user) ? user : null;
}

/** express-session store on our own database, so sessions survive restarts and span processes. */
export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
  ) {
    super();
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    q.findSession(this.db, sid).then((row) => {
      if (!row || row.expires_at <= this.clock.now().toISOString()) return cb(null, null);
      cb(null, JSON.parse(row.data));
    }, cb);
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    // Called synchronously by session.save(), so a save inside saveSessionIn sees its transaction.
    q.upsertSession(joined.getStore() ?? this.db, {
      sid,
      data: JSON.stringify(data),
      expires_at: this.expiry(data),
      // Kept in columns so that deleting a resident, or a staff password change, ends their sessions.
      participant_id: data.participantId ?? null,
      staff_user_id: staffIdOf(data),
    }).then(() => cb?.(), cb);
  }

  /**
   * express-session calls this on every request that leaves the session unchanged. A timed
   * session (one with `seenAt`, see sessionTimeouts) needs no write: its idle window moves with
   * `seenAt`, and each move changes the session, which saves it with a new expiry; writing the
   * expiry on every other request too cost a disk write (a sync) per page. Untimed sessions
   * still slide their expiry here.
   */
  override touch(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    if (typeof data.seenAt === 'number') return void cb?.();
    q.setSessionExpiry(this.db, sid, this.expiry(data)).then(() => cb?.(), cb);
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    q.deleteSession(this.db, sid).then(() => cb?.(), cb);
  }

  /** Removes expired rows; called by the job runner. */
  async purgeExpired(): Promise<number> {
    return q.deleteExpiredSessions(this.db, this.clock.now().toISOString());
  }

  private expiry(data: session.SessionData): string {
    const maxAge = data.cookie?.maxAge ?? DEFAULT_TTL_MS;
    return new Date(this.clock.now().getTime() + maxAge).toISOString();
  }
}
