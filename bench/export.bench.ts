import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SurveySpec } from '../src/surveys/model/spec';
import { allQuestions } from '../src/surveys/model/definition';
import { insertSurvey, loadDefinition } from '../src/surveys/surveys.queries';
import { SeededRandom } from '../src/random';
import { startApp } from './app';
import { copyDataset, type BenchEnv } from './dataset';
import type { Measurement } from './measurement';
import { timed } from './stats';

/**
 * The wide CSV export (`npm run export -- responses-wide`, in a process of its own so its peak
 * memory is the export's) of a survey of 20 questions with 100,000 submitted responses, against
 * the sqlite3 command-line tool writing the same answers as CSV (long form: one line per answer
 * row, joined to its response and question) in the same run; peak memory at 100,000 against
 * 10,000 responses; and the survey's results page (plain, filtered by language, split by language).
 */
const BIG = 100_000;
const SMALL = 10_000;
const TARGET_RATIO = 3;
const TARGET_MB = 200;
const TARGET_GROWTH = 1.5;
const TARGET_PAGE_MS = 1000;

const en = (s: string) => ({ en: s });
const options = (codes: string[]) => codes.map((c) => ({ code: c, label: en(c) }));
function benchSpec(): SurveySpec {
  const q = (code: string, type: string, extra: object = {}) => ({
    code,
    type,
    label: en(`Question ${code}`),
    ...extra,
  });
  const single = (code: string, o: string[]) => q(code, 'single_choice', { options: options(o) });
  const multi = (code: string, o: string[]) => q(code, 'multi_choice', { options: options(o) });
  return {
    title: 'Export bench survey',
    kind: 'general',
    languages: ['en'],
    status: 'open',
    texts: { title: en('Export bench survey') },
    pages: [
      {
        questions: [
          single('use', ['never', 'once', 'few', 'often']),
          single('last', ['week', 'month', 'year', 'longer']),
          single('device', ['phone', 'computer', 'tablet']),
          single('heard', ['friend', 'flyer', 'web', 'other']),
          multi('channels', ['app', 'phone', 'web', 'in_person']),
          multi('types', ['bulky', 'graffiti', 'dumping', 'streetlight', 'tree']),
          multi('barriers', ['language', 'time', 'internet', 'trust']),
        ],
      },
      {
        questions: [
          ...['ease', 'speed', 'fair', 'trust', 'helpful', 'informed'].map((c) =>
            q(c, 'agreement'),
          ),
          q('nps', 'nps'),
          q('nps_city', 'nps'),
          q('household', 'number'),
          q('years', 'number'),
          q('comment', 'short_text'),
          q('improve', 'short_text'),
          q('other', 'short_text'),
        ],
      },
    ],
  } as SurveySpec;
}

const TEXTS = [
  'The app was quick but I never heard back about the couch.',
  'Nadie me llamó después de reportar el grafiti.',
  'Easy to report, "slow" to fix, and the map was wrong',
  '=1+1 is not an answer',
  '수거 날짜를 알려 주세요.',
];

