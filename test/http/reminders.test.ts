import request from 'supertest';
import { HOUR, MINUTE } from '../../src/clock';
import { appJobs } from '../../src/jobs/jobs';
import { findUsableLink } from '../../src/links/links.queries';
import { hashToken } from '../../src/links/tokens';
import { createLogger } from '../../src/logger';
import { cityInputValue } from '../../src/studies/city-time';
import { buildTestApp, createStaff, postForm, signedIn, type TestContext } from '../support/app';
import {
  CrashingMailer,
  cancelRegistration,
  mailOf,
  person,
  register,
  remindersOf,
} from '../support/reminders';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let who: Awaited<ReturnType<typeof createStaff>>;
let organizer: Agent;
let facilitator: Awaited<ReturnType<typeof createStaff>>;
let studyId: number;
let day = 0;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(new Date('2027-01-04T17:00:00Z'));
  who = await createStaff(ctx, 'organizer');
  organizer = await signedIn(ctx, who);
  facilitator = await createStaff(ctx, 'facilitator');
  studyId = await createStudy(
    organizer,
    studyForm({ organizer: who.id, facilitator: facilitator.id }),
  );
});

/** Staff sessions end after 30 idle minutes: sign in again at the clock's time. */
async function organizerNow() {
  organizer = await signedIn(ctx, who);
  return organizer;
}
afterAll(() => ctx.close());

/** A new session (its own day, so tests do not meet) starting at this local time, deadline the day before. */
async function sessionAt(local: string, over: Record<string, string> = {}) {
  const [date] = local.split('T');
  const before = new Date(Date.parse(`${date}T12:00:00Z`) - 24 * HOUR).toISOString().slice(0, 10);
  ctx.clock.set(new Date('2027-01-04T17:00:00Z'));
  return addSession(
    await organizerNow(),
    studyId,
    sessionForm({ startsAt: local, registrationDeadline: `${before}T12:00`, ...over }),
  );
}

/** A session some days ahead of the clock, at 18:00 city time. */
async function nextSession(over: Record<string, string> = {}) {
  day++;
  const d = new Date(Date.parse('2027-08-01T12:00:00Z') + day * 4 * 24 * HOUR);
  return sessionAt(`${d.toISOString().slice(0, 10)}T18:00`, over);
}

const startOf = async (sessionId: number) =>
  Date.parse(
    (
      await ctx.db
        .selectFrom('study_sessions')
        .select('starts_at')
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow()
    ).starts_at,
  );

const rowsOf = (registrationId: number) =>
  ctx.db
    .selectFrom('session_reminders')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .orderBy('offset_hours', 'desc')
    .orderBy('id')
    .execute();

const remindersTo = async (email: string) =>
  (await mailOf(ctx.db, 'session-reminder')).filter((m) => m.to_address === email);

