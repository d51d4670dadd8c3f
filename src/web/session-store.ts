import session from 'express-session';
import type { DB } from '../db/database';
import type { Clock } from '../clock';
import * as q from './session.queries';

const DEFAULT_TTL_MS = 30 * 60_000;

/**
 * A session being saved by saveSessionWith → the transaction its row joins. Keyed by the session
 * object, which express-session hands to `set`. (Not an AsyncLocalStorage: enabling one puts a
 * hook on every promise the app makes, measured at 0.2 ms per survey page.)
 */
const joining = new WeakMap<object, DB>();

/** Saves `s` with its row written by the transaction `trx` (see saveSessionIn in session.ts). */
export function saveSessionWith(s: session.Session, trx: DB): Promise<void> {
  joining.set(s, trx);
  return new Promise<void>((resolve, reject) => s.save((e) => (e ? reject(e) : resolve())));
}

/** Passport keeps the signed-in staff member's id at session.passport.user. */
export function staffIdOf(data: object): number | null {
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
    const via = joining.get(data) ?? this.db;
    joining.delete(data);
    q.upsertSession(via, {
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
