import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Report-back ("what we heard"): one row per study holding the message organizers wrote in each
// language the participants have (JSON { language: text }), who last changed it, and once sent,
// when, by whom and to how many. UNIQUE (study_id) keeps one per study; sending is a conditional
// UPDATE … WHERE sent_at IS NULL (one row changed, else it was sent already), which holds on
// PostgreSQL too, so a double click sends once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_backs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) =>
      c.notNull().unique().references('studies.id').onDelete('cascade'),
    )
    .addColumn('messages', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('updated_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('sent_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('sent_count', 'integer')
    .addColumn('skipped_count', 'integer')
    .addCheckConstraint(
      'report_backs_sent',
      sql`(sent_at is null and sent_count is null) or (sent_at is not null and sent_count >= 0)`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_backs').execute();
}