test('reminders go out exactly once each, at 48 h and 2 h before, in the person’s language', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  const ana = await person(ctx.db, {
    email: 'ana.rem@example.com',
    language: 'es',
    first_name: 'Ana',
  });
  const { registration } = await register(ctx, s, ana);
  expect(registration.status).toBe('confirmed');
  const job = remindersOf(ctx);

  await job.run();
  const rows = await rowsOf(registration.id);
  expect(rows.map((r) => [r.offset_hours, r.due_at, r.status, r.channel])).toEqual([
    [48, new Date(start - 48 * HOUR).toISOString(), 'pending', 'email'],
    [2, new Date(start - 2 * HOUR).toISOString(), 'pending', 'email'],
  ]);
  // Planning again plans nothing new.
  await job.run();
  expect(await rowsOf(registration.id)).toHaveLength(2);

  ctx.clock.set(new Date(start - 48 * HOUR - MINUTE));
  await job.run();
  expect(await remindersTo('ana.rem@example.com')).toHaveLength(0);

  ctx.clock.set(new Date(start - 48 * HOUR));
  await job.run();
  await job.run();
  ctx.clock.advance(30 * MINUTE);
  await job.run();
  let mail = await remindersTo('ana.rem@example.com');
  expect(mail).toHaveLength(1);
  expect(mail[0].language).toBe('es');
  expect(mail[0].subject).toMatch(/^Recordatorio: su conversación de Civic Panel el /);
  expect(mail[0].text_body).toContain('Hola, Ana:');
  // 18:00 in Los Angeles, in Spanish; the place and its step-free entrance.
  expect(mail[0].text_body).toMatch(/18:00 (PDT|GMT-7)/);
  expect(mail[0].text_body).toContain('Lugar: Central Library');
  expect(mail[0].text_body).toContain('La entrada no tiene escalones.');
  expect(mail[0].text_body).toContain('Transporte público: Metro B and D Lines');
  // A fresh link to their registration page (cancel or switch), stored with the claim.
  const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(mail[0].text_body)?.[1];
  expect(token).toBeDefined();
  const link = await findUsableLink(
    ctx.db,
    hashToken(token!),
    ['study-invitation'],
    ctx.clock.now(),
  );
  expect(link?.participant_id).toBe(ana);

  ctx.clock.set(new Date(start - 2 * HOUR - MINUTE));
  await job.run();
  expect(await remindersTo('ana.rem@example.com')).toHaveLength(1);
  ctx.clock.set(new Date(start - 2 * HOUR));
  await job.run();
  ctx.clock.set(new Date(start - HOUR));
  await job.run();
  mail = await remindersTo('ana.rem@example.com');
  expect(mail).toHaveLength(2);
  expect((await rowsOf(registration.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
});

test('an online seat gets the video link; never a reminder to a cancelled registration', async () => {
  const s = await nextSession({
    mode: 'online',
    placeName: '',
    address: '',
    stepFree: '',
    parking: '',
    transit: '',
    videoUrl: 'https://meet.example.com/civic-42',
  });
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 4 * 24 * HOUR));
  const bo = await person(ctx.db, { email: 'bo.rem@example.com' });
  const cy = await person(ctx.db, { email: 'cy.rem@example.com' });
  await register(ctx, s, bo);
  const { registration: cyReg } = await register(ctx, s, cy);
  const job = remindersOf(ctx);
  await job.run();

  ctx.clock.set(new Date(start - 50 * HOUR));
  await cancelRegistration(ctx, s, cyReg.id);
  ctx.clock.set(new Date(start - 48 * HOUR));
  await job.run();
  ctx.clock.set(new Date(start - 2 * HOUR));
  await job.run();

  expect(await remindersTo('cy.rem@example.com')).toHaveLength(0);
  expect((await rowsOf(cyReg.id)).map((r) => [r.status, r.skip_reason])).toEqual([
    ['skipped', 'registration'],
    ['skipped', 'registration'],
  ]);
  const bos = await remindersTo('bo.rem@example.com');
  expect(bos).toHaveLength(2);
  expect(bos[0].text_body).toContain('Join online: https://meet.example.com/civic-42');
  expect(bos[0].text_body).not.toContain('Place:');
});

test('never after the start: a runner that was down sends nothing once the session has begun', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 3 * 24 * HOUR));
  const di = await person(ctx.db, { email: 'di.rem@example.com' });
  const { registration } = await register(ctx, s, di);
  const job = remindersOf(ctx);
  await job.run();
  // Down from before the 48-hour reminder until a minute after the start.
  ctx.clock.set(new Date(start + MINUTE));
  await job.run();
  expect(await remindersTo('di.rem@example.com')).toHaveLength(0);
  expect((await rowsOf(registration.id)).map((r) => [r.status, r.skip_reason])).toEqual([
    ['skipped', 'started'],
    ['skipped', 'started'],
  ]);
});

test('a runner down across the 48-hour mark sends it late, once, before the start', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 3 * 24 * HOUR));
  const ed = await person(ctx.db, { email: 'ed.rem@example.com' });
  await register(ctx, s, ed);
  ctx.clock.set(new Date(start - 30 * HOUR));
  const job = remindersOf(ctx);
  await job.run();
  await job.run();
  expect(await remindersTo('ed.rem@example.com')).toHaveLength(1);
});

test('registering after a reminder was due: that one is skipped (they just had the confirmation), the later one goes', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 30 * HOUR));
  const fay = await person(ctx.db, { email: 'fay.rem@example.com' });
  // Registered before the deadline? The deadline is the day before at noon: 30 h before is fine.
  const { registration } = await register(ctx, s, fay);
  const job = remindersOf(ctx);
  await job.run();
  expect(
    (await rowsOf(registration.id)).map((r) => [r.offset_hours, r.status, r.skip_reason]),
  ).toEqual([
    [48, 'skipped', 'late'],
    [2, 'pending', null],
  ]);
  ctx.clock.set(new Date(start - 2 * HOUR));
  await job.run();
  expect(await remindersTo('fay.rem@example.com')).toHaveLength(1);
});

