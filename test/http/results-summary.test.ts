import { parse } from 'csv-parse/sync';
import { ValidationError } from '../../src/errors';
import type { ExportDeps, ExportRequest } from '../../src/results/exports/export-type';
import { exportTypes } from '../../src/results/exports/registry';
import { SUPPRESSED } from '../../src/results/exports/codes';
import { resolveFilter, type ResultsFilter } from '../../src/results/filters';
import { loadReference } from '../../src/reference/reference.queries';
import type { CsvProfile } from '../../src/web/csv';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { seedResults, type Person } from '../support/results';
import { csvText, download, header, records } from '../support/exports';

/*
 * The `summary` export: opened as the download route and the command line do, written as CSV,
 * parsed back, and checked against figures this test computes from the responses it stored.
 */

let ctx: TestContext;
let deps: ExportDeps;
let surveyId: number;
let people: Person[];

beforeAll(async () => {
  ctx = await buildTestApp();
  const seeded = await seedResults(ctx.db);
  surveyId = seeded.survey.surveyId;
  people = seeded.people;
  deps = {
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  };
});
afterAll(() => ctx.close());

async function summary(
  filter: ResultsFilter = {},
  more: Partial<ExportRequest> = {},
  profile: CsvProfile = 'analysis',
) {
  const type = exportTypes(deps).get('summary')!;
  const req: ExportRequest = {
    survey: surveyId,
    filter,
    resolved: resolveFilter(filter, deps.cityTimeZone),
    labels: null,
    profile,
    actor: { staffId: null, role: 'analyst', via: 'cli' },
    ...more,
  };
  const table = await type.open(req);
  const text = await csvText(table, profile);
  return {
    filename: table.filename,
    text,
    rows: parse(text, { columns: true, bom: true }) as Record<string, string>[],
  };
}

const pct = (count: number, n: number) => String(Number(((count / n) * 100).toFixed(2)));
const answersOf = (ps: Person[], code: string, item = '') =>
  ps.flatMap((p) => p.answers.filter((a) => a.code === code && (a.item ?? '') === item));

test('is registered for analysts and organizers, scoped to a survey', () => {
  const type = exportTypes(deps).get('summary')!;
  expect(type.scope).toBe('survey');
  expect(type.roles).toEqual(['analyst', 'organizer']);
  expect(type.personal).toBeFalsy();
});

test('counts, percentages, means, top-2-box and NPS match the stored answers', async () => {
  const { rows, filename } = await summary();
  expect(filename).toBe(`survey-${surveyId}-summary.csv`);
  const row = (question: string, option = '', statement = '') =>
    rows.find((r) => r.question === question && r.option === option && r.statement === statement)!;

  const use = answersOf(people, 'use').filter((a) => a.state === 'answered');
  const often = use.filter((a) => a.value === 'often').length;
  expect(row('use')).toMatchObject({ n: String(use.length), skipped: String(40 - use.length) });
  expect(row('use', 'often')).toMatchObject({
    count: String(often),
    percent: pct(often, use.length),
    label: 'Often',
  });

  const ease = answersOf(people, 'ease')
    .filter((a) => a.state === 'answered')
    .map((a) => Number(a.value));
  expect(Number(row('ease').mean)).toBeCloseTo(ease.reduce((s, v) => s + v, 0) / ease.length, 4);
  expect(row('ease').top2box_percent).toBe(pct(ease.filter((v) => v >= 4).length, ease.length));

  const s1 = answersOf(people, 'grid', 's1').map((a) => Number(a.value));
  expect(row('grid', '5', 's1').count).toBe(String(s1.filter((v) => v === 5).length));

  const nps = answersOf(people, 'nps').map((a) => Number(a.value));
  const score = Math.round(
    ((nps.filter((v) => v >= 9).length - nps.filter((v) => v <= 6).length) / nps.length) * 100,
  );
  expect(row('nps').nps).toBe(String(score));

  const multi = people.filter((p) =>
    p.answers.some((a) => a.code === 'channels' && a.state === 'answered'),
  );
  const app = answersOf(people, 'channels', 'app').filter((a) => a.state === 'answered').length;
  expect(row('channels', 'app')).toMatchObject({
    n: String(multi.length),
    count: String(app),
    percent: pct(app, multi.length),
  });
  expect(row('channels').prefer_not).toBe(String(people.filter((p) => p.i % 5 === 0).length));
});

