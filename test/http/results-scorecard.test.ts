import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { loadReference } from '../../src/reference/reference.queries';
import { exportTypes } from '../../src/results/exports/registry';
import type { ExportRequest } from '../../src/results/exports/export-type';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { insertNote, insertSession, insertStudy, tableRows } from '../support/results-people';
import { insertResponse } from '../support/survey-responses';
import { createSurvey } from '../support/surveys';
import { csvText } from '../support/exports';

let ctx: TestContext;
let analyst: ReturnType<typeof request.agent>;

const both = (en: string) => ({ en, es: en });
const agreement = (code: string, tags: Record<string, string | null>) => ({
  code,
  type: 'agreement' as const,
  label: both(`Statement ${code}`),
  ...tags,
});

/*
 * "ease" (311 in general, intake): 2025-Q4 answers 5 5 4 4 1 (80 %), 2026-Q1 4 4 2 3 5 (60 %):
 * 7 of 10 agree, 70 %. "quick" (efficiency, same service and stage): 6 in 2025-Q4 (4 agree) and 3
 * in 2026-Q1 (2 agree): 6 of 9; the quarter of 3 is hidden, and so is the other one. "sat"
 * (Bulky Items, fulfillment): 3 answers, fewer than 5. An answer at 2026-01-01T07:30Z is
 * still 2025 in the city (23:30 on 31 December).
 */
const EASE: [string, string][] = [
  ['2025-11-15T20:00:00.000Z', '5'],
  ['2025-11-15T21:00:00.000Z', '5'],
  ['2025-12-10T20:00:00.000Z', '4'],
  ['2025-12-10T21:00:00.000Z', '4'],
  ['2026-01-01T07:30:00.000Z', '1'],
  ['2026-01-01T08:30:00.000Z', '4'],
  ['2026-02-10T20:00:00.000Z', '4'],
  ['2026-02-10T21:00:00.000Z', '2'],
  ['2026-02-11T20:00:00.000Z', '3'],
  ['2026-03-31T20:00:00.000Z', '5'],
];
const QUICK: [string, string][] = [
  ...['4', '4', '4', '4', '2', '2'].map((v, i): [string, string] => [
    `2025-12-0${i + 1}T20:00:00.000Z`,
    v,
  ]),
  ...['5', '5', '1'].map((v, i): [string, string] => [`2026-02-0${i + 1}T20:00:00.000Z`, v]),
];
const SAT: [string, string][] = [
  ['2026-02-01T20:00:00.000Z', '5'],
  ['2026-02-02T20:00:00.000Z', '4'],
  ['2026-02-03T20:00:00.000Z', '2'],
];

beforeAll(async () => {
  ctx = await buildTestApp();
  analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const { surveyId, versionId } = await createSurvey(ctx.db, {
    title: 'Scorecard test',
    kind: 'general',
    languages: ['en', 'es'],
    status: 'open',
    texts: { title: both('T'), introduction: both('I'), thankYou: both('Thanks') },
    pages: [
      {
        questions: [
          agreement('ease', { driver: 'ease', service: 'general', stage: 'intake' }),
          agreement('quick', { driver: 'efficiency', service: 'general', stage: 'intake' }),
          agreement('sat', {
            driver: 'satisfaction',
            service: 'Bulky Items',
            stage: 'fulfillment',
          }),
          agreement('untagged', {}),
        ],
      },
    ],
  });
  const answer = (code: string, at: string, value: string, status?: 'in_progress') =>
    insertResponse(ctx.db, {
      surveyId,
      versionId,
      at,
      status,
      answers: [
        { code, state: 'answered', value, number: Number(value) },
        { code: 'untagged', state: 'answered', value: '5', number: 5 },
      ],
    });
  for (const [at, v] of EASE) await answer('ease', at, v);
  for (const [at, v] of QUICK) await answer('quick', at, v);
  for (const [at, v] of SAT) await answer('sat', at, v);
  // Not counted: a response still in progress, and an answer skipped.
  await answer('ease', '2026-02-12T20:00:00.000Z', '5', 'in_progress');
  await insertResponse(ctx.db, {
    surveyId,
    versionId,
    at: '2026-02-12T20:00:00.000Z',
    answers: [{ code: 'ease', state: 'skipped' }],
  });

  // Notes: a 2026-Q1 session (311 in general, intake: 2 pain points, 1 praise, 1 suggestion, one
  // without a sentiment) and a 2025-Q4 one (Bulky Items, fulfillment: 1 pain point).
  const study = await insertStudy(ctx.db);
  const winter = await insertSession(ctx.db, study, '2026-02-15T18:00:00.000Z');
  const autumn = await insertSession(ctx.db, study, '2025-10-20T18:00:00.000Z');
  const general = { service: 'general', stage: 'intake' as const };
  for (const sentiment of ['pain_point', 'pain_point', 'praise', 'suggestion', null] as const) {
    await insertNote(ctx.db, winter, { ...general, sentiment });
  }
  await insertNote(ctx.db, autumn, {
    service: 'Bulky Items',
    stage: 'fulfillment',
    sentiment: 'pain_point',
  });
});
afterAll(() => ctx.close());