test.each([
  // Spring forward: 3:30 AM PDT on 2027-03-14; 48 h before is 2:30 AM PST on the 12th (49 h on the wall clock).
  ['2027-03-14T03:30', '2027-03-14T10:30:00.000Z', /3:30\s?AM PDT/],
  // Fall back: 1:30 AM happens twice on 2027-11-07; the first (PDT) was taken.
  ['2027-11-07T01:30', '2027-11-07T08:30:00.000Z', /1:30\s?AM PDT/],
  // The evening after the clocks went back: 48 h before was still PDT (47 h on the wall clock).
  ['2027-11-08T18:00', '2027-11-09T02:00:00.000Z', /6:00\s?PM PST/],
])(
  'a session at %s (the clocks change) is reminded exactly 48 h and 2 h before in UTC',
  async (local, utc, shown) => {
    const s = await sessionAt(local);
    const start = Date.parse(utc);
    expect(await startOf(s)).toBe(start);
    ctx.clock.set(new Date(start - 6 * 24 * HOUR));
    const who = await person(ctx.db, { email: `dst${start}@example.com` });
    const { registration } = await register(ctx, s, who);
    const job = remindersOf(ctx);
    await job.run();
    expect((await rowsOf(registration.id)).map((r) => r.due_at)).toEqual([
      new Date(start - 48 * HOUR).toISOString(),
      new Date(start - 2 * HOUR).toISOString(),
    ]);
    for (const offset of [48, 2]) {
      ctx.clock.set(new Date(start - offset * HOUR - 1000));
      await job.run();
      const before = (await remindersTo(`dst${start}@example.com`)).length;
      ctx.clock.set(new Date(start - offset * HOUR));
      await job.run();
      const mail = await remindersTo(`dst${start}@example.com`);
      expect(mail.length).toBe(before + 1);
      expect(mail.at(-1)!.created_at).toBe(new Date(start - offset * HOUR).toISOString());
      expect(mail.at(-1)!.text_body).toMatch(shown);
    }
  },
);

test('a crash between claiming and writing the email loses nothing and doubles nothing', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 3 * 24 * HOUR));
  const gil = await person(ctx.db, { email: 'gil.rem@example.com' });
  const { registration } = await register(ctx, s, gil);
  await register(ctx, s, await person(ctx.db, { email: 'hana.rem@example.com' }));
  const crashing = new CrashingMailer(ctx.config, ctx.clock);
  await remindersOf(ctx, crashing).run();

  ctx.clock.set(new Date(start - 48 * HOUR));
  await expect(remindersOf(ctx, crashing).run()).rejects.toThrow('crash while writing the email');
  // Rolled back: the row is still pending and no email was written.
  expect((await rowsOf(registration.id))[0].status).toBe('pending');
  expect(await remindersTo('gil.rem@example.com')).toHaveLength(0);
  // The row after it was not held up.
  expect(await remindersTo('hana.rem@example.com')).toHaveLength(1);

  // The next run (after a restart) sends it, once.
  await remindersOf(ctx, crashing).run();
  await remindersOf(ctx, crashing).run();
  expect(await remindersTo('gil.rem@example.com')).toHaveLength(1);
  expect(await remindersTo('hana.rem@example.com')).toHaveLength(1);
  expect((await rowsOf(registration.id))[0].status).toBe('sent');
});

test('two runners at once send each reminder once', async () => {
  const s = await nextSession({ capacity: '20' });
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 3 * 24 * HOUR));
  const emails: string[] = [];
  for (let i = 0; i < 6; i++) {
    const email = `twin${i}@example.com`;
    emails.push(email);
    await register(ctx, s, await person(ctx.db, { email }));
  }
  ctx.clock.set(new Date(start - 48 * HOUR));
  const [a, b] = [remindersOf(ctx), remindersOf(ctx)];
  const sent = await Promise.all([a.run(), b.run(), a.run(), b.run()]);
  expect(sent.reduce((n, r) => n + r.sent, 0)).toBe(6);
  for (const email of emails) expect(await remindersTo(email)).toHaveLength(1);
});

