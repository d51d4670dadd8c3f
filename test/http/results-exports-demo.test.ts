import { prepareDatabase } from '../../src/bootstrap';
import { FakeClock } from '../../src/clock';
import { testConfig } from '../../src/config';
import { openDatabase, type DB } from '../../src/db/database';
import { seedDemo } from '../../src/demo/demo';
import { loadReference } from '../../src/reference/reference.queries';
import { ExportRunner } from '../../src/results/exports/export-runner';
import { exportTypes } from '../../src/results/exports/registry';
import { csvText, records } from '../support/exports';

/**
 * The demo's surveys exported wide and checked against what the database says, computed here
 * with queries of the test's own: counts, every multi-select cell, means and NPS.
 */
jest.setTimeout(120_000);

let db: DB;
let runner: ExportRunner;
const ADMIN = { staffId: null, role: 'admin' as const, via: 'cli' as const };

beforeAll(async () => {
  ({ db } = openDatabase(':memory:'));
  const config = testConfig();
  await prepareDatabase(db, config);
  await seedDemo(db, {
    count: 400,
    seed: 311,
    baseUrl: 'http://localhost:3000',
    now: new Date('2026-11-26T12:00:00Z'),
  });
  const deps = {
    db,
    ref: await loadReference(db),
    clock: new FakeClock(new Date('2026-11-27T12:00:00Z')),
    cityTimeZone: config.cityTimeZone,
    names: config.cityNames,
  };
  runner = new ExportRunner(deps, exportTypes(deps));
});
afterAll(() => db.destroy());

async function wideOf(survey: number, filter: Record<string, string> = {}) {
  const kind = runner.kind('responses-wide', ADMIN);
  const read = runner.read(kind, { survey: String(survey), profile: 'analysis', ...filter });
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return records(await csvText(await runner.table(read.data, ADMIN)));
}

const surveyId = async (title: string) =>
  (await db.selectFrom('surveys').select('id').where('title', '=', title).executeTakeFirstOrThrow())
    .id;

/** Every stored answer row of a survey's submitted responses to one question code, by response. */
async function storedAnswers(survey: number, code: string) {
  const rows = await db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select(['r.id as response', 'a.item', 'a.state', 'a.value', 'a.number'])
    .where('r.survey_id', '=', survey)
    .where('r.status', '=', 'submitted')
    .where('q.code', '=', code)
    .execute();
  const by = new Map<number, typeof rows>();
  for (const r of rows) by.set(r.response, [...(by.get(r.response) ?? []), r]);
  return by;
}

async function submittedIds(survey: number, language?: string) {
  let q = db
    .selectFrom('survey_responses')
    .select('id')
    .where('survey_id', '=', survey)
    .where('status', '=', 'submitted');
  if (language) q = q.where('language', '=', language);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

test('the screener: one row per submitted response, every multi-select cell as stored', async () => {
  const id = await surveyId('MyLA311 usage screener');
  const rows = await wideOf(id);
  const ids = await submittedIds(id);
  expect(rows).toHaveLength(ids.length);
  expect(ids.length).toBeGreaterThan(100);
  const options = (
    await db
      .selectFrom('survey_options as o')
      .innerJoin('survey_questions as q', 'q.id', 'o.question_id')
      .innerJoin('survey_versions as v', 'v.id', 'q.version_id')
      .select('o.code')
      .where('v.survey_id', '=', id)
      .where('q.code', '=', 'channels')
      .orderBy('o.position')
      .execute()
  ).map((o) => o.code);
  const stored = await storedAnswers(id, 'channels');
  const expected = (response: number, option: string): string => {
    const answers = stored.get(response) ?? [];
    const whole = answers.find((a) => a.item === '');
    if (whole)
      return { not_shown: '', skipped: '-99', prefer_not: '-98' }[whole.state as string] ?? '?';
    const one = answers.find((a) => a.item === option);
    return one ? (one.state === 'answered' ? '1' : '0') : '';
  };
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    for (const o of options) {
      expect({ i, o, cell: row[`channels__${o}`] }).toEqual({ i, o, cell: expected(ids[i], o) });
      seen.add(row[`channels__${o}`]);
    }
  });
  // Not shown (blank) and shown-but-not-selected (0) both occur, and are told apart.
  expect([...seen]).toEqual(expect.arrayContaining(['', '0', '1']));
  // Counts per option, as a results page would show them.
  for (const o of options) {
    const count = rows.filter((r) => r[`channels__${o}`] === '1').length;
    const sql = [...stored.values()].filter((a) =>
      a.some((x) => x.item === o && x.state === 'answered'),
    ).length;
    expect({ o, count }).toEqual({ o, count: sql });
  }
});

test('the A-11 survey: means of the agreement questions, filtered by language', async () => {
  const id = await surveyId('Bulky Item pickup: customer experience (A-11)');
  const rows = await wideOf(id, { language: 'es' });
  expect(rows).toHaveLength((await submittedIds(id, 'es')).length);
  expect(rows.every((r) => r.language === 'es')).toBe(true);
  const stats = await db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .innerJoin('survey_questions as q', 'q.id', 'a.question_id')
    .select((eb) => [eb.fn.avg<number>('a.number').as('mean'), eb.fn.countAll<number>().as('n')])
    .where('r.survey_id', '=', id)
    .where('r.status', '=', 'submitted')
    .where('r.language', '=', 'es')
    .where('q.code', '=', 'ease')
    .where('a.state', '=', 'answered')
    .executeTakeFirstOrThrow();
  const answered = rows.map((r) => Number(r.ease)).filter((v) => v >= 1 && v <= 5);
  expect(answered).toHaveLength(Number(stats.n));
  const mean = answered.reduce((a, b) => a + b, 0) / answered.length;
  expect(mean).toBeCloseTo(Number(stats.mean), 10);
});

test('the post-session survey: NPS from the wide file equals NPS from the stored answers', async () => {
  const id = await surveyId('Graffiti removal: after the session');
  const rows = await wideOf(id);
  const scores = rows
    .map((r) => r.recommend)
    .filter((v) => /^\d+$/.test(v))
    .map(Number);
  const stored = [...(await storedAnswers(id, 'recommend')).values()]
    .flat()
    .filter((a) => a.state === 'answered')
    .map((a) => Number(a.value));
  expect(scores.sort()).toEqual(stored.sort());
  expect(scores.length).toBeGreaterThan(5);
  const nps = (s: number[]) =>
    Math.round(
      (100 * (s.filter((x) => x >= 9).length - s.filter((x) => x <= 6).length)) / s.length,
    );
  expect(nps(scores)).toBe(nps(stored));
});
