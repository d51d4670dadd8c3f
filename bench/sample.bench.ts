import { loadReference } from '../src/reference/reference.queries';
import {
  parsePoolQuery,
  poolCriteria,
  poolQuerySchema,
} from '../src/participants/pool/pool.schema';
import {
  DEFAULT_OVER_RECRUIT,
  drawSample,
  quotaValues,
  type Candidate,
  type Quota,
} from '../src/studies/sampling/quota-draw';
import {
  DEFAULT_COOL_DOWN_DAYS,
  candidateQueries,
  candidatesFor,
} from '../src/studies/sampling/sampling.queries';
import type { Measurement } from './measurement';
import { formatSummary, summarize, timed } from './stats';

/** Drawing a quota sample of 60 (QUALITY.md: under 500 ms over 100,000 people). */
const SIZE = 60;
const QUOTAS: Quota[] = [
  { dimension: 'councilDistrict', value: '4', min: 5 },
  { dimension: 'councilDistrict', value: '9', min: 5 },
  { dimension: 'councilDistrict', value: '14', min: 5 },
  { dimension: 'language', value: 'en', maxShare: 0.5 },
  { dimension: 'myla311Use', value: 'never', min: 10 },
];
const CHANNEL_QUOTA: Quota = { dimension: 'channel', value: 'app', min: 20 };
const RUNS = 20;
const TARGET = 500;
/** The generated pool's "today" (bench/dataset.ts), so the cool-down leaves a realistic share out. */
const NOW = new Date(Date.UTC(2026, 10, 26));

export const sampleBench: Measurement = {
  name: 'sample',
  title: `Quota sample: ${SIZE} people, quotas on district, language and MyLA311 use (candidatesFor + drawSample)`,
  async run(env) {
    const { db, sqlite } = env.opened;
    const schema = poolQuerySchema(await loadReference(db));
    const criteria = poolCriteria(parsePoolQuery(schema, {}), env.config.cityTimeZone);
    // As a study draws: the cool-down and "not already in this study" read the invitations.
    const exclusions = { coolDownDays: DEFAULT_COOL_DOWN_DAYS, now: NOW, studyId: 1 };
    const draw = (candidates: Candidate[], seed: string, quotas = QUOTAS) =>
      drawSample({ candidates, quotas, size: SIZE, seed, overRecruit: DEFAULT_OVER_RECRUIT });
    // Channels are read only for the values a quota is on: none here, 'app' with CHANNEL_QUOTA.
    const sample = async (seed: string, quotas = QUOTAS) =>
      draw(
        await candidatesFor(db, criteria, exclusions, quotaValues(quotas, 'channel')),
        seed,
        quotas,
      );

    // Warm-up (statement cache, V8, page cache), and one draw to show what is being timed.
    const candidates = await candidatesFor(db, criteria, exclusions, []);
    const shown = draw(candidates, 'warm-up');
    console.log(
      `${candidates.length.toLocaleString('en-US')} candidates (active, not invited in ${DEFAULT_COOL_DOWN_DAYS} days, not in this study); ` +
        `size ${SIZE} + ${DEFAULT_OVER_RECRUIT * 100}% over-recruitment → ${shown.invited} drawn, ` +
        `${shown.shortfalls.length ? `SHORTFALLS: ${JSON.stringify(shown.shortfalls)}` : 'every quota met'}`,
    );
    for (const f of shown.fill)
      console.log(
        `  ${`${f.quota.dimension}=${f.quota.value}`.padEnd(22)} min ${f.min}  max ${f.max ?? '-'}  drawn ${f.drawn}`,
      );

    const full: number[] = [];
    for (let i = 0; i < RUNS; i++) full.push(await timed(() => sample(`run-${i}`)));
    const drawOnly: number[] = [];
    for (let i = 0; i < RUNS; i++) drawOnly.push(await timed(() => draw(candidates, `run-${i}`)));
    // The worst case: a channel quota adds the second query (participant_choices).
    const withChannel: number[] = [];
    const channelQuotas = [...QUOTAS, CHANNEL_QUOTA];
    await sample('warm-up', channelQuotas);
    for (let i = 0; i < RUNS; i++)
      withChannel.push(await timed(() => sample(`run-${i}`, channelQuotas)));

    // Bare baseline: the same SQL statement with better-sqlite3 directly, no row mapping.
    const people = candidateQueries(db, criteria, exclusions).people.compile();
    const stmt = sqlite.prepare(people.sql);
    const bare: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const ms = await timed(() => stmt.all(...(people.parameters as unknown[])));
      if (i > 0) bare.push(ms); // the first warms up
    }

    const f = summarize(full);
    const d = summarize(drawOnly);
    const c = summarize(withChannel);
    const b = summarize(bare);
    console.log(formatSummary('query + draw', f));
    console.log(formatSummary('draw alone (drawSample)', d));
    console.log(formatSummary('bare SQL (better-sqlite3)', b));
    console.log(formatSummary('+ a channel quota', c));
    console.log(
      `ratio bare/full at p50: ${(b.p50 / f.p50).toFixed(2)}  (query + draw takes ${(f.p50 / b.p50).toFixed(2)}× the bare SQL; the draw is ${((100 * d.p50) / f.p50).toFixed(0)}% of it)`,
    );
    for (const [label, s] of [
      ['', f],
      [' with a channel quota', c],
    ] as const)
      console.log(
        `target < ${TARGET} ms${label}: ${s.p95 < TARGET ? 'MET' : 'NOT MET'} (p95 ${s.p95.toFixed(1)} ms, ${(s.p95 / TARGET).toFixed(2)} of the target)`,
      );
  },
};
