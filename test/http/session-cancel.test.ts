import request from 'supertest';
import { DAY, HOUR } from '../../src/clock';
import { buildTestApp, createStaff, postForm, signedIn, type TestContext } from '../support/app';
import { mailOf, person, register, remindersOf } from '../support/reminders';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let who: Awaited<ReturnType<typeof createStaff>>;
const BASE = new Date('2027-06-01T17:00:00Z');

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(BASE);
  who = await createStaff(ctx, 'organizer');
});
afterAll(() => ctx.close());

async function organizer(): Promise<Agent> {
  return signedIn(ctx, who);
}

const session = (id: number) =>
  ctx.db.selectFrom('study_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const registrationsOf = (id: number) =>
  ctx.db
    .selectFrom('registrations')
    .select(['participant_id', 'status', 'late_cancellation'])
    .where('session_id', '=', id)
    .orderBy('id')
    .execute();

/** A study with four sessions: the one to cancel, an open one, a full one and a past-deadline one. */
async function setUp() {
  ctx.clock.set(BASE);
  const agent = await organizer();
  const studyId = await createStudy(agent, studyForm({ organizer: who.id }));
  const target = await addSession(agent, studyId, sessionForm({ capacity: '2', extraSeats: '0' }));
  const open = await addSession(
    agent,
    studyId,
    sessionForm({
      startsAt: '2027-07-22T10:00',
      registrationDeadline: '2027-07-20T12:00',
      mode: 'online',
      placeName: '',
      address: '',
      stepFree: '',
      parking: '',
      transit: '',
      videoUrl: 'https://meet.example.com/other',
    }),
  );
  const full = await addSession(
    agent,
    studyId,
    sessionForm({
      startsAt: '2027-07-29T18:00',
      registrationDeadline: '2027-07-27T12:00',
      capacity: '1',
      extraSeats: '0',
    }),
  );
  const closed = await addSession(
    agent,
    studyId,
    sessionForm({ startsAt: '2027-07-16T18:00', registrationDeadline: '2027-06-01T09:00' }),
  );
  await register(ctx, full, await person(ctx.db));
  return { agent, studyId, target, open, full, closed };
}

const cancelUrl = (studyId: number, id: number) =>
  `/staff/studies/${studyId}/sessions/${id}/cancel`;

test('cancelling a session cancels every registration, frees the seats, skips reminders and tells everyone in their language', async () => {
  const { agent, studyId, target, open } = await setUp();
  const es = await person(ctx.db, {
    first_name: 'Eva',
    email: 'eva.cancel@example.com',
    language: 'es',
  });
  const ko = await person(ctx.db, {
    first_name: 'Min',
    email: 'min.cancel@example.com',
    language: 'ko',
  });
  const hy = await person(ctx.db, {
    first_name: 'Ani',
    email: 'ani.cancel@example.com',
    language: 'hy',
  });
  const phone = await person(ctx.db, {
    first_name: 'Pat',
    last_name: 'Caller',
    contact_preference: 'phone',
  });
  await register(ctx, target, es);
  await register(ctx, target, ko);
  await register(ctx, target, hy); // waitlisted
  await register(ctx, target, phone); // waitlisted
  expect((await session(target)).seats_taken).toBe(2);
  await remindersOf(ctx).run();
  const pending = await ctx.db
    .selectFrom('session_reminders')
    .select('id')
    .where('status', '=', 'pending')
    .execute();
  expect(pending.length).toBeGreaterThanOrEqual(4);

  const page = await agent.get(cancelUrl(studyId, target));
  expect(page.status).toBe(200);
  expect(page.text).toContain(
    '<strong>2</strong> with a confirmed seat and <strong>2</strong> on the waitlist',
  );
  expect(page.text).toContain('<strong>3</strong> by email');
  expect(page.text).toContain('<strong>1</strong> by phone');

  const res = await postForm(agent, cancelUrl(studyId, target), cancelUrl(studyId, target), {
    note: 'The library is closed for repairs that day.',
    confirm: 'yes',
  });
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`/staff/studies/${studyId}/sessions/${target}`);
  const after = await agent.get(res.headers.location);
  expect(after.text).toContain(
    'Session cancelled. 3 people were told by email. 1 person is on the reminder calls list',
  );
  expect(after.text).toContain('This session is cancelled.');
  expect(after.text).not.toContain('>Cancel this session<');

  const s = await session(target);
  expect([s.status, s.seats_taken]).toEqual(['cancelled', 0]);
  expect((await registrationsOf(target)).map((r) => [r.status, r.late_cancellation])).toEqual(
    Array(4).fill(['cancelled', 0]),
  );
  const reminders = await ctx.db
    .selectFrom('session_reminders as sr')
    .innerJoin('registrations as r', 'r.id', 'sr.registration_id')
    .select(['sr.kind', 'sr.status', 'sr.skip_reason', 'sr.channel'])
    .where('r.session_id', '=', target)
    .execute();
  expect(
    reminders
      .filter((r) => r.kind === 'reminder')
      .every((r) => r.status === 'skipped' && r.skip_reason === 'session'),
  ).toBe(true);
  expect(
    reminders
      .filter((r) => r.kind === 'session_cancelled')
      .map((r) => [r.channel, r.status])
      .sort(),
  ).toEqual([
    ['call', 'pending'],
    ['email', 'sent'],
    ['email', 'sent'],
    ['email', 'sent'],
  ]);

  const mail = await mailOf(ctx.db, 'session-cancelled');
  const to = (email: string) => mail.find((m) => m.to_address === email)!;
  expect(mail).toHaveLength(3);
  expect(to('eva.cancel@example.com').subject).toMatch(
    /^Cancelada: su conversación de Civic Panel el /,
  );
  expect(to('min.cancel@example.com').subject).toMatch(/^취소됨: /);
  expect(to('ani.cancel@example.com').subject).toMatch(/^Չեղարկված է/);
  const eva = to('eva.cancel@example.com').text_body;
  expect(eva).toContain('Hola, Eva:');
  expect(eva).toContain('The library is closed for repairs that day.');
  // The open session (online, 22 July 10:00) is offered in Spanish; the full and closed ones are not.
  expect(eva).toContain('jueves, 22 de julio de 2027, 10:00');
  expect(eva).toContain('En línea');
  expect(eva).not.toContain('29 de julio');
  expect(eva).not.toContain('16 de julio de 2027, 18:00');
  expect(eva).not.toContain('https://meet.example.com/other');
  expect(to('min.cancel@example.com').text_body).toContain('2027년 7월 22일');
  expect(open).toBeGreaterThan(0);

  // The phone person is on the calls list as a cancelled session, and no reminder goes out.
  const calls = await agent.get('/staff/reminder-calls');
  expect(calls.text).toContain('Pat Caller');
  expect(calls.text).toContain('Session cancelled: tell them, and offer the other sessions');
  ctx.clock.set(new Date(Date.parse(s.starts_at) - 2 * HOUR));
  await remindersOf(ctx).run();
  expect(await mailOf(ctx.db, 'session-reminder')).toHaveLength(0);

  const audit = await ctx.db
    .selectFrom('audit_log')
    .select(['details', 'actor_staff_id'])
    .where('action', '=', 'session.cancel')
    .where('subject_id', '=', String(target))
    .executeTakeFirstOrThrow();
  expect(audit.actor_staff_id).toBe(who.id);
  expect(JSON.parse(audit.details)).toEqual({ studyId, registrations: 4, emailed: 3, toCall: 1 });
});

