import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { AFTER, buildStudyFixture, FIGURES } from '../support/study-report';

let ctx: TestContext;
let studyId: number;
let analyst: Awaited<ReturnType<typeof createStaff>>;
const url = () => `/staff/results/studies/${studyId}`;

/** The text of a page without tags, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(AFTER);
  analyst = await createStaff(ctx, 'analyst');
  studyId = (await buildStudyFixture(ctx.db)).studyId;
});
afterAll(() => ctx.close());

test('the funnel counts each step and the rate from the step before', async () => {
  const res = await (await signedIn(ctx, analyst)).get(url());
  expect(res.status).toBe(200);
  const page = text(res.text);
  const step = (label: string) => new RegExp(`${label} (\\d+) ([\\d–]+%?)`).exec(page);
  expect(step('Sampled')?.slice(1)).toEqual([String(FIGURES.sampled), '–']);
  expect(step('Invited')?.slice(1)).toEqual(['16', '100%']);
  expect(step('Registered')?.slice(1)).toEqual(['13', `${Math.round((13 / 16) * 100)}%`]);
  expect(step('Attended')?.slice(1)).toEqual(['11', `${Math.round((11 / 13) * 100)}%`]);
  expect(step('Responded to a survey')?.slice(1)).toEqual(['3', `${Math.round((3 / 11) * 100)}%`]);
  expect(page).toContain('1 anonymous responses are not counted as people');
  // The chart says the same, as its text alternative.
  expect(res.text).toContain(
    'Sampled: 16, Invited: 16, Registered: 13, Attended: 11, Responded to a survey: 3.',
  );
});

test('the show rate counts seats held at sessions that took place, walk-ins left out', async () => {
  const page = text((await (await signedIn(ctx, analyst)).get(url())).text);
  expect(page).toContain(
    `${Math.round((10 / 12) * 100)}% : 10 of 12 people who held a seat at the 2 sessions held came (2 no-shows`,
  );
});

test('quota fill shows targets, invited and attended, and whether each was met', async () => {
  const page = text((await (await signedIn(ctx, analyst)).get(url())).text);
  expect(page).toContain('Language: Spanish at least 3 6 5 Yes');
  expect(page).toContain('Council District 4 at least 2 8 6 Yes');
  expect(page).toContain('Language: Korean at least 2 0 0 No');
});

test('accommodations by kind hide a small count; incentives and coded notes are totalled', async () => {
  const res = await (await signedIn(ctx, analyst)).get(url());
  const page = text(res.text);
  expect(page).toContain('Interpreter 5');
  expect(page).toContain('Wheelchair access fewer than 5');
  expect(page).toContain('11 owed ($550), 3 issued ($150), 8 still to give');
  expect(page).toContain('Bulky Items Intake (reporting the problem) Pain point 2 1');
  expect(page).toContain('Bulky Items Intake (reporting the problem) Praise 1 0');
  expect(page).toContain('311 in general Communication (hearing back) Suggestion 1 1');
  expect(page).toContain('I waited forty minutes on the phone.');
  expect(page).toMatch(/P2, .* · Bulky Items/);
  // Pseudonyms only: no one's name or email anywhere on the page.
  expect(res.text).not.toMatch(/Person\d|Family\d|@example\.com/);
  expect(res.text).toContain(`/staff/results/export/registrations.csv?study=${studyId}`);
});

test('who may see the report: analysts, organizers, admins; not facilitators', async () => {
  for (const role of ['organizer', 'admin'] as const) {
    const agent = await signedIn(ctx, await createStaff(ctx, role));
    expect((await agent.get(url())).status).toBe(200);
  }
  const fac = await signedIn(ctx, await createStaff(ctx, 'facilitator'));
  expect((await fac.get(url())).status).toBe(403);
  const analystPage = await (await signedIn(ctx, analyst)).get(url());
  expect(analystPage.text).not.toContain('/report-back');
  expect((await (await signedIn(ctx, analyst)).get('/staff/results/studies/99999')).status).toBe(
    404,
  );
});
