import type { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// "Get my link" requests waiting for the job that answers them: the normalised address and when
// it was asked for. A row lives only until the job has processed it (an hour at most), so the
// request itself does the same work whether or not the address is in the panel.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('link_requests')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('link_requests').execute();
}