const agreeing = (answers: [string, string][]) =>
  answers.filter(([, v]) => v === '4' || v === '5').length;
const score = (answers: [string, string][]) =>
  `${Math.round((100 * agreeing(answers)) / answers.length)} % (n = ${answers.length})`;
const NONE = 'no answers';
// Columns: stage or quarter; satisfaction, confidence, effectiveness, ease, efficiency, equity,
// employee; then praise, pain point and suggestion notes.
const EASE_COL = 4;
const EFFICIENCY_COL = 5;

test('driver scores and notes by service and stage, with the trend by city-time quarter', async () => {
  const res = await analyst.get('/staff/results/scorecard').expect(200);
  expect(res.text).toContain('<h2 id="service-0">311 in general</h2>');
  const general = tableRows(res.text, 'service-0-stages');
  expect(general).toEqual([
    ['Intake', NONE, NONE, NONE, score(EASE), score(QUICK), NONE, NONE, '1', '2', '1'],
  ]);
  expect(score(EASE)).toBe('70 % (n = 10)');

  const trend = tableRows(res.text, 'service-0-trend-0');
  expect(trend.map((r) => r[0])).toEqual(['2025-Q4', '2026-Q1']);
  expect(trend[0][EASE_COL]).toBe(score(EASE.slice(0, 5)));
  expect(trend[1][EASE_COL]).toBe(score(EASE.slice(5)));
  // 3 answers in 2026-Q1: hidden, and 2025-Q4 with it (9 − 6 would give the 3 back).
  expect(trend.map((r) => r[EFFICIENCY_COL])).toEqual(['fewer than 5', 'fewer than 5']);
  expect(trend.map((r) => r.slice(8))).toEqual([
    ['0', '0', '0'],
    ['1', '2', '1'],
  ]);

  expect(res.text).toContain('<h2 id="service-1">Bulky item pickup</h2>');
  const bulky = tableRows(res.text, 'service-1-stages');
  expect(bulky).toEqual([
    ['Fulfillment', 'fewer than 5', NONE, NONE, NONE, NONE, NONE, NONE, '0', '1', '0'],
  ]);
});

test('a date range’s days are the city’s: the 07:30 UTC answer of 1 January is 31 December', async () => {
  // Every day of this fixture has 1–4 answers of a score, so each date next to one is refused
  // (test/http/results-scorecard-dates.test.ts has accepted ranges); the day it names is a city day.
  const res = await analyst.get('/staff/results/scorecard?from=2026-01-01').expect(400);
  expect(res.text).toContain(
    '<a href="#from">From 1 January 2026: the nearest day before it with answers to a score (Ease, 311 in general, Intake), 31 December 2025, has fewer than 5 of them',
  );
  expect(res.text).not.toContain('id="service-0"');
});

test.each([
  ['from=2026-13-45', 'from', 'Enter a real date'],
  ['from=2026-02-01&to=2026-01-01', 'to', 'The end date must be on or after the start date'],
  // Next to the 2 answers of 15 November: two ranges could give them back by subtraction.
  [
    'from=2025-11-16',
    'from',
    'From 16 November 2025: the nearest day before it with answers to a score (Ease, 311 in general, Intake), 15 November 2025, has fewer than 5 of them',
  ],
  // The end date’s own day can be the nearest: 6 December has 1 answer of "quick".
  ['to=2025-12-06', 'to', 'To 6 December 2025: the nearest day on or before it'],
])('refuses %s with a message', async (query, field, message) => {
  const res = await analyst.get(`/staff/results/scorecard?${query}`).expect(400);
  expect(res.text).toContain(`<a href="#${field}">${message}`);
  expect(res.text).not.toContain('id="service-0"');
});

test('the scorecard export has the page’s rows, `<5` where the page hides a score', async () => {
  const deps = {
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  };
  const type = exportTypes(deps).get('scorecard')!;
  expect(type).toMatchObject({ scope: 'panel', roles: ['analyst', 'organizer'] });
  const req: ExportRequest = {
    filter: {},
    resolved: {},
    labels: null,
    profile: 'analysis',
    actor: { staffId: null, role: 'analyst', via: 'cli' },
  };
  const table = await type.open(req);
  const text = await csvText(table);
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  const at = (service: string, period: string) =>
    rows.find((r) => r.service === service && r.period === period)!;
  // 2 services × (all + 2 quarters)
  expect(rows).toHaveLength(6);
  expect(at('general', 'all')).toMatchObject({
    service_label: '311 in general',
    stage: 'intake',
    ease_agree_percent: ((100 * 7) / 10).toFixed(1),
    ease_n: '10',
    efficiency_agree_percent: ((100 * 6) / 9).toFixed(1),
    efficiency_n: '9',
    satisfaction_agree_percent: '',
    satisfaction_n: '0',
    praise_notes: '1',
    pain_point_notes: '2',
    suggestion_notes: '1',
  });
  expect(at('general', '2025-Q4')).toMatchObject({
    ease_agree_percent: '80.0',
    efficiency_n: '<5',
  });
  expect(at('Bulky Items', 'all')).toMatchObject({
    stage: 'fulfillment',
    satisfaction_agree_percent: '<5',
    satisfaction_n: '<5',
    pain_point_notes: '1',
  });
});
