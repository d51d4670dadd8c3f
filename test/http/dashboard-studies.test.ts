import request from 'supertest';
import { insertInvitations } from '../../src/studies/invitations/invitations.queries';
import { buildTestApp, createStaff, postForm, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;

/*
 * The staff home's studies part: the sessions of the next 14 days with seats taken of capacity,
 * and what needs doing (unanswered invitations, waitlists), each linking to the page behind it.
 * Now: Thursday 1 July 2027, 10:00 in Los Angeles.
 */
const NOW = new Date('2027-07-01T17:00:00.000Z');

let ctx: TestContext;
let organizer: Agent;
let who: Awaited<ReturnType<typeof createStaff>>;
let studyId: number;
let soon: number;
let later: number;
let past: number;

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(NOW);
  who = await createStaff(ctx, 'organizer');
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  await postForm(organizer, `/staff/studies/${studyId}`, `/staff/studies/${studyId}/status`, {
    status: 'recruiting',
  });
  // Two seats, no extra: in 5 days (Spanish), in 20 days (outside the 14), and one gone by.
  soon = await addSession(
    organizer,
    studyId,
    sessionForm({
      startsAt: '2027-07-06T18:00',
      registrationDeadline: '2027-07-05T12:00',
      language: 'es',
      interpretation: [],
      capacity: '2',
      extraSeats: '0',
    }),
  );
  later = await addSession(
    organizer,
    studyId,
    sessionForm({ startsAt: '2027-07-21T18:00', registrationDeadline: '2027-07-20T12:00' }),
  );
  ctx.clock.set(new Date('2027-06-01T17:00:00.000Z'));
  past = await addSession(
    organizer,
    studyId,
    sessionForm({ startsAt: '2027-06-20T18:00', registrationDeadline: '2027-06-19T12:00' }),
  );
  ctx.clock.set(NOW);
  organizer = await signedIn(ctx, who); // the month-long jump ended the idle session
  // Three people register for the soon session: two seats taken, one waitlisted.
  const url = `/staff/studies/${studyId}/sessions/${soon}`;
  const people: number[] = [];
  for (let i = 0; i < 5; i++)
    people.push(await addPerson(ctx.db, { first_name: `P${i}`, email: `p${i}@example.com` }));
  for (const id of people.slice(0, 3)) {
    const res = await postForm(organizer, url, `${url}/registrations`, {
      participant: String(id),
      accommodations: '',
    });
    expect(res.status).toBe(303);
  }
  // Registering makes (answered) invitations for the three; two more are invited and not answered.
  await insertInvitations(
    ctx.db,
    people.slice(3).map((id) => ({
      study_id: studyId,
      participant_id: id,
      draw_id: null,
      channel: 'email' as const,
      invited_at: NOW.toISOString(),
    })),
  );
});
afterAll(() => ctx.close());

test('an organizer sees the next 14 days of sessions with seats taken of capacity', async () => {
  const html = main((await organizer.get('/staff')).text);
  const table = html.slice(html.indexOf('id="upcoming"'));
  expect(table).toContain(`/staff/studies/${studyId}/sessions/${soon}`);
  expect(table).not.toContain(`/sessions/${later}"`);
  expect(table).not.toContain(`/sessions/${past}"`);
  expect(table).toContain('Tue, Jul 6, 2027, 6:00 PM PDT');
  expect(table).toMatch(/data-label="Language">Spanish</);
  expect(table).toMatch(/data-label="Seats taken">2 of 2</);
  expect(table).toMatch(/data-label="Waitlist">1</);
});

test('what needs doing links to the study and the session behind each figure', async () => {
  const html = main((await organizer.get('/staff')).text);
  const tile = html.slice(html.indexOf('id="tile-todo"'));
  expect(tile).toContain(
    `href="/staff/studies/${studyId}"><span class="font-heading-xl text-bold">2</span> invitations not answered: Bulky Item pickup: intake</a>`,
  );
  expect(tile).toContain(
    `href="/staff/studies/${studyId}/sessions/${soon}"><span class="font-heading-xl text-bold">1</span> person on the waitlist: Bulky Item pickup: intake, Tue, Jul 6, 2027, 6:00 PM PDT</a>`,
  );
  const session = await organizer.get(`/staff/studies/${studyId}/sessions/${soon}`);
  expect(session.status).toBe(200);
});

test('a facilitator sees the sessions they run, each opening its roster; an analyst none', async () => {
  const facilitator = await createStaff(ctx, 'facilitator');
  const other = await signedIn(ctx, await createStaff(ctx, 'facilitator'));
  await ctx.db
    .insertInto('study_team')
    .values({ study_id: studyId, staff_user_id: facilitator.id, role: 'facilitator' })
    .execute();
  await ctx.db
    .updateTable('study_sessions')
    .set({ facilitator_id: facilitator.id })
    .where('id', '=', soon)
    .execute();
  const agent = await signedIn(ctx, facilitator);
  const html = main((await agent.get('/staff')).text);
  const table = html.slice(html.indexOf('id="upcoming"'));
  expect(table).toContain('Your upcoming sessions');
  const roster = `/staff/studies/${studyId}/sessions/${soon}/roster`;
  expect(table).toContain(`href="${roster}"`);
  expect((await agent.get(roster)).status).toBe(200);
  expect(html).not.toContain('invitations not answered');
  // Another facilitator: the table is there, empty.
  const theirs = main((await other.get('/staff')).text);
  expect(theirs).toContain('No sessions in the next 14 days.');
  const analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const none = main((await analyst.get('/staff')).text);
  expect(none).not.toContain('id="upcoming"');
  expect(none).not.toContain('What needs doing');
});
