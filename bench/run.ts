import { closeDatabase } from '../src/db/database';
import { openDataset } from './dataset';
import { exportBench } from './export.bench';
import type { Measurement } from './measurement';
import { poolBench } from './pool.bench';
import { registrationBench } from './registration.bench';
import { sampleBench } from './sample.bench';
import { surveyBench } from './survey.bench';

/*
 * `npm run bench [-- name ...]`: performance figures on a generated database of realistic size
 * (tmp/bench/, reused between runs). Add a measurement by writing bench/<name>.bench.ts and
 * listing it here. BENCH_PARTICIPANTS changes the size (default 100,000).
 */
const MEASUREMENTS: Measurement[] = [
  poolBench,
  sampleBench,
  registrationBench,
  surveyBench,
  exportBench,
];

async function main(): Promise<void> {
  // As deployed: Express caches compiled views only in production.
  process.env.NODE_ENV ??= 'production';
  const wanted = process.argv.slice(2);
  const chosen = MEASUREMENTS.filter((m) => !wanted.length || wanted.includes(m.name));
  if (!chosen.length) {
    console.error(
      `unknown measurement; choose from: ${MEASUREMENTS.map((m) => m.name).join(', ')}`,
    );
    process.exitCode = 2;
    return;
  }
  const participants = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
  const env = await openDataset(participants);
  console.log(
    `NODE_ENV=${process.env.NODE_ENV} (Express caches compiled views only in production)`,
  );
  try {
    for (const m of chosen) {
      console.log(`\n## ${m.title}`);
      await m.run(env);
    }
  } finally {
    await closeDatabase(env.opened);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
