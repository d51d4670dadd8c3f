import { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// The fingerprint of a sent draw (a hash of the drawn ids in draw order): the preview shows it,
// the "Send invitations" form posts it back, and UNIQUE (study_id, fingerprint) makes sending
// the same draw twice (a double click, two tabs) store nothing the second time.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sample_draws').addColumn('fingerprint', 'text').execute();
  await db.schema
    .createIndex('sample_draws_study_fingerprint')
    .on('sample_draws')
    .columns(['study_id', 'fingerprint'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sample_draws_study_fingerprint').execute();
  await db.schema.alterTable('sample_draws').dropColumn('fingerprint').execute();
}
