import { MINUTE, type Clock } from '../../clock';
import type { Config } from '../../config';
import type { DB } from '../../db/database';
import type { Job } from '../../jobs/runner';
import type { Mailer } from '../../mail/mailer';
import { ReminderService } from './reminder.service';

/** The studies feature's jobs: session reminders, planned and sent every minute. */
export function reminderJobs(d: {
  db: DB;
  clock: Clock;
  mailer: Mailer;
  config: Pick<Config, 'cityTimeZone' | 'baseUrl'>;
}): Job[] {
  const reminders = new ReminderService({
    ...d,
    cityTimeZone: d.config.cityTimeZone,
    baseUrl: d.config.baseUrl,
  });
  return [{ name: 'session-reminders', everyMs: MINUTE, run: () => reminders.run() }];
}
