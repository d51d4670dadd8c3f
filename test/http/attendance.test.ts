import { parse } from 'csv-parse/sync';
import request from 'supertest';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson, fingerprint } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;
type Staff = Awaited<ReturnType<typeof createStaff>>;

let ctx: TestContext;
let org: Staff;
let fac: Staff;
let other: Staff;
let notes: Staff;
let studyId: number;
let mine: number;
let theirs: number;
const people: Record<string, number> = {};
const regs: Record<string, number> = {};

// sessionForm's start: 2027-07-15 18:00 PDT (01:00Z the next day); check-in opens at midnight PDT.
const BEFORE = new Date('2027-07-14T20:00:00Z');
const DAY_OF = new Date('2027-07-15T20:00:00Z');

const url = (sessionId: number, tail = '') =>
  `/staff/studies/${studyId}/sessions/${sessionId}${tail}`;
const as = async (who: Staff, at = DAY_OF): Promise<Agent> => {
  ctx.clock.set(at);
  return signedIn(ctx, who);
};
const checkIn = (agent: Agent, sessionId: number, registrationId: number, outcome: string) =>
  postForm(agent, url(sessionId, '/roster'), url(sessionId, '/check-in'), {
    registrationId: String(registrationId),
    outcome,
  });
const reg = (id: number) =>
  ctx.db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const person = (id: number) =>
  ctx.db
    .selectFrom('participants')
    .select(['sessions_attended', 'no_shows'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const seats = async (id: number) =>
  (
    await ctx.db
      .selectFrom('study_sessions')
      .select('seats_taken')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).seats_taken;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
  org = await createStaff(ctx, 'organizer');
  fac = await createStaff(ctx, 'facilitator');
  other = await createStaff(ctx, 'facilitator');
  notes = await createStaff(ctx, 'facilitator');
  const o = await signedIn(ctx, org);
  studyId = await createStudy(
    o,
    studyForm(
      { organizer: org.id, facilitator: fac.id },
      { facilitators: [String(fac.id), String(other.id)], noteTakers: [String(notes.id)] },
    ),
  );
  mine = await addSession(
    o,
    studyId,
    sessionForm({
      facilitatorId: String(fac.id),
      noteTakerId: String(notes.id),
      capacity: '4',
      extraSeats: '0',
    }),
  );
  theirs = await addSession(
    o,
    studyId,
    sessionForm({
      facilitatorId: String(other.id),
      startsAt: '2027-07-22T18:00',
      registrationDeadline: '2027-07-20T12:00',
    }),
  );
  people.ana = await addPerson(
    ctx.db,
    {
      first_name: 'Ana',
      last_name: 'Reyes',
      language: 'es',
      interpreter_language: 'es',
      email: 'ana@example.com',
      phone: '+12135550100',
    },
    { needs: ['interpreter', 'wheelchair'] },
  );
  people.bo = await addPerson(
    ctx.db,
    { first_name: 'Bo', last_name: 'Kim', language: 'ko' },
    { needs: ['asl'] },
  );
  people.cy = await addPerson(ctx.db, { first_name: '=HYPERLINK("x")', last_name: 'Cy' });
  people.di = await addPerson(ctx.db, {
    first_name: 'Di',
    last_name: 'Walker',
    email: 'di@example.com',
  });
  people.ed = await addPerson(ctx.db, {
    first_name: 'Ed',
    last_name: 'Pool',
    email: 'ed@example.com',
  });
  for (const name of ['ana', 'bo', 'cy', 'di']) {
    const res = await postForm(o, url(mine), url(mine, '/registrations'), {
      participant: String(people[name]),
      accommodations: name === 'bo' ? 'Needs a seat near the interpreter' : '',
    });
    if (res.status !== 303) throw new Error(`registration failed: ${res.status}`);
    regs[name] = (
      await ctx.db
        .selectFrom('registrations')
        .select('id')
        .where('participant_id', '=', people[name])
        .executeTakeFirstOrThrow()
    ).id;
  }
  await postForm(o, url(theirs), url(theirs, '/registrations'), { participant: String(people.ed) });
});
afterAll(() => ctx.close());

