import type { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// The staff Pool counts the filtered set by language and council district. This index holds
// every scalar column the Pool filters on, in that grouping order, so counting (and any filter
// without a name search) reads the index alone: about a third of the table, with no sort.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('participants_pool')
    .on('participants')
    .columns([
      'language',
      'council_district',
      'status',
      'source',
      'contact_preference',
      'myla311_use',
      'format_preference',
      'age_range',
      'gender',
      'recording_consent',
      'created_at',
      'last_contacted_at',
      'sessions_attended',
      'no_shows',
      'zip',
      'neighborhood_council_id',
      'interpreter_language',
    ])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participants_pool').execute();
}