test('the filters apply; a leaky filter is refused', async () => {
  const es = people.filter((p) => p.language === 'es');
  const { rows } = await summary({ language: 'es' });
  const use = answersOf(es, 'use').filter((a) => a.state === 'answered');
  expect(rows.find((r) => r.question === 'use' && r.option === '')!.n).toBe(String(use.length));
  await expect(summary({ channel: 'web' })).rejects.toBeInstanceOf(ValidationError);
});

test('under a breakdown, small counts are written <5 and none can be got back', async () => {
  const { rows } = await summary({}, { breakdown: 'district' });
  const d9 = rows.filter((r) => r.question === 'use' && r.district === '9');
  expect(d9.length).toBeGreaterThan(0);
  expect(d9.every((r) => r.n === SUPPRESSED)).toBe(true);
  expect(d9.filter((r) => r.option).every((r) => r.count === SUPPRESSED)).toBe(true);
  // No count of 1–4 is written anywhere.
  for (const r of rows) expect(['1', '2', '3', '4']).not.toContain(r.count);
  // The n of the groups: if one is hidden, another is too (the total would give it back).
  const ns = rows.filter((r) => r.question === 'use' && r.option === '' && r.district !== 'all');
  expect(ns.filter((r) => r.n === SUPPRESSED).length).not.toBe(1);
});

test('the Excel profile writes a BOM and CRLF and parses back the same', async () => {
  const excel = await summary({}, {}, 'excel');
  const analysis = await summary();
  expect(excel.text.charCodeAt(0)).toBe(0xfeff);
  expect(excel.text).toContain('\r\n');
  expect(excel.rows).toEqual(analysis.rows);
});

test('the download route passes the breakdown on: a group column, <5 cells, an all block', async () => {
  const analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const { res, bytes } = await download(
    analyst,
    `/staff/results/export/summary.csv?survey=${surveyId}&breakdown=language&profile=analysis`,
  );
  expect(res.status).toBe(200);
  expect(header(bytes)).toContain('language');
  const rows = records(bytes);
  expect(new Set(rows.map((r) => r.language))).toEqual(new Set(['en', 'es', 'all']));
  // Spanish: people 0, 4, 8 … 36, ten of them.
  const es = people.filter((p) => p.language === 'es');
  const esUse = answersOf(es, 'use').filter((a) => a.state === 'answered');
  expect(rows.find((r) => r.question === 'use' && r.option === '' && r.language === 'es')!.n).toBe(
    String(esUse.length),
  );
  // One Spanish speaker (person 8) ticked "other": written <5; no count of 1–4 anywhere.
  const esOther = rows.find(
    (r) => r.question === 'channels' && r.option === 'other' && r.language === 'es',
  )!;
  expect(esOther.count).toBe(SUPPRESSED);
  for (const r of rows) expect(['1', '2', '3', '4']).not.toContain(r.count);
  const all = rows.find((r) => r.question === 'use' && r.option === '' && r.language === 'all')!;
  const use = answersOf(people, 'use').filter((a) => a.state === 'answered');
  expect(all.n).toBe(String(use.length));
  // Without a breakdown there is no group column; a wrong one is refused with a clear message.
  const plain = await download(analyst, `/staff/results/export/summary.csv?survey=${surveyId}`);
  expect(header(plain.bytes)).not.toContain('language');
  const bad = await analyst.get(
    `/staff/results/export/summary.csv?survey=${surveyId}&breakdown=postcode&from=2027-06-01`,
  );
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('<a href="#breakdown">Choose a breakdown from the list</a>');
  expect(bad.text).toContain('value="2027-06-01"'); // what was typed is kept
});

test("the results page's summary link carries its breakdown and filter", async () => {
  const analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const page = await analyst.get(
    `/staff/results/surveys/${surveyId}?breakdown=language&district=1`,
  );
  expect(page.status).toBe(200);
  const href = /href="(\/staff\/results\/export\/summary\.csv[^"]*)"/.exec(page.text)![1];
  const url = new URL(href.replace(/&amp;/g, '&'), 'http://x.test');
  expect(url.searchParams.get('breakdown')).toBe('language');
  expect(url.searchParams.get('district')).toBe('1');
  const { res, bytes } = await download(analyst, url.pathname + url.search);
  expect(res.status).toBe(200);
  expect(header(bytes)).toContain('language');
});
