import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { insertInvitations } from '../../src/studies/invitations/invitations.queries';
import { addPerson } from '../support/db';
import { createStudy, studyForm } from '../support/studies';

type Agent = Awaited<ReturnType<typeof signedIn>>;
type Query = Record<string, string | string[]>;

let ctx: TestContext;
let organizer: Agent;
let studyId: number;
const url = () => `/staff/studies/${studyId}/sample`;

beforeAll(async () => {
  ctx = await buildTestApp();
  const who = await createStaff(ctx, 'organizer');
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  // 30 active people in districts 1–3, only 2 in district 4, and people who may not be drawn.
  for (let i = 0; i < 30; i++)
    await addPerson(ctx.db, {
      first_name: `Active${i}`,
      council_district: 1 + (i % 3),
      language: i % 2 ? 'es' : 'en',
      myla311_use: 'few',
    });
  for (const name of ['Four1', 'Four2'])
    await addPerson(ctx.db, { first_name: name, council_district: 4 });
  await addPerson(ctx.db, { first_name: 'Gone', council_district: 4, status: 'withdrawn' });
  await addPerson(ctx.db, { first_name: 'Resting', council_district: 4, status: 'paused' });
  await addPerson(ctx.db, { first_name: 'Waiting', council_district: 4, status: 'pending' });
  // Invited to another study last week: inside the 90-day cool-down.
  const recent = await addPerson(ctx.db, { first_name: 'Recent', council_district: 4 });
  const other = await createStudy(organizer, studyForm({ organizer: who.id }));
  await insertInvitations(ctx.db, [
    {
      study_id: other,
      participant_id: recent,
      draw_id: null,
      channel: 'email',
      invited_at: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    },
  ]);
});
afterAll(() => ctx.close());

const draw = (query: Query, agent: Agent = organizer) =>
  agent.get(url()).query({ draw: '1', size: '10', coolDownDays: '90', seed: 'abc', ...query });