test('refused with the summary: no confirmation, already cancelled, already started, archived study', async () => {
  const { agent, studyId, target, closed } = await setUp();
  const url = cancelUrl(studyId, target);

  const unconfirmed = await postForm(agent, url, url, { note: '' });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.text).toContain('There is a problem');
  expect(unconfirmed.text).toContain('Tick the box to confirm');
  expect((await session(target)).status).toBe('scheduled');

  expect((await postForm(agent, url, url, { confirm: 'yes' })).status).toBe(303);
  const again = await postForm(agent, url, url, { confirm: 'yes' });
  expect(again.status).toBe(400);
  expect(again.text).toContain('There is a problem');
  expect(again.text).toContain('This session is already cancelled');
  expect((await agent.get(url)).text).not.toContain('>Cancel this session</button>');

  // The session 16 July 18:00 PDT has started.
  ctx.clock.set(new Date(Date.parse((await session(closed)).starts_at) + 1000));
  const late = await organizer();
  const closedUrl = cancelUrl(studyId, closed);
  const started = await postForm(late, closedUrl, closedUrl, { confirm: 'yes' });
  expect(started.status).toBe(400);
  expect(started.text).toContain('This session has already started');
  expect((await session(closed)).status).toBe('scheduled');

  ctx.clock.set(BASE);
  const { agent: a2, studyId: s2, target: t2 } = await setUp();
  for (const status of ['recruiting', 'closed', 'archived'])
    expect(
      (await postForm(a2, `/staff/studies/${s2}`, `/staff/studies/${s2}/status`, { status }))
        .status,
    ).toBe(303);
  const archived = await postForm(a2, cancelUrl(s2, t2), cancelUrl(s2, t2), { confirm: 'yes' });
  expect(archived.status).toBe(400);
  expect(archived.text).toContain('This study is archived');
  expect((await session(t2)).status).toBe('scheduled');
});

test('only organizers cancel a session', async () => {
  ctx.clock.set(BASE);
  const { studyId, target } = await setUp();
  const fac = await signedIn(ctx, await createStaff(ctx, 'facilitator'));
  expect((await fac.get(cancelUrl(studyId, target))).status).toBe(403);
  expect((await session(target)).status).toBe('scheduled');
  expect(DAY).toBeGreaterThan(0);
});