describe('a facilitator sees only the sessions that name them', () => {
  test('My sessions lists theirs and not another facilitator’s', async () => {
    const agent = await as(fac);
    const res = await agent.get('/staff/my-sessions');
    expect(res.status).toBe(200);
    expect(res.text).toContain(url(mine, '/roster'));
    expect(res.text).not.toContain(url(theirs, '/roster'));
  });

  test('another session’s roster, sheet, walk-ins and check-in are not found, and change nothing', async () => {
    const agent = await as(fac);
    for (const tail of ['/roster', '/sign-in-sheet', '/walk-ins'])
      expect((await agent.get(url(theirs, tail))).status).toBe(404);
    const edReg = await ctx.db
      .selectFrom('registrations')
      .select('id')
      .where('session_id', '=', theirs)
      .executeTakeFirstOrThrow();
    const before = await fingerprint(ctx.db);
    const res = await checkIn(agent, theirs, edReg.id, 'attended').catch(() => null);
    // The roster page used for the token is itself not found: post with a token from their own.
    const page = await agent.get(url(mine, '/roster'));
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const direct = await agent
      .post(url(theirs, '/check-in'))
      .type('form')
      .send({ _csrf: token, registrationId: String(edReg.id), outcome: 'attended' });
    expect(direct.status).toBe(404);
    expect(res?.status).toBe(404);
    expect(await fingerprint(ctx.db)).toBe(before);
  });

  test('the note-taker named on a session sees it too, and only it', async () => {
    const agent = await as(notes);
    const list = await agent.get('/staff/my-sessions');
    expect(list.text).toContain(url(mine, '/roster'));
    expect(list.text).toContain('you: Note-taker');
    expect(list.text).not.toContain(url(theirs, '/roster'));
    expect((await agent.get(url(mine, '/roster'))).status).toBe(200);
    expect((await agent.get(url(theirs, '/roster'))).status).toBe(404);
  });

  test('an analyst gets no roster at all', async () => {
    const agent = await as(await createStaff(ctx, 'analyst'));
    expect((await agent.get(url(mine, '/roster'))).status).toBe(403);
    expect((await agent.get('/staff/my-sessions')).status).toBe(403);
  });

  test('an organizer opens any session’s roster', async () => {
    const agent = await as(org);
    expect((await agent.get(url(theirs, '/roster'))).status).toBe(200);
  });
});

test('the roster rolls up accommodations in plain words', async () => {
  const agent = await as(fac);
  const res = await agent.get(url(mine, '/roster'));
  expect(res.text).toContain(
    'Accommodations: 1 need Spanish interpretation, 1 wheelchair access, 1 ASL, 1 stated accommodations for this session',
  );
});

test('the sign-in sheet has names and languages, no emails or phone numbers', async () => {
  const agent = await as(fac);
  const res = await agent.get(url(mine, '/sign-in-sheet'));
  expect(res.status).toBe(200);
  expect(res.text).toContain('Ana Reyes');
  expect(res.text).toContain('Signature');
  expect(res.text).not.toContain('ana@example.com');
  expect(res.text).not.toContain('555');
});

test('check-in opens only on the day of the session', async () => {
  const agent = await as(fac, BEFORE);
  const before = await fingerprint(ctx.db, (t) => t === 'audit_log');
  const res = await checkIn(agent, mine, regs.ana, 'attended');
  expect(res.status).toBe(400);
  expect(res.text).toContain('Check-in opens on the day of the session');
  expect(await fingerprint(ctx.db, (t) => t === 'audit_log')).toBe(before);
});

