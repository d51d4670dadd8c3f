import type { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// A CSV import in progress: the parsed rows wait here between upload, mapping and preview, so
// personal data stays in the database (not in the session or on disk). A draft is deleted when
// the import is committed or cancelled, and purged after 24 hours.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_drafts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('staff_id', 'integer', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    // JSON { headers: string[], rows: string[][] } as read from the file.
    .addColumn('rows_json', 'text', (c) => c.notNull())
    // JSON { appField: column index } once the columns are mapped.
    .addColumn('mapping_json', 'text')
    .execute();
  await db.schema
    .createIndex('import_drafts_created')
    .on('import_drafts')
    .column('created_at')
    .execute();
  // The channel through which the imported people gave consent (paper, event, phone, referral).
  await db.schema.alterTable('participant_imports').addColumn('consent_channel', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participant_imports').dropColumn('consent_channel').execute();
  await db.schema.dropTable('import_drafts').execute();
}
