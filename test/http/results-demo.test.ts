import { parse } from 'csv-parse/sync';
import { prepareDatabase } from '../../src/bootstrap';
import { testConfig } from '../../src/config';
import { openDatabase, type DB } from '../../src/db/database';
import { seedDemo } from '../../src/demo/demo';
import { loadReference } from '../../src/reference/reference.queries';
import type { ExportRequest } from '../../src/results/exports/export-type';
import { exportTypes } from '../../src/results/exports/registry';
import { FakeClock } from '../../src/clock';
import { csvText } from '../support/exports';

/*
 * The `summary` export of the demo's surveys, parsed back, against figures this test computes
 * from the raw answer rows (every count, the NPS and the means of the scales).
 */

jest.setTimeout(120_000);
let db: DB;

beforeAll(async () => {
  db = openDatabase(':memory:').db;
  const config = testConfig();
  await prepareDatabase(db, config);
  await seedDemo(db, {
    count: 400,
    seed: 311,
    baseUrl: 'http://localhost:3000',
    now: new Date('2026-11-26T12:00:00Z'),
  });
});
afterAll(() => db.destroy());

async function summaryOf(surveyId: number, breakdown?: string) {
  const config = testConfig();
  const type = exportTypes({
    db,
    ref: await loadReference(db),
    clock: new FakeClock(new Date('2026-11-26T12:00:00Z')),
    cityTimeZone: config.cityTimeZone,
    names: config.cityNames,
  }).get('summary')!;
  const req: ExportRequest = {
    survey: surveyId,
    filter: {},
    resolved: {},
    labels: null,
    profile: 'analysis',
    actor: { staffId: null, role: 'analyst', via: 'cli' },
  };
  const table = await type.open({ ...req, ...(breakdown ? { breakdown } : {}) } as ExportRequest);
  return parse(await csvText(table), { columns: true }) as Record<string, string>[];
}

test('every demo survey: counts, percentages, NPS and means match the raw answers', async () => {
  const surveys = await db.selectFrom('surveys').select('id').execute();
  let checked = 0;
  for (const { id } of surveys) {
    const raw = await db
      .selectFrom('survey_answers as a')
      .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
      .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
      .select(['q.code', 'q.type', 'a.item', 'a.state', 'a.value', 'a.response_id'])
      .where('r.survey_id', '=', id)
      .where('r.status', '=', 'submitted')
      .execute();
    const rows = await summaryOf(id);
    const codes = [...new Set(raw.map((a) => a.code))];
    for (const code of codes) {
      const mine = raw.filter((a) => a.code === code);
      const type = mine[0].type;
      if (!['single_choice', 'agreement', 'nps', 'rating', 'multi_choice', 'yes_no'].includes(type))
        continue;
      const answered = mine.filter((a) => a.state === 'answered' || a.state === 'not_selected');
      const n = new Set(answered.map((a) => a.response_id)).size;
      const head = rows.find((r) => r.question === code && r.option === '' && r.statement === '')!;
      expect([code, head.n]).toEqual([code, String(n)]);
      const counted = (option: string) =>
        type === 'multi_choice'
          ? mine.filter((a) => a.item === option && a.state === 'answered').length
          : mine.filter((a) => a.state === 'answered' && a.value === option).length;
      for (const r of rows.filter((x) => x.question === code && x.option !== '')) {
        const count = counted(r.option);
        expect([code, r.option, r.count]).toEqual([code, r.option, String(count)]);
        if (n > 0) expect(Number(r.percent)).toBeCloseTo((count / n) * 100, 2);
      }
      const values = mine.filter((a) => a.state === 'answered').map((a) => Number(a.value));
      if (type === 'agreement' && n > 0)
        expect(Number(head.mean)).toBeCloseTo(values.reduce((s, v) => s + v, 0) / n, 3);
      if (type === 'nps' && n > 0) {
        const score =
          ((values.filter((v) => v >= 9).length - values.filter((v) => v <= 6).length) / n) * 100;
        expect(head.nps).toBe(String(Math.round(score)));
      }
      checked++;
    }
  }
  // The demo's surveys have questions of these types with answers.
  expect(checked).toBeGreaterThan(5);
});

test('by council district, no demo count of 1 to 4 is written', async () => {
  const surveys = await db.selectFrom('surveys').select('id').execute();
  for (const { id } of surveys) {
    const rows = await summaryOf(id, 'district');
    for (const r of rows) expect(['1', '2', '3', '4']).not.toContain(r.count);
    for (const r of rows) expect(['1', '2', '3', '4']).not.toContain(r.n);
  }
});
