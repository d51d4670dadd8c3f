import { loadReference } from '../src/reference/reference.queries';
import { poolQueries } from '../src/participants/pool/pool.queries';
import {
  PAGE_SIZE,
  parsePoolQuery,
  poolCriteria,
  poolQuerySchema,
} from '../src/participants/pool/pool.schema';
import { startApp } from './app';
import type { Measurement } from './measurement';
import { formatSummary, summarize, timed } from './stats';

/** Filtered, sorted, paginated Pool pages (QUALITY.md: p95 < 100 ms over 100,000 people). */
const URLS = [
  '',
  'language=es&sort=name-asc&page=3',
  'councilDistrict=4&councilDistrict=9&status=active&sort=lastContacted-asc',
  'needs=interpreter&interpreterLanguage=es&availability=weekend',
  'requestTypes=Bulky+Items&channels=app&myla311Use=often&sort=attended-desc&page=2',
  'q=garcia',
  'q=213+555',
  'createdFrom=2025-01-01&neverContacted=yes&contactedTo=2026-06-30&sort=created-asc&page=10',
  'ageRange=18_24&ageRange=25_34&race=black&gender=woman&sort=name-desc',
  'councilDistrict=unknown&language=ko&language=hy&language=zh-Hant&format=online&sort=noShows-desc',
];
const REQUESTS = 200;
const TARGET_P95 = 100;

export const poolBench: Measurement = {
  name: 'pool',
  title: 'Staff pool list (GET /staff/participants), filtered + sorted + paginated',
  async run(env) {
    const app = await startApp(env);
    try {
      const organizer = await app.signIn('organizer');
      const path = (qs: string) => `/staff/participants${qs ? `?${qs}` : ''}`;

      // Warm-up: statement caches, V8, the page cache. Also checks every URL answers 200.
      for (const qs of URLS) {
        const res = await organizer.get(path(qs));
        if (res.status !== 200) throw new Error(`${path(qs)} answered ${res.status}`);
      }

      const full: number[] = [];
      const perUrl = new Map<string, number[]>(URLS.map((u) => [u, []]));
      for (let i = 0; i < REQUESTS; i++) {
        const qs = URLS[i % URLS.length];
        const ms = await timed(async () => {
          const res = await organizer.get(path(qs));
          if (res.status !== 200) throw new Error(`${path(qs)} answered ${res.status}`);
        });
        full.push(ms);
        perUrl.get(qs)!.push(ms);
      }

      // Bare baseline: the same two SQL statements (counts + page) with better-sqlite3 directly.
      const schema = poolQuerySchema(await loadReference(env.opened.db));
      const statements = URLS.map((qs) => {
        const filter = parsePoolQuery(schema, Object.fromEntries(groupParams(qs)));
        const q = poolQueries(env.opened.db, poolCriteria(filter, env.config.cityTimeZone));
        const counts = q.counts.compile();
        const page = q.page(PAGE_SIZE, (filter.page - 1) * PAGE_SIZE).compile();
        return {
          counts: env.opened.sqlite.prepare(counts.sql),
          countsParams: counts.parameters as unknown[],
          page: env.opened.sqlite.prepare(page.sql),
          pageParams: page.parameters as unknown[],
        };
      });
      const bare: number[] = [];
      for (let i = 0; i < REQUESTS + URLS.length; i++) {
        const s = statements[i % URLS.length];
        const ms = await timed(() => {
          s.counts.all(...s.countsParams);
          s.page.all(...s.pageParams);
        });
        if (i >= URLS.length) bare.push(ms); // the first round warms up
      }

      const f = summarize(full);
      const b = summarize(bare);
      console.log(formatSummary('full stack (HTTP)', f));
      console.log(formatSummary('bare SQL (better-sqlite3)', b));
      console.log(
        `ratio bare/full at p50: ${(b.p50 / f.p50).toFixed(2)}  (full stack takes ${(f.p50 / b.p50).toFixed(2)}× the bare SQL)`,
      );
      console.log(
        `target p95 < ${TARGET_P95} ms: ${f.p95 < TARGET_P95 ? 'MET' : 'NOT MET'} (p95 ${f.p95.toFixed(1)} ms)`,
      );
      console.log('per URL (full stack):');
      for (const [qs, ms] of perUrl)
        console.log(`  ${formatSummary(qs || '(no filter)', summarize(ms))}`);
    } finally {
      await app.close();
    }
  },
};

/** A query string as Express' simple parser gives it: repeated keys become arrays. */
function groupParams(qs: string): Map<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of new URLSearchParams(qs)) {
    const prev = out.get(k);
    out.set(k, prev === undefined ? v : ([] as string[]).concat(prev, v));
  }
  return out;
}
