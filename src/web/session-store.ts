import session from 'express-session';
import type { DB } from '../db/database';
import type { Clock } from '../clock';

const DEFAULT_TTL_MS = 30 * 60_000;

/** express-session store on our own database, so sessions survive restarts and span processes. */
export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
  ) {
    super();
  }

  override get(sid: string, cb: (err: unknown, s?: session.SessionData | null) => void): void {
    this.db
      .selectFrom('sessions')
      .select(['data', 'expires_at'])
      .where('sid', '=', sid)
      .executeTakeFirst()
      .then((row) => {
        if (!row || row.expires_at <= this.clock.now().toISOString()) return cb(null, null);
        cb(null, JSON.parse(row.data));
      }, cb);
  }

  override set(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    const row = {
      sid,
      data: JSON.stringify(data),
      expires_at: this.expiry(data),
      // Kept in a column so that deleting a resident ends their sessions.
      participant_id: data.participantId ?? null,
    };
    this.db
      .insertInto('sessions')
      .values(row)
      .onConflict((oc) =>
        oc.column('sid').doUpdateSet({
          data: row.data,
          expires_at: row.expires_at,
          participant_id: row.participant_id,
        }),
      )
      .execute()
      .then(() => cb?.(), cb);
  }

  override touch(sid: string, data: session.SessionData, cb?: (err?: unknown) => void): void {
    this.db
      .updateTable('sessions')
      .set({ expires_at: this.expiry(data) })
      .where('sid', '=', sid)
      .execute()
      .then(() => cb?.(), cb);
  }

  override destroy(sid: string, cb?: (err?: unknown) => void): void {
    this.db
      .deleteFrom('sessions')
      .where('sid', '=', sid)
      .execute()
      .then(() => cb?.(), cb);
  }

  /** Removes expired rows; called by the job runner. */
  async purgeExpired(): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', this.clock.now().toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private expiry(data: session.SessionData): string {
    const maxAge = data.cookie?.maxAge ?? DEFAULT_TTL_MS;
    return new Date(this.clock.now().getTime() + maxAge).toISOString();
  }
}
