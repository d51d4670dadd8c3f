import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { MINUTE, HOUR } from '../clock';
import type { DB } from '../db/database';
import { OutboxDelivery, type MailTransport } from '../mail/delivery';
import { purgeDeadLinks } from '../links/links.queries';
import { purgeOldLoginFailures } from '../staff/login-throttle';
import { participantJobs } from '../participants/maintenance';
import type { Mailer } from '../mail/mailer';
import { reminderJobs } from '../studies/reminders/reminder.jobs';
import { surveyJobs } from '../surveys/distribute/post-session.jobs';
import { purgeDraftsBefore } from '../participants/import/import.queries';
import { DatabaseSessionStore } from '../web/session-store';
import { purgeEndedHits } from '../web/rate-limit.queries';
import type { Job } from './runner';

export interface JobDeps {
  db: DB;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  transport?: MailTransport;
  mailFrom: string;
  config: Pick<Config, 'baseUrl' | 'cityTimeZone' | 'cityNames'>;
}

/** The app's periodic jobs. Mail delivery runs only when an SMTP server is configured. */
export function appJobs(d: JobDeps): Job[] {
  const jobs: Job[] = [];
  if (d.transport) {
    const delivery = new OutboxDelivery({
      db: d.db,
      transport: d.transport,
      clock: d.clock,
      logger: d.logger,
      from: d.mailFrom,
    });
    jobs.push({ name: 'deliver-mail', everyMs: 2000, run: () => delivery.deliverDue() });
  }
  const sessions = new DatabaseSessionStore(d.db, d.clock);
  jobs.push(
    { name: 'purge-sessions', everyMs: 15 * MINUTE, run: () => sessions.purgeExpired() },
    {
      name: 'purge-rate-limits',
      everyMs: 15 * MINUTE,
      run: () => purgeEndedHits(d.db, d.clock.now()),
    },
    { name: 'purge-links', everyMs: HOUR, run: () => purgeDeadLinks(d.db, d.clock.now()) },
    {
      name: 'purge-login-failures',
      everyMs: HOUR,
      run: () => purgeOldLoginFailures(d.db, d.clock.now()),
    },
    {
      name: 'purge-import-drafts',
      everyMs: HOUR,
      run: () =>
        purgeDraftsBefore(d.db, new Date(d.clock.now().getTime() - 24 * HOUR).toISOString()),
    },
  );
  jobs.push(...participantJobs(d), ...reminderJobs(d), ...surveyJobs(d));
  return jobs;
}