describe('on the day', () => {
  let agent: Agent;
  beforeAll(async () => {
    agent = await as(fac);
  });

  test('attended, twice: the second click changes nothing', async () => {
    const first = await checkIn(agent, mine, regs.ana, 'attended');
    expect(first.status).toBe(303);
    const second = await checkIn(agent, mine, regs.ana, 'attended');
    expect(second.status).toBe(303);
    const r = await reg(regs.ana);
    expect(r).toMatchObject({ status: 'attended', outcome_from: 'confirmed', outcome_by: fac.id });
    expect(await person(people.ana)).toEqual({ sessions_attended: 1, no_shows: 0 });
    const audits = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'registration.outcome')
      .where('subject_id', '=', String(regs.ana))
      .execute();
    expect(audits).toHaveLength(1);
    expect(await seats(mine)).toBe(4);
  });

  test('two check-ins at the same moment record one', async () => {
    const page = await agent.get(url(mine, '/roster'));
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const send = () =>
      agent
        .post(url(mine, '/check-in'))
        .type('form')
        .send({ _csrf: token, registrationId: String(regs.cy), outcome: 'attended' });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((a) => a.status)).toEqual([303, 303, 303]);
    expect(await person(people.cy)).toEqual({ sessions_attended: 1, no_shows: 0 });
  });

  test('a no-show feeds the pool filter; undo takes it back', async () => {
    expect((await checkIn(agent, mine, regs.bo, 'no_show')).status).toBe(303);
    expect(await person(people.bo)).toEqual({ sessions_attended: 0, no_shows: 1 });
    const o = await as(org);
    const pool = await o.get('/staff/participants?noShowsMin=1');
    expect(pool.text).toContain('Kim');
    expect(pool.text).not.toContain('Reyes');
    const attended = await o.get('/staff/participants?attendedMin=1');
    expect(attended.text).toContain('Reyes');
    expect(attended.text).not.toContain('Kim');
    agent = await as(fac);
    expect((await checkIn(agent, mine, regs.bo, 'undo')).status).toBe(303);
    expect(await reg(regs.bo)).toMatchObject({ status: 'confirmed', outcome_from: null });
    expect(await person(people.bo)).toEqual({ sessions_attended: 0, no_shows: 0 });
  });

  test('a late cancellation gives the seat back; undo takes it again', async () => {
    expect((await checkIn(agent, mine, regs.di, 'late_cancellation')).status).toBe(303);
    expect(await reg(regs.di)).toMatchObject({ status: 'cancelled', late_cancellation: 1 });
    expect(await seats(mine)).toBe(3);
    expect((await checkIn(agent, mine, regs.di, 'undo')).status).toBe(303);
    expect(await reg(regs.di)).toMatchObject({ status: 'confirmed', late_cancellation: 0 });
    expect(await seats(mine)).toBe(4);
  });

  test('a walk-in from the pool is attended without taking a seat (the session is full)', async () => {
    const found = await agent.get(url(mine, '/walk-ins?q=ed%40example.com'));
    expect(found.text).toContain('Add <span class="usa-sr-only">Ed Pool</span> as attended');
    const res = await postForm(agent, url(mine, '/walk-ins'), url(mine, '/walk-ins'), {
      participantId: String(people.ed),
    });
    expect(res.status).toBe(303);
    const row = await ctx.db
      .selectFrom('registrations')
      .selectAll()
      .where('session_id', '=', mine)
      .where('participant_id', '=', people.ed)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'attended', walk_in: 1, channel: 'staff' });
    expect(await seats(mine)).toBe(4);
    // Again: already checked in, nothing new.
    await postForm(agent, url(mine, '/walk-ins'), url(mine, '/walk-ins'), {
      participantId: String(people.ed),
    });
    expect(await person(people.ed)).toEqual({ sessions_attended: 1, no_shows: 0 });
  });

  test('a walk-in new to the panel joins with consent recorded by staff, attended', async () => {
    const res = await postForm(agent, url(mine, '/walk-ins'), url(mine, '/walk-ins/new'), {
      firstName: 'Fay',
      lastName: 'New',
      phone: '213-555-0199',
      email: '',
      language: 'en',
      consentRecorded: 'yes',
      consentLanguage: 'en',
    });
    expect(res.status).toBe(303);
    const p = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('first_name', '=', 'Fay')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      status: 'active',
      source: 'event',
      phone: '+12135550199',
      sessions_attended: 1,
    });
    const consent = await ctx.db
      .selectFrom('consent_events')
      .selectAll()
      .where('participant_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({ action: 'given', recorded_by_staff_id: fac.id });
    // Without consent or a way to reach them: refused, nothing stored.
    const refused = await postForm(agent, url(mine, '/walk-ins'), url(mine, '/walk-ins/new'), {
      firstName: 'Gus',
      language: 'en',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Enter an email address or a phone number');
    expect(refused.text).toContain('Confirm that they agreed to the consent text');
  });

  test('an incentive is issued once; the finance CSV parses back, Excel-safe', async () => {
    const issue = (fields: Record<string, string>) =>
      postForm(agent, url(mine, '/roster'), url(mine, '/incentives'), {
        registrationId: String(regs.cy),
        method: 'gift_card',
        amount: '50',
        issuedOn: '2027-07-15',
        referenceNote: 'card ending 4821',
        ...fields,
      });
    const card = await issue({ referenceNote: '4111 1111 1111 1111' });
    expect(card.status).toBe(400);
    expect(card.text).toContain('never its full number');
    expect((await issue({})).status).toBe(303);
    expect((await issue({ amount: '75' })).status).toBe(303);
    const rows = await ctx.db.selectFrom('incentives').selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({ amount_cents: 5000, method: 'gift_card', issued_by: fac.id }),
    ]);
    // Attended and issued: the undo is refused.
    expect((await checkIn(agent, mine, regs.cy, 'undo')).status).toBe(400);
    expect((await agent.get(url(mine, '/roster'))).text).toContain(
      'Incentive issued: $50 gift card on 2027-07-15',
    );

    // The facilitator cannot export; an organizer can, with a reason, audited.
    expect((await agent.get(`/staff/studies/${studyId}/incentives`)).status).toBe(403);
    const o = await as(org);
    const report = await o.get(`/staff/studies/${studyId}/incentives`);
    expect(report.text).toContain(
      '$200</strong> owed, <strong>$50</strong> issued, <strong>3</strong> still to give',
    );
    const res = await o
      .post(`/staff/studies/${studyId}/incentives/export`)
      .type('form')
      .send({ _csrf: csrfFrom(report.text), reason: 'Gift card reconciliation' })
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="incentives-study-/);
    const text = (res.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const table = parse(text.slice(1)) as string[][];
    expect(table[0]).toEqual([
      'participant_id',
      'name',
      'session',
      'attended',
      'owed',
      'issued_amount',
      'method',
      'issued_date',
      'issued_by',
    ]);
    const cy = table.find((r) => r[0] === String(people.cy))!;
    expect(cy[1]).toBe(`'=HYPERLINK("x") Cy`);
    expect(cy.slice(3, 8)).toEqual(['yes', '50.00', '50.00', 'Gift card', '2027-07-15']);
    const ana = table.find((r) => r[0] === String(people.ana))!;
    expect(ana.slice(3, 6)).toEqual(['yes', '50.00', '']);
    expect(table.find((r) => r[0] === String(people.bo))).toBeUndefined();
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'participants.export')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({
      export: 'incentives',
      reason: 'Gift card reconciliation',
    });
    expect(audit.actor_staff_id).toBe(org.id);
  });

  test('someone who cancelled late and came after all: a walk-in; undo makes it a late cancellation again', async () => {
    const o = await as(org);
    const cancelled = await postForm(o, url(mine), url(mine, '/registrations/cancel'), {
      registrationId: String(regs.di),
    });
    expect(cancelled.status).toBe(303);
    expect(await reg(regs.di)).toMatchObject({ status: 'cancelled', late_cancellation: 1 });
    const seatsAfterCancel = await seats(mine);
    agent = await as(fac);
    await postForm(agent, url(mine, '/walk-ins'), url(mine, '/walk-ins'), {
      participantId: String(people.di),
    });
    expect(await reg(regs.di)).toMatchObject({ status: 'attended', walk_in: 1 });
    expect(await seats(mine)).toBe(seatsAfterCancel);
    expect((await checkIn(agent, mine, regs.di, 'undo')).status).toBe(303);
    expect(await reg(regs.di)).toMatchObject({
      status: 'cancelled',
      late_cancellation: 1,
      walk_in: 0,
    });
    expect(await person(people.di)).toEqual({ sessions_attended: 0, no_shows: 0 });
  });

  test('the participant page shows each registration’s outcome', async () => {
    const o = await as(org);
    const res = await o.get(`/staff/participants/${people.ed}`);
    expect(res.text).toMatch(/attended \(walk-in\)/);
  });
});

