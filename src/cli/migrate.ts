/**
 * `npm run migrate`: brings the configured database (DATABASE_PATH) up to date — schema
 * migrations, then the reference data — the same way the server does at start, without serving.
 */
import { prepareDatabase } from '../bootstrap';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const { db } = openDatabase(config.databasePath);
  try {
    // Run the migrations first to learn which ones were applied; prepareDatabase then finds
    // nothing left to migrate and loads the reference data.
    const { results = [] } = await migrateToLatest(db);
    await prepareDatabase(db, config);
    const applied = results.filter((r) => r.status === 'Success');
    if (applied.length === 0) console.log(`${config.databasePath}: no migrations to apply.`);
    for (const r of applied) console.log(`Applied migration ${r.migrationName}`);
    console.log(`${config.databasePath}: up to date; reference data loaded.`);
  } finally {
    await db.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error('Migration failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
