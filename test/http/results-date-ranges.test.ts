import request from 'supertest';
import { loadReference } from '../../src/reference/reference.queries';
import type { ResultsFilter } from '../../src/results/filters';
import { SurveyResultsService } from '../../src/results/survey/results.service';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey } from '../support/surveys';

/*
 * Date ranges and differencing: two ranges that each keep 5 or more must not differ by 1–4
 * responses. Responses on four city days (Los Angeles), one of them with only 2.
 */

let ctx: TestContext;
let surveyId: number;
let service: SurveyResultsService;

/** City day (March 2026) → responses submitted that day, at 10:00–11:00 city time. */
const DAYS: Record<string, number> = { '03-02': 6, '03-05': 2, '03-09': 7, '03-12': 5 };
const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}`;

beforeAll(async () => {
  ctx = await buildTestApp();
  const survey = await createSurvey(ctx.db);
  surveyId = survey.surveyId;
  for (const [d, n] of Object.entries(DAYS))
    for (let k = 0; k < n; k++)
      await insertResponse(ctx.db, {
        ...survey,
        answers: SAMPLE_ANSWERS,
        at: `2026-${d}T18:${String(k).padStart(2, '0')}:00.000Z`,
      });
  service = new SurveyResultsService({
    db: ctx.db,
    ref: await loadReference(ctx.db),
    cityTimeZone: ctx.config.cityTimeZone,
  });
});
afterAll(() => ctx.close());

/** How many of the stored responses a range keeps, counted here from DAYS. */
const kept = (f: ResultsFilter) =>
  Object.entries(DAYS)
    .filter(([d]) => (!f.from || `2026-${d}` >= f.from) && (!f.to || `2026-${d}` <= f.to))
    .reduce((s, [, n]) => s + n, 0);

test('two overlapping ranges one day apart cannot give back the 2 responses of a day', async () => {
  // Without the rule both were accepted (6 and 8 responses, each leaving out 5 or more).
  const upTo4 = await service.leaks(surveyId, { from: day(1), to: day(4) });
  const upTo5 = await service.leaks(surveyId, { from: day(1), to: day(5) });
  expect(upTo4.to).toMatch(
    /^To: the nearest day with responses before or after this date has fewer than 5/,
  );
  expect(upTo5.to).toMatch(/fewer than 5/);
  // A day with no responses between does not help: the nearest day with some counts.
  expect((await service.leaks(surveyId, { from: day(1), to: day(3) })).to).toBeDefined();
  expect((await service.leaks(surveyId, { from: day(6), to: day(13) })).from).toBeDefined();
  // Edges between busy days are accepted.
  expect(await service.leaks(surveyId, { from: day(1), to: day(10) })).toEqual({});
  expect(await service.leaks(surveyId, { from: day(10), to: day(13) })).toEqual({});
  expect(await service.leaks(surveyId, { to: day(9) })).toEqual({});
});

test('no two accepted ranges differ by 1–4 responses', async () => {
  const days = [undefined, ...Array.from({ length: 14 }, (_, i) => day(i + 1))];
  const accepted: { f: ResultsFilter; n: number }[] = [];
  for (const from of days)
    for (const to of days) {
      if (from && to && from > to) continue;
      const f: ResultsFilter = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      if (Object.keys(await service.leaks(surveyId, f)).length === 0)
        accepted.push({ f, n: kept(f) });
    }
  // The check had something to compare: the whole survey, and ranges on both sides of 03-09/10.
  expect(accepted.length).toBeGreaterThan(10);
  const close = accepted.flatMap((a) =>
    accepted
      .filter((b) => Math.abs(a.n - b.n) >= 1 && Math.abs(a.n - b.n) <= 4)
      .map((b) => `${JSON.stringify(a.f)} ${a.n} vs ${JSON.stringify(b.f)} ${b.n}`),
  );
  expect(close).toEqual([]);
  for (const a of accepted) expect(a.n === 0 || a.n >= 5).toBe(true);
});

test('the results page refuses such a date beside its field, keeps it, and says why in the hint', async () => {
  const analyst: ReturnType<typeof request.agent> = await signedIn(
    ctx,
    await createStaff(ctx, 'analyst'),
  );
  const url = `/staff/results/surveys/${surveyId}`;
  const res = await analyst.get(`${url}?from=${day(1)}&to=${day(5)}`);
  expect(res.status).toBe(400);
  expect(res.text).toContain('<a href="#to">To: the nearest day with responses');
  expect(res.text).toMatch(/id="to"[^>]*value="2026-03-05"|value="2026-03-05"[^>]*id="to"/);
  expect(res.text).toContain(
    'Refused when the nearest day with responses on either side of it has 1–4',
  );
  const ok = await analyst.get(`${url}?from=${day(1)}&to=${day(10)}`);
  expect(ok.status).toBe(200);
  // The summary export applies the same rule.
  const csv = await analyst.get(
    `/staff/results/export/summary.csv?survey=${surveyId}&to=${day(4)}`,
  );
  expect(csv.status).toBe(400);
});
