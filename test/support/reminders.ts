import type { ComposedMail } from '../../src/mail/mailer';
import { Mailer } from '../../src/mail/mailer';
import type { DB } from '../../src/db/database';
import { studiesServices } from '../../src/studies/studies.feature';
import { ReminderService } from '../../src/studies/reminders/reminder.service';
import type { TestContext } from './app';
import { addPerson } from './db';

/** The reminders job's service on the test app's database, clock and mailer (what the job runs). */
export function remindersOf(ctx: TestContext, mailer: Mailer = ctx.mailer) {
  return new ReminderService({
    db: ctx.db,
    clock: ctx.clock,
    mailer,
    cityTimeZone: ctx.config.cityTimeZone,
    baseUrl: ctx.config.baseUrl,
  });
}

/** The app's registration service (with its emails) on the test app's database and clock. */
const registrationsOf = (ctx: TestContext) =>
  studiesServices({
    db: ctx.db,
    clock: ctx.clock,
    config: ctx.config,
    mailer: ctx.mailer,
    staff: { list: () => Promise.resolve([]) },
  }).registrations;

/** Registers a person as the staff phone form does (the seat guard, the waitlist). */
export function register(ctx: TestContext, sessionId: number, participantId: number) {
  const s = registrationsOf(ctx);
  return s.register(sessionId, participantId, {
    channel: 'phone',
    accommodations: null,
    staffId: null,
  });
}

export function cancelRegistration(ctx: TestContext, sessionId: number, registrationId: number) {
  const s = registrationsOf(ctx);
  return s.cancel(sessionId, registrationId, null);
}

let n = 0;
/** A person in the pool, reached by email unless told otherwise. */
export function person(db: DB, over: Parameters<typeof addPerson>[1] = {}) {
  n++;
  return addPerson(db, {
    first_name: `Rem${n}`,
    last_name: 'Test',
    email: `rem${n}@example.com`,
    phone: `213-555-${String(1000 + n)}`,
    ...over,
  });
}

/** Mail written to the outbox from one template, oldest first. */
export function mailOf(db: DB, template: string) {
  return db
    .selectFrom('outbox')
    .select(['to_address', 'language', 'subject', 'text_body', 'html_body', 'created_at'])
    .where('template', '=', template)
    .orderBy('id')
    .execute();
}

/** A Mailer whose enqueue throws the first `failures` times: a crash between claim and write. */
export class CrashingMailer extends Mailer {
  failures = 1;
  override async enqueue(db: Parameters<Mailer['enqueue']>[0], mail: ComposedMail) {
    if (this.failures > 0) {
      this.failures--;
      throw new Error('crash while writing the email');
    }
    return super.enqueue(db, mail);
  }
}