/** The drawn people's names, in draw order. */
const drawn = (html: string) =>
  [...html.matchAll(/href="\/staff\/participants\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

/** The fill table's row for a quota: its cells as text. */
function fillRow(html: string, quota: string): string[] {
  const row = new RegExp(
    `<tr>\\s*<th scope="row" data-label="Quota">${quota}</th>([\\s\\S]*?)</tr>`,
  ).exec(html)?.[1];
  if (!row) throw new Error(`no fill row for ${quota}`);
  return [...row.matchAll(/<td data-label="[^"]+">([^<]*)<\/td>/g)].map((m) => m[1]);
}

describe('the sample builder', () => {
  test('the empty form: the study target as size, 90 days, a fresh seed; nothing drawn', async () => {
    const res = await organizer.get(url());
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Draw a sample</h1>');
    expect(res.text).toContain('Preview — no one has been contacted');
    expect(res.text).toMatch(/id="size" name="size" type="text" value="24"/);
    expect(res.text).toMatch(/id="coolDownDays" name="coolDownDays" type="text" value="90"/);
    expect(res.text).toMatch(/id="seed" name="seed" type="text" value="\d{6}"/);
    expect(res.text).not.toContain('id="preview-heading"');
    // The study page links to it.
    expect((await organizer.get(`/staff/studies/${studyId}`)).text).toContain(
      `href="/staff/studies/${studyId}/sample">Draw a sample</a>`,
    );
  });

  test('a draw with a district minimum meets it; active people only, over-recruited by 20%', async () => {
    const res = await draw({
      quota1Dimension: 'councilDistrict',
      quota1Value: '1',
      quota1Min: '5',
    });
    expect(res.status).toBe(200);
    // 32 active people; withdrawn, paused, pending and recently invited left out.
    expect(res.text).toContain('The filter leaves <strong>32</strong> people');
    expect(res.text).toContain(
      '<strong>12</strong> will be invited: it over-recruits by 20% because there is no attendance history yet',
    );
    // Sample bound 5, scaled to 12 invitations: 6.
    expect(fillRow(res.text, 'Council District 1')).toEqual([
      'at least 5',
      'at least 6',
      '10',
      expect.stringMatching(/^([6-9]|10)$/),
      '✓ Met',
    ]);
    const names = drawn(res.text);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
    for (const excluded of ['Gone', 'Resting', 'Waiting', 'Recent'])
      expect(names).not.toContain(excluded);
    expect(res.text).toContain('Every quota is met');
  });

  test('an impossible quota names the shortfall with the exact number', async () => {
    const res = await draw({
      quota1Dimension: 'councilDistrict',
      quota1Value: '4',
      quota1Min: '5',
    });
    expect(res.status).toBe(200);
    // At least 5 of 10 → 6 of the 12 invited; only the 2 active people of district 4 are eligible.
    expect(res.text).toContain(
      'At least 6 in Council District 4: 4 people short — only 2 eligible',
    );
    expect(fillRow(res.text, 'Council District 4')).toEqual([
      'at least 5',
      'at least 6',
      '2',
      '2',
      '✗ Not met',
    ]);
  });

  test('the same seed gives the same people in the same order; another seed, another sample', async () => {
    const quota = { quota1Dimension: 'language', quota1Value: 'es', quota1MinPct: '50' };
    const first = drawn((await draw({ ...quota, seed: 'seed-1' })).text);
    const again = drawn((await draw({ ...quota, seed: 'seed-1' })).text);
    const other = drawn((await draw({ ...quota, seed: 'seed-2' })).text);
    expect(first).toHaveLength(12);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  test('the pool filter narrows the candidates (the Pool page’s own fields)', async () => {
    const res = await draw({ councilDistrict: ['2'], language: 'es' });
    expect(res.text).toContain('The filter leaves <strong>5</strong> people');
    expect(res.text).toContain('12 to invite, but only 5 could be drawn: 7 people short');
  });

  test('bad input: 400 with the summary, what was typed kept', async () => {
    const res = await draw({
      size: '0',
      quota1Dimension: 'councilDistrict',
      quota1Value: '1',
      quota1Min: '5',
      quota1Max: '2',
      quota2Dimension: 'shoeSize',
      quota2Min: '1',
    });
    expect(res.status).toBe(400);
    const summary = /<ul class="usa-list">([\s\S]*?)<\/ul>/.exec(res.text)![1];
    expect(
      [...summary.matchAll(/<a href="#(\w+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['size', 'Enter a sample size: a whole number from 1 to 500'],
      ['quota1Max', 'The maximum count of quota 1 is below its minimum'],
      ['quota2Dimension', 'Choose what quota 2 is on'],
      ['quota2Value', 'Choose a value for quota 2'],
    ]);
    expect(res.text).toMatch(/id="size" name="size" type="text" value="0"/);
    expect(res.text).toMatch(/id="quota1Max" name="quota1Max" type="text" value="2"/);
    expect(res.text).toMatch(/id="quota2Min" name="quota2Min" type="text" value="1"/);
    expect(res.text).toMatch(/<option value="1" selected>Council District 1<\/option>/);
    expect(res.text).not.toContain('id="preview-heading"');
  });

  test('a value that is not one of the dimension’s is refused', async () => {
    const res = await draw({ quota1Dimension: 'language', quota1Value: '4', quota1Min: '1' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a language for quota 1');
  });

  test('blank quota rows are ignored', async () => {
    const res = await draw({ quota1Dimension: '', quota1Value: '', quota1Min: '', quota3Max: '' });
    expect(res.status).toBe(200);
    expect(drawn(res.text)).toHaveLength(12);
  });

  test('facilitators and analysts are refused; an unknown study is not found', async () => {
    for (const role of ['facilitator', 'analyst'] as const) {
      const agent = await signedIn(ctx, await createStaff(ctx, role));
      expect((await agent.get(url())).status).toBe(403);
      expect((await draw({}, agent)).status).toBe(403);
    }
    expect((await organizer.get('/staff/studies/99999/sample')).status).toBe(404);
    expect((await organizer.get('/staff/studies/99999/sample?draw=1&size=0')).status).toBe(404);
  });
});
