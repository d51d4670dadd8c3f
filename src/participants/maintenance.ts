import { DAY } from '../clock';
import type { DB } from '../db/database';
import * as q from './participants.queries';

/** Unconfirmed sign-ups are kept this long. */
export const PENDING_TTL = 7 * DAY;

/** Pauses whose time is up end by themselves: the person is active again. */
export async function endExpiredPauses(db: DB, now: Date): Promise<number> {
  const r = await db
    .updateTable('participants')
    .set({ status: 'active', paused_until: null, updated_at: now.toISOString() })
    .where('status', '=', 'paused')
    .where('paused_until', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Pending sign-ups never confirmed are removed after 7 days, their mail blanked first. */
export async function purgeStalePending(db: DB, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PENDING_TTL).toISOString();
  return db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('participants')
      .select('id')
      .where('status', '=', 'pending')
      .where('created_at', '<', cutoff)
      .execute();
    for (const { id } of stale) {
      await q.cancelQueuedMail(trx, id);
      await q.scrubMail(trx, id);
    }
    return q.deletePendingOlderThan(trx, cutoff);
  });
}