test('phone people are on the calls page when due, and leave it when marked; a facilitator sees only their sessions', async () => {
  const mine = await nextSession({ facilitatorId: String(facilitator.id) });
  const start = await startOf(mine);
  // Another session at the same time, that no one facilitates.
  const other = await sessionAt(
    cityInputValue(new Date(start).toISOString(), 'America/Los_Angeles'),
  );
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  const hal = await person(ctx.db, {
    first_name: 'Hal',
    last_name: 'Phone',
    contact_preference: 'phone',
    language: 'ko',
    phone: '213-555-0101',
  });
  const ida = await person(ctx.db, { first_name: 'Ida', last_name: 'Noemail', email: null });
  const { registration: halReg } = await register(ctx, mine, hal);
  await register(ctx, other, ida);
  const job = remindersOf(ctx);
  await job.run();
  expect((await rowsOf(halReg.id)).map((r) => r.channel)).toEqual(['call', 'call']);

  // Not due yet: not on the list.
  let page = await (await organizerNow()).get('/staff/reminder-calls');
  expect(page.status).toBe(200);
  expect(page.text).not.toContain('Hal Phone');

  ctx.clock.set(new Date(start - 48 * HOUR));
  await job.run();
  page = await (await organizerNow()).get('/staff/reminder-calls');
  expect(page.text).toContain('Hal Phone');
  expect(page.text).toContain('213-555-0101');
  expect(page.text).toContain('Korean');
  expect(page.text).toContain('Reminder, 48 hours before');

  // The facilitator of `mine` sees Hal, not Ida (a session they do not run).
  const fac = await signedIn(ctx, facilitator);
  const facPage = await fac.get('/staff/reminder-calls');
  expect(facPage.status).toBe(200);
  expect(facPage.text).toContain('Hal Phone');
  expect(facPage.text).not.toContain('Ida Noemail');
  const idaRow = await ctx.db
    .selectFrom('session_reminders as sr')
    .innerJoin('registrations as r', 'r.id', 'sr.registration_id')
    .select('sr.id')
    .where('r.participant_id', '=', ida)
    .where('sr.offset_hours', '=', 48)
    .executeTakeFirstOrThrow();
  const refused = await postForm(fac, '/staff/reminder-calls', '/staff/reminder-calls', {
    reminderId: String(idaRow.id),
    outcome: 'called',
  });
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('There is a problem');

  const halRow = (await rowsOf(halReg.id))[0];
  const res = await postForm(fac, '/staff/reminder-calls', '/staff/reminder-calls', {
    reminderId: String(halRow.id),
    outcome: 'called',
  });
  expect(res.status).toBe(303);
  const done = (await rowsOf(halReg.id))[0];
  expect([done.status, done.done_by, done.done_at]).toEqual([
    'called',
    facilitator.id,
    ctx.clock.now().toISOString(),
  ]);
  expect((await organizer.get('/staff/reminder-calls')).text).not.toContain('Hal Phone');
  // Recorded twice (a second click, or someone else): refused with the summary.
  const again = await postForm(organizer, '/staff/reminder-calls', '/staff/reminder-calls', {
    reminderId: String(halRow.id),
    outcome: 'unreached',
  });
  expect(again.status).toBe(400);
  expect(again.text).toContain('someone recorded it already');

  const unreached = await postForm(organizer, '/staff/reminder-calls', '/staff/reminder-calls', {
    reminderId: String(idaRow.id),
    outcome: 'unreached',
  });
  expect(unreached.status).toBe(303);
  expect((await organizer.get('/staff/reminder-calls')).text).not.toContain('Ida Noemail');
  // No email went to either.
  expect(await remindersTo('')).toHaveLength(0);
});