/** Inserts `count` submitted responses with all their answer rows (raw statements, one transaction per 5,000). */
export async function addResponses(env: BenchEnv, count: number) {
  const { db, sqlite } = env.opened;
  const { surveyId, versionId } = await db
    .transaction()
    .execute((trx) =>
      insertSurvey(trx, benchSpec(), { now: new Date().toISOString(), createdBy: null }),
    );
  const questions = allQuestions(await loadDefinition(db, versionId));
  const rnd = new SeededRandom(count);
  const response = sqlite.prepare(`insert into survey_responses (survey_id, version_id,
    respondent_key, channel, language, status, page_position, submission_key, council_district,
    myla311_use, started_at, updated_at, submitted_at)
    values (?, ?, ?, ?, ?, 'submitted', 2, ?, ?, ?, ?, ?, ?)`);
  const answer = sqlite.prepare(`insert into survey_answers
    (response_id, question_id, item, state, value, number, other_text) values (?, ?, ?, ?, ?, ?, ?)`);
  const start = Date.UTC(2026, 0, 1);
  sqlite.pragma('synchronous = OFF');
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(start + rnd.int(0, 330 * 86_400_000)).toISOString();
      const id = Number(
        response.run(
          surveyId,
          versionId,
          `bench-${surveyId}-${i}`,
          rnd.pick(['web', 'web', 'phone', 'paper']),
          rnd.pick(['en', 'en', 'es', 'ko', 'hy', 'zh-Hant']),
          `bench-${surveyId}-${i}`,
          rnd.int(1, 15),
          rnd.pick(['never', 'once', 'few', 'often']),
          at,
          at,
          at,
        ).lastInsertRowid,
      );
      for (const q of questions) {
        const skip = rnd.chance(0.05);
        const state = skip ? (rnd.chance(0.5) ? 'skipped' : 'prefer_not') : 'answered';
        if (q.type === 'multi_choice' && !skip) {
          for (const o of q.options) {
            const on = rnd.chance(0.4);
            answer.run(
              id,
              q.id,
              o.code,
              on ? 'answered' : 'not_selected',
              on ? '1' : '0',
              on ? 1 : 0,
              null,
            );
          }
          continue;
        }
        if (skip) {
          answer.run(id, q.id, '', state, null, null, null);
          continue;
        }
        let value: string;
        if (q.type === 'single_choice') value = rnd.pick(q.options).code;
        else if (q.type === 'agreement') value = String(rnd.int(1, 5));
        else if (q.type === 'nps') value = String(rnd.int(0, 10));
        else if (q.type === 'number') value = String(rnd.int(0, 40));
        else value = rnd.pick(TEXTS);
        const n = ['agreement', 'nps', 'number'].includes(q.type) ? Number(value) : null;
        answer.run(id, q.id, '', 'answered', value, n, null);
      }
    }
  });
  for (let from = 0; from < count; from += 5000) batch(from, Math.min(count, from + 5000));
  sqlite.pragma('synchronous = FULL');
  return surveyId;
}

const ROOT = path.join(__dirname, '..');
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ stderr: string; code: number }>((resolve, reject) =>
    execFile(
      cmd,
      args,
      { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 1 << 26 },
      (err, _stdout, stderr) =>
        err && err.code !== 0 && typeof err.code !== 'number'
          ? reject(err)
          : resolve({ stderr: String(stderr), code: err ? Number(err.code) : 0 }),
    ),
  );
}

/** One export in its own process: time, peak RSS, rows. */
async function exportOnce(env: BenchEnv, surveyId: number, out: string) {
  let result = { code: 1, rssBefore: 0, maxRss: 0 };
  const ms = await timed(async () => {
    const { stderr } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/export.child.ts',
        'responses-wide',
        '--survey',
        String(surveyId),
        '--profile',
        'analysis',
        '--out',
        out,
      ],
      { DATABASE_PATH: env.file, LOG_LEVEL: 'silent', NODE_ENV: 'development' },
    );
    result = JSON.parse(stderr.trim().split('\n').pop() ?? '{}');
    if (result.code !== 0) throw new Error(`the export failed: ${stderr}`);
  });
  const lines = fs.readFileSync(out, 'utf8').split('\n').length - 2;
  return { ms, ...result, lines };
}

const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

