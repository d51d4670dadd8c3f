import { DAY, HOUR } from '../clock';
import type { DB } from '../db/database';
import type { Job } from '../jobs/runner';
import type { Mailer } from '../mail/mailer';
import * as q from './participants.queries';

/** Unconfirmed sign-ups are kept this long. */
export const PENDING_TTL = 7 * DAY;

/** Pauses whose time is up end by themselves: the person is active again. */
export function endExpiredPauses(db: DB, now: Date): Promise<number> {
  return q.endPausesBefore(db, now.toISOString());
}

/** Pending sign-ups never confirmed are removed after 7 days, their mail blanked first. */
export async function purgeStalePending(db: DB, mailer: Mailer, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - PENDING_TTL).toISOString();
  return db.transaction().execute(async (trx) => {
    for (const id of await q.pendingIdsBefore(trx, cutoff)) {
      await mailer.cancelFor(trx, id);
      await mailer.scrubFor(trx, id);
    }
    return q.deletePendingOlderThan(trx, cutoff);
  });
}

/** The participants feature's hourly jobs. */
export function participantJobs(d: { db: DB; mailer: Mailer; now: () => Date }): Job[] {
  return [
    { name: 'end-expired-pauses', everyMs: HOUR, run: () => endExpiredPauses(d.db, d.now()) },
    {
      name: 'purge-stale-pending',
      everyMs: HOUR,
      run: () => purgeStalePending(d.db, d.mailer, d.now()),
    },
  ];
}