test('a session moved after planning: its reminders follow the new start', async () => {
  const s = await sessionAt('2027-10-05T18:00');
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  const { registration } = await register(ctx, s, await person(ctx.db));
  await remindersOf(ctx).run();
  ctx.clock.set(new Date('2027-01-04T17:00:00Z'));
  const url = `/staff/studies/${studyId}/sessions/${s}/edit`;
  const moved = await postForm(
    await organizerNow(),
    url,
    url,
    sessionForm({ startsAt: '2027-10-05T19:30', registrationDeadline: '2027-10-04T12:00' }),
  );
  expect(moved.status).toBe(303);
  await remindersOf(ctx).run();
  const newStart = start + 90 * MINUTE;
  expect((await rowsOf(registration.id)).map((r) => r.due_at)).toEqual([
    new Date(newStart - 48 * HOUR).toISOString(),
    new Date(newStart - 2 * HOUR).toISOString(),
  ]);
});

test('cancelled, then registered again (the same registration taken up): reminded afresh, once', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  const jo = await person(ctx.db, { email: 'jo.rem@example.com' });
  const { registration } = await register(ctx, s, jo);
  await remindersOf(ctx).run();
  ctx.clock.advance(HOUR);
  await cancelRegistration(ctx, s, registration.id);
  await remindersOf(ctx).run();
  ctx.clock.advance(HOUR);
  const again = await register(ctx, s, jo);
  expect(again.registration.id).toBe(registration.id);
  await remindersOf(ctx).run();
  expect((await rowsOf(registration.id)).map((r) => [r.offset_hours, r.status])).toEqual([
    [48, 'skipped'],
    [48, 'pending'],
    [2, 'skipped'],
    [2, 'pending'],
  ]);
  ctx.clock.set(new Date(start - 48 * HOUR));
  await remindersOf(ctx).run();
  expect(await remindersTo('jo.rem@example.com')).toHaveLength(1);
});

test('the reminders job is in the app’s job list, every minute', () => {
  const jobs = appJobs({
    db: ctx.db,
    clock: ctx.clock,
    logger: createLogger('silent'),
    mailer: ctx.mailer,
    mailFrom: ctx.config.mailFrom,
    config: ctx.config,
  });
  expect(jobs.find((j) => j.name === 'session-reminders')?.everyMs).toBe(MINUTE);
});

test('an offset taken off the study: its pending reminders are skipped, the others still go', async () => {
  ctx.clock.set(new Date('2027-01-04T17:00:00Z'));
  const agent = await organizerNow();
  const form = studyForm({ organizer: who.id }, { reminderOffsets: '48, 24, 2' });
  const own = await createStudy(agent, form);
  const s = await addSession(
    agent,
    own,
    sessionForm({ startsAt: '2027-12-01T18:00', registrationDeadline: '2027-11-30T12:00' }),
  );
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  const { registration } = await register(ctx, s, await person(ctx.db));
  await remindersOf(ctx).run();
  expect(await rowsOf(registration.id)).toHaveLength(3);

  ctx.clock.set(new Date('2027-01-04T17:00:00Z'));
  const url = `/staff/studies/${own}/edit`;
  const edited = await postForm(await organizerNow(), url, url, {
    ...form,
    reminderOffsets: '48, 2',
  });
  expect(edited.status).toBe(303);
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  await remindersOf(ctx).run();
  expect(
    (await rowsOf(registration.id)).map((r) => [r.offset_hours, r.status, r.skip_reason]),
  ).toEqual([
    [48, 'pending', null],
    [24, 'skipped', 'offset'],
    [2, 'pending', null],
  ]);
});

test('someone who now prefers a call when their reminder is due gets a call, not an email', async () => {
  const s = await nextSession();
  const start = await startOf(s);
  ctx.clock.set(new Date(start - 5 * 24 * HOUR));
  const kit = await person(ctx.db, {
    first_name: 'Kit',
    last_name: 'Switch',
    email: 'kit.rem@example.com',
  });
  const { registration } = await register(ctx, s, kit);
  await remindersOf(ctx).run();
  expect((await rowsOf(registration.id))[0].channel).toBe('email');
  await ctx.db
    .updateTable('participants')
    .set({ contact_preference: 'phone' })
    .where('id', '=', kit)
    .execute();
  ctx.clock.set(new Date(start - 48 * HOUR));
  await remindersOf(ctx).run();
  expect(await remindersTo('kit.rem@example.com')).toHaveLength(0);
  expect((await rowsOf(registration.id))[0]).toMatchObject({ channel: 'call', status: 'pending' });
  expect((await (await organizerNow()).get('/staff/reminder-calls')).text).toContain('Kit Switch');
});
