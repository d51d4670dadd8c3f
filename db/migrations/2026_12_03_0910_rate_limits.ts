import type { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Per-IP request counters shared by every app process on this database: one row per limiter and
// client ("join:203.0.113.7"), its hits in the current window and when that window ends. Rows
// whose window has ended are purged by a periodic job.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit_hits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rate_limit_hits_reset_at')
    .on('rate_limit_hits')
    .column('reset_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit_hits').execute();
}
