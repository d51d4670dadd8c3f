import request from 'supertest';
import { HOUR } from '../../src/clock';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  servicesOf,
  signedIn,
  type TestContext,
} from '../support/app';
import { RegistrationMail } from '../../src/studies/registration/registration.mail';
import { RegistrationService } from '../../src/studies/registration/registration.service';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let organizer: Agent;
let organizerId: number;
let who: Awaited<ReturnType<typeof createStaff>>;
let studyId: number;

// sessionForm's start: 2027-07-15 18:00 PDT; its deadline 2027-07-13 12:00 PDT.
const START = Date.parse('2027-07-16T01:00:00.000Z');
const DEADLINE = Date.parse('2027-07-13T19:00:00.000Z');

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
  who = await createStaff(ctx, 'organizer');
  organizerId = who.id;
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: organizerId }));
});
afterAll(() => ctx.close());
beforeEach(async () => {
  ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
  organizer = await signedIn(ctx, who);
});

const pageOf = (sessionId: number) => `/staff/studies/${studyId}/sessions/${sessionId}`;

async function newSession(capacity: number, extraSeats = 0) {
  return addSession(
    organizer,
    studyId,
    sessionForm({ capacity: String(capacity), extraSeats: String(extraSeats) }),
  );
}

async function post(
  sessionId: number,
  action: string,
  fields: Record<string, string>,
  as = organizer,
) {
  const page = await as.get(pageOf(sessionId));
  return as
    .post(`${pageOf(sessionId)}/${action}`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

const register = (sessionId: number, participant: string | number, accommodations = '') =>
  post(sessionId, 'registrations', { participant: String(participant), accommodations });

const cancel = (sessionId: number, registrationId: number) =>
  post(sessionId, 'registrations/cancel', { registrationId: String(registrationId) });

let n = 0;
const person = (over: Parameters<typeof addPerson>[1] = {}) => {
  n++;
  return addPerson(ctx.db, {
    first_name: `Person${n}`,
    last_name: 'Test',
    email: `p${n}@example.com`,
    ...over,
  });
};

const regOf = (sessionId: number, participantId: number) =>
  ctx.db
    .selectFrom('registrations')
    .selectAll()
    .where('session_id', '=', sessionId)
    .where('participant_id', '=', participantId)
    .executeTakeFirstOrThrow();

const seatsTaken = async (sessionId: number) =>
  (
    await ctx.db
      .selectFrom('study_sessions')
      .select('seats_taken')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow()
  ).seats_taken;

test('registering by phone confirms seats up to capacity + extra seats, then waitlists; the page lists both', async () => {
  const s = await newSession(2, 1);
  const people = [];
  for (let i = 0; i < 5; i++) people.push(await person());
  for (const [i, p] of people.entries()) {
    const res = await register(
      s,
      i === 0 ? `P${n - 4}@Example.com` : p,
      i === 0 ? 'ASL interpreter' : '',
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(pageOf(s));
  }
  const statuses = await Promise.all(people.map(async (p) => (await regOf(s, p)).status));
  expect(statuses).toEqual(['confirmed', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
  expect(await seatsTaken(s)).toBe(3);
  const first = await regOf(s, people[0]);
  expect(first.channel).toBe('phone');
  expect(first.accommodations).toBe('ASL interpreter');

  const page = await organizer.get(pageOf(s));
  expect(page.text).toContain('<strong>3</strong> seats taken of 2 + 1 extra');
  expect(page.text).toContain('<strong>2</strong> on the waitlist');
  expect(page.text).toContain(`href="/staff/participants/${people[0]}"`);
  expect(page.text).toContain('ASL interpreter');
  const waitlist = page.text.slice(page.text.indexOf('<h3>Waitlist</h3>'));
  expect(waitlist.indexOf(`Person${n - 1} Test`)).toBeLessThan(waitlist.indexOf(`Person${n} Test`));
  expect(waitlist).not.toContain(`Person${n - 4} Test`);
});

test('cancelling a confirmed seat promotes the oldest waitlisted person, seats unchanged; with no one waiting the seat is given back', async () => {
  const s = await newSession(1);
  const [a, b, c] = [await person(), await person(), await person()];
  await register(s, a);
  await register(s, b);
  ctx.clock.advance(60_000);
  await register(s, c);
  expect((await regOf(s, b)).status).toBe('waitlisted');

  const res = await cancel(s, (await regOf(s, a)).id);
  expect(res.status).toBe(303);
  expect((await regOf(s, a)).status).toBe('cancelled');
  expect((await regOf(s, b)).status).toBe('confirmed');
  expect((await regOf(s, c)).status).toBe('waitlisted');
  expect(await seatsTaken(s)).toBe(1);
  const flashPage = await organizer.get(pageOf(s));
  expect(flashPage.text).toContain('The first person on the waitlist now has the seat.');

  // A waitlisted person cancelling frees nothing.
  await cancel(s, (await regOf(s, c)).id);
  expect(await seatsTaken(s)).toBe(1);
  // The last confirmed seat, no one waiting: the count goes down.
  await cancel(s, (await regOf(s, b)).id);
  expect(await seatsTaken(s)).toBe(0);
  // Cancelling again is refused with the reason, on the page.
  const again = await cancel(s, (await regOf(s, b)).id);
  expect(again.status).toBe(400);
  expect(again.text).toContain('This registration is already cancelled');
  // Registering again after cancelling takes the free seat.
  await register(s, a);
  expect((await regOf(s, a)).status).toBe('confirmed');
  expect(await seatsTaken(s)).toBe(1);
});

test('a cancellation 23 hours before the start is late; 25 hours before is not', async () => {
  const s = await newSession(5);
  const [early, late] = [await person(), await person()];
  await register(s, early);
  await register(s, late);
  // Weeks later: the staff session has timed out, so sign in again.
  ctx.clock.set(new Date(START - 25 * HOUR));
  organizer = await signedIn(ctx, who);
  await cancel(s, (await regOf(s, early)).id);
  ctx.clock.set(new Date(START - 23 * HOUR));
  organizer = await signedIn(ctx, who);
  const res = await cancel(s, (await regOf(s, late)).id);
  expect(res.status).toBe(303);
  expect((await regOf(s, early)).late_cancellation).toBe(0);
  expect((await regOf(s, late)).late_cancellation).toBe(1);
  expect((await regOf(s, late)).cancelled_at).toBe(new Date(START - 23 * HOUR).toISOString());
  expect((await organizer.get(pageOf(s))).text).toContain('recorded as a late cancellation');
});

test('after the registration deadline no one is registered, and the page says why', async () => {
  const s = await newSession(5);
  const p = await person();
  ctx.clock.set(new Date(DEADLINE + 60_000));
  organizer = await signedIn(ctx, who);
  const res = await register(s, p);
  expect(res.status).toBe(400);
  expect(res.text).toContain('The registration deadline for this session has passed');
  expect(res.text).toContain('usa-alert--error');
  expect(await seatsTaken(s)).toBe(0);
  ctx.clock.set(new Date(DEADLINE));
  expect((await register(s, p)).status).toBe(303);
});

test('registering the same person twice answers with the registration they hold', async () => {
  const s = await newSession(5);
  const p = await person();
  await register(s, p);
  const res = await register(s, p);
  expect(res.status).toBe(303);
  const page = await organizer.get(pageOf(s));
  expect(page.text).toContain('is already registered for this session (confirmed)');
  const rows = await ctx.db
    .selectFrom('registrations')
    .select('id')
    .where('session_id', '=', s)
    .execute();
  expect(rows).toHaveLength(1);
  expect(await seatsTaken(s)).toBe(1);
});

test('unknown, withdrawn, paused, pending and deleted people are refused with a message', async () => {
  const s = await newSession(5);
  const cases: [string | number, RegExp][] = [
    [999999, /No one in the panel has that participant id or email/],
    ['nobody@example.com', /No one in the panel has that participant id or email/],
    [
      await person({ status: 'withdrawn' }),
      /This participant is withdrawn and cannot be registered/,
    ],
    [await person({ status: 'paused' }), /This participant is paused and cannot be registered/],
    [await person({ status: 'pending' }), /This participant is not confirmed yet/],
    [await person({ status: 'deleted' }), /No one in the panel has that participant id or email/],
  ];
  for (const [who, message] of cases) {
    const res = await register(s, who);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(message);
    expect(res.text).toContain(`value="${who}"`);
  }
  expect(await seatsTaken(s)).toBe(0);
});

test('bad input answers 400 with the error summary, and nothing is written', async () => {
  const s = await newSession(5);
  for (const fields of <Record<string, string>[]>[
    { participant: '' },
    { participant: 'not an email' },
    { participant: ['1', '2'] as unknown as string },
    { participant: '1', accommodations: 'x'.repeat(501) },
  ]) {
    const res = await post(s, 'registrations', fields);
    expect(res.status).toBe(400);
    expect(res.text).toContain('cp-error-summary');
  }
  for (const registrationId of ['', 'abc', '0', '999999']) {
    const res = await cancel(s, registrationId as unknown as number);
    expect(res.status).toBe(400);
    expect(res.text).toContain('cp-error-summary');
  }
  expect(
    await ctx.db.selectFrom('registrations').select('id').where('session_id', '=', s).execute(),
  ).toEqual([]);
});

test('a registration of another session cannot be cancelled from this one', async () => {
  const [s1, s2] = [await newSession(5), await newSession(5)];
  const p = await person();
  await register(s1, p);
  const res = await cancel(s2, (await regOf(s1, p)).id);
  expect(res.status).toBe(400);
  expect(res.text).toContain('That registration is not on this session');
  expect((await regOf(s1, p)).status).toBe('confirmed');
});

test('only organizers (and admins) register and cancel: a facilitator or analyst gets 403', async () => {
  const s = await newSession(5);
  const p = await person();
  await register(s, p);
  for (const role of ['facilitator', 'analyst'] as const) {
    const agent = await signedIn(ctx, await createStaff(ctx, role));
    const token = csrfFrom((await agent.get('/staff/account/password')).text);
    const reg = await agent
      .post(`${pageOf(s)}/registrations`)
      .type('form')
      .send({ _csrf: token, participant: String(await person()) });
    expect(reg.status).toBe(403);
    const can = await agent
      .post(`${pageOf(s)}/registrations/cancel`)
      .type('form')
      .send({ _csrf: token, registrationId: String((await regOf(s, p)).id) });
    expect(can.status).toBe(403);
  }
  expect(await seatsTaken(s)).toBe(1);
});

test("the participant page lists the person's study sessions with how each stands", async () => {
  const [s1, s2] = [await newSession(1), await newSession(1)];
  const [p, other] = [await person(), await person()];
  await register(s2, other);
  await register(s1, p);
  await register(s2, p);
  ctx.clock.set(new Date(START - 2 * HOUR));
  organizer = await signedIn(ctx, who);
  await cancel(s1, (await regOf(s1, p)).id);
  const page = await organizer.get(`/staff/participants/${p}`);
  expect(page.status).toBe(200);
  const block = page.text.slice(page.text.indexOf('id="registrations"'));
  expect(block).toContain(`href="/staff/studies/${studyId}/sessions/${s1}"`);
  expect(block).toContain(`href="/staff/studies/${studyId}/sessions/${s2}"`);
  expect(block).toContain('cancelled (late cancellation)');
  expect(block).toContain('waitlisted');
});

test('deleting a person blanks the accommodations they stated for a session', async () => {
  const s = await newSession(5);
  const p = await person();
  await register(s, p, 'Needs a step-free entrance, Uniq-Needle');
  expect((await regOf(s, p)).accommodations).toContain('Uniq-Needle');
  await servicesOf(ctx).deletion.delete(p, { staffId: organizerId });
  expect((await regOf(s, p)).accommodations).toBeNull();
});

test('a session cannot be edited to fewer seats than are confirmed; the form says how many are taken', async () => {
  const s = await newSession(3, 1);
  for (let i = 0; i < 3; i++) await register(s, await person());
  const url = `${pageOf(s)}/edit`;
  const page = await organizer.get(url);
  const shrink = (capacity: string, extraSeats: string) =>
    organizer
      .post(url)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...sessionForm({ capacity, extraSeats }) });
  const res = await shrink('2', '0');
  expect(res.status).toBe(400);
  expect(res.text).toContain('3 seats are already confirmed');
  expect(await seatsTaken(s)).toBe(3);
  expect((await shrink('2', '1')).status).toBe(303);
});

test('the same person registered five times at once holds one registration and one seat (the UNIQUE rolls the others back)', async () => {
  const s = await newSession(5);
  const p = await person();
  const service = new RegistrationService({
    db: ctx.db,
    clock: ctx.clock,
    cityTimeZone: 'America/Los_Angeles',
    mail: new RegistrationMail({ mailer: ctx.mailer, clock: ctx.clock, config: ctx.config }),
  });
  const answers = await Promise.all(
    [1, 2, 3, 4, 5].map(() =>
      service.register(s, p, { channel: 'staff', accommodations: null, staffId: organizerId }),
    ),
  );
  const ids = new Set(answers.map((a) => a.registration.id));
  expect(ids.size).toBe(1);
  expect(answers.filter((a) => !a.existing)).toHaveLength(1);
  const rows = await ctx.db
    .selectFrom('registrations')
    .select('status')
    .where('session_id', '=', s)
    .execute();
  expect(rows).toEqual([{ status: 'confirmed' }]);
  expect(await seatsTaken(s)).toBe(1);
});