export const exportBench: Measurement = {
  name: 'export',
  title: `Wide CSV export: ${BIG.toLocaleString('en-US')} responses × 20 questions vs the sqlite3 CLI; peak memory vs ${SMALL.toLocaleString('en-US')}; the results page`,
  async run(base) {
    const { env, remove } = copyDataset(base, 'export');
    const dir = path.dirname(env.file);
    const files = ['export-small.csv', 'export-big.csv', 'export-sqlite3.csv'].map((f) =>
      path.join(dir, f),
    );
    try {
      let small = 0;
      let big = 0;
      const made = await timed(async () => {
        small = await addResponses(env, SMALL);
        big = await addResponses(env, BIG);
      });
      const answers = Number(
        env.opened.sqlite
          .prepare(
            'select count(*) from survey_answers a join survey_responses r on r.id = a.response_id where r.survey_id = ?',
          )
          .pluck()
          .get(big),
      );
      console.log(
        `inserted ${(SMALL + BIG).toLocaleString('en-US')} responses (${answers.toLocaleString('en-US')} answer rows in the big survey) in ${(made / 1000).toFixed(1)} s`,
      );
      // Everything on disk, nothing in the -wal: both tools read the same file.
      env.opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');

      const s = await exportOnce(env, small, files[0]);
      const b = await exportOnce(env, big, files[1]);
      const query = `select r.id, q.code, a.item, a.state, a.value, a.other_text, r.version_id, r.language, r.channel, r.submitted_at, r.council_district, r.myla311_use from survey_answers a join survey_responses r on r.id = a.response_id join survey_questions q on q.id = a.question_id where r.survey_id = ${big} and r.status = 'submitted' order by r.id, a.id`;
      const baseline = await timed(() =>
        run('sh', [
          '-c',
          `/usr/bin/sqlite3 -readonly -csv '${env.file}' "${query}" > '${files[2]}'`,
        ]),
      );
      const baselineLines = fs.readFileSync(files[2], 'utf8').split('\n').length - 1;

      const line = (label: string, r: typeof b) =>
        console.log(
          `${label}: ${r.lines.toLocaleString('en-US')} rows, ${(fs.statSync(label === 'wide 100k' ? files[1] : files[0]).size / 1e6).toFixed(1)} MB in ${(r.ms / 1000).toFixed(2)} s; peak RSS ${mb(r.maxRss)} MB (process at start ${mb(r.rssBefore)} MB)`,
        );
      line('wide 10k', s);
      line('wide 100k', b);
      console.log(
        `sqlite3 -csv (long form: one line per answer row with its response's columns): ${baselineLines.toLocaleString('en-US')} lines, ${(fs.statSync(files[2]).size / 1e6).toFixed(1)} MB in ${(baseline / 1000).toFixed(2)} s`,
      );
      const ratio = b.ms / baseline;
      console.log(
        `ratio export/sqlite3 time: ${ratio.toFixed(2)} (target ≤ ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'MET' : 'NOT MET'}; the export's time includes starting its process)`,
      );
      const growth = b.maxRss / s.maxRss;
      console.log(
        `peak memory 100k/10k: ${growth.toFixed(2)} (target ≤ ${TARGET_GROWTH}: ${growth <= TARGET_GROWTH ? 'MET' : 'NOT MET'}); peak at 100k ${mb(b.maxRss)} MB (target < ${TARGET_MB} MB: ${b.maxRss < TARGET_MB * 1024 * 1024 ? 'MET' : 'NOT MET'})`,
      );

      const app = await startApp(env);
      try {
        const client = await app.signIn('analyst');
        const first = await client.get(`/staff/results/surveys/${big}`);
        if (first.status !== 200) throw new Error(`the results page answered ${first.status}`);
        const page = async (query: string) => {
          const times: number[] = [];
          for (let i = 0; i < 3; i++)
            times.push(await timed(() => client.get(`/staff/results/surveys/${big}${query}`)));
          return Math.min(...times);
        };
        const best = await page('');
        console.log(
          `results page of the 100k survey (status ${first.status}): best of 3 ${best.toFixed(0)} ms (target < ${TARGET_PAGE_MS} ms: ${best < TARGET_PAGE_MS ? 'MET' : 'NOT MET'})`,
        );
        // No targets: what an analyst narrowing or splitting the same survey waits.
        console.log(
          `  with a language filter: ${(await page('?language=es')).toFixed(0)} ms; split by language: ${(await page('?breakdown=language')).toFixed(0)} ms (best of 3 each)`,
        );
      } finally {
        await app.close();
      }
    } finally {
      for (const f of files) fs.rmSync(f, { force: true });
      await remove();
    }
  },
};
