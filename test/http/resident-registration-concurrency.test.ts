import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createStaff, csrfFrom, PASSWORD, postForm, serveTestApp } from '../support/app';
import { addPerson } from '../support/db';
import {
  addSession,
  createStudy,
  followInvitation,
  invite,
  openStudy,
  sessionForm,
  studyForm,
} from '../support/studies';

/**
 * The Must-show through the residents' own pages: 50 people, each signed in by their own
 * invitation link (50 distinct resident sessions), press Register at the same moment as real
 * HTTP requests to a listening server on a file database (WAL, as in production), for a session
 * with 8 seats and no extra seats: exactly 8 confirmed and 42 waitlisted, 20 runs in a row.
 * Each run is a new study (a person holds one registration per study), with new invitations.
 *
 * Each posts the "seat, else the waitlist" choice (`<id>-waitlist`); a choice of a seat only
 * (`<id>-seat`) that loses the race is refused instead, which resident-registration.test.ts covers.
 */
const RUNS = 20;
const PEOPLE = 50;
const SEATS = 8;

let dir: string;
let ctx: Awaited<ReturnType<typeof serveTestApp>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-r-seats-'));
  ctx = await serveTestApp({ databasePath: path.join(dir, 'civic-panel.sqlite') });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test(`${PEOPLE} residents register at once through /r/ for ${SEATS} seats: exactly ${SEATS} confirmed and ${PEOPLE - SEATS} waitlisted, ${RUNS} runs in a row`, async () => {
  const who = await createStaff(ctx, 'organizer');
  const staff = request.agent(ctx.baseUrl);
  const signed = await postForm(staff, '/login', '/login', {
    email: who.email,
    password: PASSWORD,
  });
  expect(signed.status).toBe(303);
  const people: number[] = [];
  for (let i = 0; i < PEOPLE; i++)
    people.push(
      await addPerson(ctx.db, { first_name: `Runner${i}`, email: `runner${i}@example.com` }),
    );

  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const studyId = await createStudy(staff, studyForm({ organizer: who.id }));
    const sessionId = await addSession(
      staff,
      studyId,
      sessionForm({ capacity: String(SEATS), extraSeats: '0' }),
    );
    await openStudy(staff, studyId);
    // Each person: their own link, their own browser session, their own page and token.
    const residents = await Promise.all(
      people.map(async (id) => {
        const { agent, page } = await followInvitation(ctx.baseUrl, await invite(ctx, studyId, id));
        const url = page.split('?')[0];
        return { agent, url, token: csrfFrom((await agent.get(url)).text) };
      }),
    );
    const started = performance.now();
    const answers = await Promise.all(
      residents.map((r) =>
        r.agent
          .post(r.url)
          .type('form')
          .send({ _csrf: r.token, session: `${sessionId}-waitlist`, accommodations: '' }),
      ),
    );
    times.push(performance.now() - started);
    expect(answers.map((a) => a.status)).toEqual(people.map(() => 303));

    const regs = await ctx.db
      .selectFrom('registrations')
      .select(['participant_id', 'status', 'channel'])
      .where('session_id', '=', sessionId)
      .execute();
    const count = (s: string) => regs.filter((r) => r.status === s).length;
    expect([count('confirmed'), count('waitlisted'), regs.length]).toEqual([
      SEATS,
      PEOPLE - SEATS,
      PEOPLE,
    ]);
    expect(new Set(regs.map((r) => r.participant_id)).size).toBe(PEOPLE);
    expect(regs.every((r) => r.channel === 'web')).toBe(true);
    const session = await ctx.db
      .selectFrom('study_sessions')
      .select('seats_taken')
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(session.seats_taken).toBe(SEATS);
    // Every one was told: 8 confirmations with a calendar file, 42 waitlist emails.
    const mail = await ctx.db
      .selectFrom('outbox')
      .select(['template'])
      .where('participant_id', 'in', people)
      .execute();
    const sent = (t: string) => mail.filter((m) => m.template === t).length;
    expect([sent('registration-confirmed'), sent('registration-waitlisted')]).toEqual([
      SEATS * (run + 1),
      (PEOPLE - SEATS) * (run + 1),
    ]);
  }
  times.sort((a, b) => a - b);
  // For the report: how long 50 simultaneous registrations take end to end.
  console.log(
    `${RUNS} runs of ${PEOPLE} simultaneous registrations through /r/: median ${times[RUNS >> 1].toFixed(0)} ms, slowest ${times[RUNS - 1].toFixed(0)} ms`,
  );
}, 300_000);
