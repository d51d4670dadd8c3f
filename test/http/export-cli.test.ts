import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { prepareDatabase } from '../../src/bootstrap';
import { runExport } from '../../src/cli/export';
import { testConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { ROOT } from '../../src/paths';
import { records, unzipped } from '../support/exports';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey } from '../support/surveys';

/** `npm run export`: against a database file made here, spawned as a scheduled job would run it. */
let dir: string;
let file: string;
let surveyId: number;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-panel-export-'));
  file = path.join(dir, 'panel.sqlite');
  const { db } = openDatabase(file);
  await prepareDatabase(db, testConfig({ databasePath: file }));
  const survey = await createSurvey(db);
  surveyId = survey.surveyId;
  for (let i = 0; i < 3; i++) await insertResponse(db, { ...survey, answers: SAMPLE_ANSWERS });
  await db.destroy();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = () => ({ ...process.env, DATABASE_PATH: file, LOG_LEVEL: 'silent' });

function spawned(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      'npx',
      ['tsx', 'src/cli/export.ts', ...args],
      { cwd: ROOT, env: env() },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout: String(stdout), stderr }),
    ),
  );
}

/** runExport in this process, its stdout and stderr captured. */
async function inProcess(args: string[]) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  let stderr = '';
  const code = await runExport(args, env(), { out, err: { write: (s: string) => (stderr += s) } });
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr };
}

test('npm run export -- list, and a wide export to stdout', async () => {
  const list = await spawned(['list']);
  expect(list.code).toBe(0);
  expect(list.stdout).toBe(`survey ${surveyId} MyLA311 check-in\n`);
  const wide = await spawned([
    'responses-wide',
    '--survey',
    String(surveyId),
    '--profile',
    'analysis',
  ]);
  expect(wide.code).toBe(0);
  const rows = records(wide.stdout);
  expect(rows).toHaveLength(3);
  expect(rows[0]).toMatchObject({ use: 'often', channels__phone: '0', nps: '-99', barrier: '' });
  expect(wide.stderr).toBe('3 rows written.\n');
}, 60_000);

test('--out FILE, the Excel profile by default, filters and the bundle', async () => {
  const out = path.join(dir, 'wide.csv');
  const wide = await inProcess([
    'responses-wide',
    '--survey',
    String(surveyId),
    '--out',
    out,
    '--language',
    'en',
  ]);
  expect(wide).toMatchObject({ code: 0, stdout: '', stderr: `3 rows written to ${out}.\n` });
  const bytes = fs.readFileSync(out);
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
  expect(bytes.toString('utf8')).toContain('\r\n');
  const none = await inProcess(['codebook', '--survey', String(surveyId), '--language', 'ko']);
  expect(none.code).toBe(0);
  const zip = path.join(dir, 'bundle.zip');
  expect((await inProcess(['bundle', '--survey', String(surveyId), '--out', zip])).code).toBe(0);
  const entries = unzipped(fs.readFileSync(zip));
  expect(entries.names[2]).toBe('README.txt');
  expect(entries.read('README.txt').toString('utf8')).toContain('Rows in the data file: 3');
});

test('--breakdown: the summary gets a group column and an all block; a wrong one is refused', async () => {
  const split = await inProcess([
    'summary',
    '--survey',
    String(surveyId),
    '--breakdown',
    'language',
    '--profile',
    'analysis',
  ]);
  expect(split.code).toBe(0);
  const rows = records(split.stdout);
  expect(Object.keys(rows[0])).toContain('language');
  // Three English responses: their counts of 1–3 are written <5, and no count of 1–4 is left.
  const en = rows.filter((r) => r.language === 'en' && r.option);
  expect(en.some((r) => r.count === '<5')).toBe(true);
  for (const r of rows) expect(['1', '2', '3', '4']).not.toContain(r.count);
  expect(rows.some((r) => r.language === 'all')).toBe(true);
  const plain = records((await inProcess(['summary', '--survey', String(surveyId)])).stdout);
  expect(Object.keys(plain[0])).not.toContain('language');
  const wrong = await inProcess(['summary', '--survey', '1', '--breakdown', 'postcode']);
  expect(wrong).toMatchObject({ code: 2, stdout: '' });
  expect(wrong.stderr).toMatch(/--breakdown: Choose a breakdown from the list/);
  const study = await inProcess(['funnel', '--study', '1', '--breakdown', 'language']);
  expect(study.code).toBe(2);
  expect(study.stderr).toMatch(/--breakdown: A breakdown is for a survey/);
});

test('progress on stderr for a long export', async () => {
  let stderr = '';
  const out = new PassThrough();
  out.resume();
  const code = await runExport(['responses-long', '--survey', String(surveyId)], env(), {
    out,
    err: { write: (s: string) => (stderr += s) },
    progressEvery: 5,
    progressMs: 0,
  });
  expect(code).toBe(0);
  // 3 responses of 7 answer rows: a line every 5 rows, then the total.
  expect(stderr).toBe('… 5 rows\n… 10 rows\n… 15 rows\n… 20 rows\n21 rows written.\n');
});

test('clear errors, exit 2 for bad arguments and 1 for what is not there', async () => {
  const cases: [string[], number, RegExp][] = [
    [[], 2, /^Usage: npm run export/],
    [
      ['pdf-report', '--survey', '1'],
      2,
      /Unknown export type: pdf-report\. Choose from: list, .*responses-wide/,
    ],
    [['responses-wide'], 2, /--survey: Choose a survey/],
    [
      ['responses-wide', '--survey', '1', '--profile', 'pdf'],
      2,
      /--profile: Choose Excel or analysis/,
    ],
    [['responses-wide', '--survey', '1', '--from', '2027-02-30'], 2, /--from: Enter a real date/],
    [['responses-wide', '--survey', '1', '--colour', 'red'], 2, /Unknown option '--colour'/],
    [['responses-wide', '--survey', '999'], 1, /No such survey or study/],
  ];
  for (const [args, code, message] of cases) {
    const r = await inProcess(args);
    expect({ args, code: r.code }).toEqual({ args, code });
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  }
  const missing = await runExport(
    ['list'],
    { ...env(), DATABASE_PATH: path.join(dir, 'none.sqlite') },
    {
      err: { write: () => true },
    },
  );
  expect(missing).toBe(1);
  expect(fs.existsSync(path.join(dir, 'none.sqlite'))).toBe(false);
});
