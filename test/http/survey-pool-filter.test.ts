import {
  poolCriteria,
  parsePoolQuery,
  poolQuerySchema,
} from '../../src/participants/pool/pool.schema';
import { loadReference } from '../../src/reference/reference.queries';
import { candidatesFor } from '../../src/studies/sampling/sampling.queries';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { createStudy, studyForm } from '../support/studies';
import { insertResponse } from '../support/survey-responses';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

/*
 * Screener answers as a pool filter (issue 8, item 13): "answered <option> to question <code>
 * of survey <S>", over submitted responses of identified surveys; the sample builder's
 * candidates use the same filter code.
 */

let ctx: TestContext;
let screener: { surveyId: number; versionId: number };
const people: Record<string, number> = {};

beforeAll(async () => {
  ctx = await buildTestApp();
  screener = await createSurvey(
    ctx.db,
    sampleSurveySpec({ kind: 'screener', title: 'Screener A' }),
  );
  const anonymous = await createSurvey(
    ctx.db,
    sampleSurveySpec({ kind: 'screener', anonymous: true, title: 'Anonymous screener' }),
  );
  for (const name of ['Often', 'Never', 'Started', 'Anon', 'App', 'Paused'])
    people[name] = await addPerson(ctx.db, {
      first_name: name,
      email: `${name.toLowerCase()}@example.com`,
      status: name === 'Paused' ? 'paused' : 'active',
    });
  const use = (value: string) => [{ code: 'use', state: 'answered' as const, value }];
  await insertResponse(ctx.db, { ...screener, participantId: people.Often, answers: use('often') });
  await insertResponse(ctx.db, {
    ...screener,
    participantId: people.Paused,
    answers: use('often'),
  });
  await insertResponse(ctx.db, { ...screener, participantId: people.Never, answers: use('never') });
  // Not submitted: not an answer yet.
  await insertResponse(ctx.db, {
    ...screener,
    participantId: people.Started,
    status: 'in_progress',
    answers: use('often'),
  });
  // An anonymous survey never identifies anyone (even a row that names someone).
  await insertResponse(ctx.db, { ...anonymous, participantId: people.Anon, answers: use('often') });
  // A multi-select: the option's own row, answered.
  await insertResponse(ctx.db, {
    ...screener,
    participantId: people.App,
    answers: [
      { code: 'use', state: 'answered', value: 'never' },
      { code: 'channels', item: 'app', state: 'answered', value: '1', number: 1 },
      { code: 'channels', item: 'phone', state: 'not_selected', value: '0', number: 0 },
    ],
  });
});
afterAll(() => ctx.close());

const names = (html: string) =>
  Object.entries(people)
    .filter(([, id]) => html.includes(`href="/staff/participants/${id}"`))
    .map(([n]) => n)
    .sort();

test('the pool page lists the screener choices and filters by one', async () => {
  const organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
  const page = await organizer.get('/staff/participants');
  expect(page.text).toContain(
    `<option value="${screener.surveyId}.use.often">Screener A — Have you used 311? — Often</option>`,
  );
  expect(page.text).not.toContain('Anonymous screener —');
  const often = await organizer
    .get('/staff/participants')
    .query({ answered: `${screener.surveyId}.use.often` });
  expect(often.status).toBe(200);
  expect(names(often.text)).toEqual(['Often', 'Paused']);
  const app = await organizer
    .get('/staff/participants')
    .query({ answered: `${screener.surveyId}.channels.app` });
  expect(names(app.text)).toEqual(['App']);
  const phone = await organizer
    .get('/staff/participants')
    .query({ answered: `${screener.surveyId}.channels.phone` });
  expect(names(phone.text)).toEqual([]);
  // A malformed value is no filter at all (like every pool field).
  const junk = await organizer.get('/staff/participants').query({ answered: '1.USE.<x>' });
  expect(names(junk.text)).toEqual(Object.keys(people).sort());
});

test('the sample builder’s candidates honour it (active people only)', async () => {
  const ref = await loadReference(ctx.db);
  const filter = parsePoolQuery(poolQuerySchema(ref), {
    answered: `${screener.surveyId}.use.often`,
  });
  const candidates = await candidatesFor(ctx.db, poolCriteria(filter, ctx.config.cityTimeZone), {
    coolDownDays: 90,
    now: new Date(),
  });
  expect(candidates.map((c) => c.id)).toEqual([people.Often]);
});

test('the sample builder page offers it, and its draw keeps to it', async () => {
  const who = await createStaff(ctx, 'organizer');
  const organizer = await signedIn(ctx, who);
  const studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  const empty = await organizer.get(`/staff/studies/${studyId}/sample`);
  expect(empty.text).toContain(`<option value="${screener.surveyId}.use.often">`);
  const drawn = await organizer.get(`/staff/studies/${studyId}/sample`).query({
    draw: '1',
    size: '5',
    coolDownDays: '90',
    seed: '7',
    answered: `${screener.surveyId}.use.often`,
  });
  expect(drawn.status).toBe(200);
  expect(names(drawn.text)).toEqual(['Often']);
});

test('a quota on a screener answer: the candidates carry their answers, and the draw meets the quota', async () => {
  const ref = await loadReference(ctx.db);
  const often = `${screener.surveyId}.use.often`;
  const app = `${screener.surveyId}.channels.app`;
  const filter = parsePoolQuery(poolQuerySchema(ref), {});
  const candidates = await candidatesFor(
    ctx.db,
    poolCriteria(filter, ctx.config.cityTimeZone),
    { coolDownDays: 90, now: new Date() },
    [],
    [often, app],
  );
  const answers = Object.fromEntries(candidates.map((c) => [c.id, c.attrs.screener]));
  expect(answers[people.Often]).toEqual([often]);
  expect(answers[people.App]).toEqual([app]);
  expect(answers[people.Never]).toEqual([]);
  expect(answers[people.Started]).toEqual([]);
  expect(answers[people.Anon]).toEqual([]);

  const who = await createStaff(ctx, 'organizer');
  const organizer = await signedIn(ctx, who);
  const studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  const page = await organizer.get(`/staff/studies/${studyId}/sample`);
  expect(page.text).toContain('<option value="screener">Screener answer</option>');
  for (const seed of ['1', '2', '3']) {
    const drawn = await organizer.get(`/staff/studies/${studyId}/sample`).query({
      draw: '1',
      size: '1',
      coolDownDays: '90',
      seed,
      quota1Dimension: 'screener',
      quota1Value: often,
      quota1Min: '1',
    });
    expect(drawn.status).toBe(200);
    expect(drawn.text).toContain('Screener answer: Screener A — Have you used 311? — Often');
    expect(names(drawn.text)).toContain('Often');
  }
  // A malformed value is refused with the summary.
  const bad = await organizer.get(`/staff/studies/${studyId}/sample`).query({
    draw: '1',
    size: '1',
    coolDownDays: '90',
    seed: '1',
    quota1Dimension: 'screener',
    quota1Value: 'x.<y>',
    quota1Min: '1',
  });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('Choose a screener answer for quota 1');
});
