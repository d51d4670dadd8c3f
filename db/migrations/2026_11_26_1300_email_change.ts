import { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// A link can carry a value (the new email address it confirms), and mail can be counted per
// recipient (at most one manage link per address every few minutes).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('magic_links').addColumn('payload', 'text').execute();
  await db.schema
    .createIndex('outbox_recipient')
    .on('outbox')
    .columns(['to_address', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_recipient').execute();
  await db.schema.alterTable('magic_links').dropColumn('payload').execute();
}
