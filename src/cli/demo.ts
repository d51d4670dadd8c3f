/**
 * `npm run demo [-- --count N --seed S --force]`: fills the configured database with a
 * reproducible demo panel (staff of each role and N residents, 2,400 by default). Refuses to
 * run in production, and on a database that already has participants unless --force.
 */
import { parseArgs } from 'node:util';
import { prepareDatabase } from '../bootstrap';
import { ConfigError, loadConfig } from '../config';
import { closeDatabase, openDatabase } from '../db/database';
import { DEMO_PASSWORD, seedDemo } from '../demo/demo';
import { countParticipants } from '../participants/participants.queries';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '2400' },
      seed: { type: 'string', default: '311' },
      force: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000 || !Number.isInteger(seed)) {
    console.error('Usage: npm run demo -- [--count N (1..1000000)] [--seed S] [--force]');
    return 2;
  }
  const config = loadConfig();
  if (config.env === 'production') {
    console.error(
      'npm run demo refuses to run with NODE_ENV=production: it creates accounts with a known password.',
    );
    return 1;
  }
  const opened = openDatabase(config.databasePath);
  try {
    await prepareDatabase(opened.db, config);
    const existing = await countParticipants(opened.db);
    if (existing > 0 && !values.force) {
      console.error(
        `The database already has ${existing} participants. Add --force to add ${count} more.`,
      );
      return 1;
    }
    const started = Date.now();
    const result = await seedDemo(opened.db, {
      count,
      seed,
      baseUrl: config.baseUrl,
      cityNames: config.cityNames,
      cityTimeZone: config.cityTimeZone,
    });
    console.log(
      `Added ${result.participants} demo participants to ${config.databasePath} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    for (const title of result.studies) console.log(`Added the demo study "${title}".`);
    if (result.notes) console.log(`Added ${result.notes} coded notes to the past demo sessions.`);
    for (const title of result.surveys) console.log(`Added the demo survey "${title}".`);
    console.log(`Demo staff accounts (password: "${DEMO_PASSWORD}"):`);
    for (const s of result.staff) console.log(`  ${s.role.padEnd(12)} ${s.email}`);
    return 0;
  } finally {
    await closeDatabase(opened);
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(
      err instanceof ConfigError
        ? err.message
        : `Demo data failed: ${err instanceof Error ? err.message : err}`,
    );
    process.exit(1);
  },
);
