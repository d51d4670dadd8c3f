import { DAY, HOUR } from '../clock';
import type { DB } from '../db/database';
import type { Job } from '../jobs/runner';
import type { Mailer } from '../mail/mailer';
import { participantServices } from './participants.feature';
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

export type ParticipantJobDeps = Parameters<typeof participantServices>[0];

/**
 * The participants feature's jobs: "get my link" requests every few seconds (like mail
 * delivery), hourly clean-ups, and the daily retention run.
 */
export function participantJobs(d: ParticipantJobDeps): Job[] {
  const s = participantServices(d);
  const now = () => d.clock.now();
  return [
    { name: 'answer-link-requests', everyMs: 3000, run: () => s.linkRequests.processWaiting() },
    { name: 'end-expired-pauses', everyMs: HOUR, run: () => endExpiredPauses(d.db, now()) },
    {
      name: 'purge-stale-pending',
      everyMs: HOUR,
      run: () => purgeStalePending(d.db, d.mailer, now()),
    },
    { name: 'retention', everyMs: DAY, run: () => s.retention.run() },
  ];
}