test('the show rate over past sessions sets the sample builder’s over-recruitment, and says so', async () => {
  const o = await as(org);
  const sample = `/staff/studies/${studyId}/sample?draw=1&size=10&coolDownDays=90&seed=abc`;
  // Two outcomes so far, both at a session not yet started: no history.
  expect((await o.get(sample)).text).toContain(
    'it over-recruits by 20% because there is no attendance history yet',
  );
  // Ten more at the other session: 7 attended, 3 no-shows (and walk-ins never count).
  for (let i = 0; i < 10; i++) {
    const id = await addPerson(ctx.db, { first_name: `Past${i}` });
    await ctx.db
      .insertInto('registrations')
      .values({
        session_id: theirs,
        participant_id: id,
        status: i < 7 ? 'attended' : 'no_show',
        channel: 'phone',
        accommodations: null,
        created_at: '2027-06-01T17:00:00.000Z',
        updated_at: '2027-06-01T17:00:00.000Z',
      })
      .execute();
  }
  const after = await as(org, new Date('2027-08-01T17:00:00Z'));
  // 9 attended of 12 expected: 75%, so invite 1/0.75 − 1 = 33% more.
  expect((await after.get(sample)).text).toContain(
    'it over-recruits by 33% because the pool’s show rate over past sessions is 75% (9 attended of 12 expected; walk-ins not counted)',
  );
});
