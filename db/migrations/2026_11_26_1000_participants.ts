import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// The participant panel: people, their multi-choice answers, consent versions and events,
// contact log and CSV imports. Personal fields are nullable so that deletion can blank them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version', 'integer', (c) => c.notNull().unique())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) =>
      c.references('staff_users.id').onDelete('set null'),
    )
    .execute();

  await db.schema
    .createTable('consent_texts')
    .addColumn('version_id', 'integer', (c) =>
      c.notNull().references('consent_versions.id').onDelete('cascade'),
    )
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('consent_texts_pk', ['version_id', 'language'])
    .execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'active', 'paused', 'withdrawn', 'deleted')`),
    )
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('web', 'event', 'phone', 'paper', 'referral', 'import')`),
    )
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('contact_preference', 'text', (c) =>
      c.check(sql`contact_preference in ('email', 'phone', 'text')`),
    )
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('zip', 'text')
    .addColumn('council_district', 'integer', (c) => c.references('council_districts.district'))
    .addColumn('neighborhood_council_id', 'integer', (c) =>
      c.references('neighborhood_councils.id'),
    )
    .addColumn('myla311_use', 'text', (c) =>
      c.check(sql`myla311_use in ('never', 'once', 'few', 'often')`),
    )
    .addColumn('interpreter_language', 'text')
    .addColumn('needs_other', 'text')
    .addColumn('format_preference', 'text', (c) =>
      c.check(sql`format_preference in ('in_person', 'online', 'either')`),
    )
    .addColumn('age_range', 'text')
    .addColumn('gender', 'text')
    .addColumn('consent_version_id', 'integer', (c) => c.references('consent_versions.id'))
    .addColumn('recording_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('last_contacted_at', 'text')
    .addColumn('paused_until', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('deleted_at', 'text')
    .addColumn('sessions_attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_staff_id', 'integer', (c) =>
      c.references('staff_users.id').onDelete('set null'),
    )
    .addColumn('import_id', 'integer')
    .execute();
  await sql`create unique index participants_email on participants (email) where email is not null`.execute(
    db,
  );
  await db.schema.createIndex('participants_phone').on('participants').column('phone').execute();
  await db.schema
    .createIndex('participants_status_created')
    .on('participants')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('participants_district')
    .on('participants')
    .columns(['council_district', 'language'])
    .execute();
  await db.schema
    .createIndex('participants_language')
    .on('participants')
    .column('language')
    .execute();
  await db.schema
    .createIndex('participants_created')
    .on('participants')
    .column('created_at')
    .execute();
  await db.schema
    .createIndex('participants_last_name')
    .on('participants')
    .columns(['last_name', 'first_name'])
    .execute();

  // Multi-choice answers: channels, request types, needs, availability, race/ethnicity.
  await db.schema
    .createTable('participant_choices')
    .addColumn('participant_id', 'integer', (c) =>
      c.notNull().references('participants.id').onDelete('cascade'),
    )
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participant_choices_pk', ['participant_id', 'field', 'value'])
    .execute();
  await db.schema
    .createIndex('participant_choices_lookup')
    .on('participant_choices')
    .columns(['field', 'value', 'participant_id'])
    .execute();

  await db.schema
    .createTable('consent_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('participant_id', 'integer', (c) =>
      c.notNull().references('participants.id').onDelete('cascade'),
    )
    .addColumn('version_id', 'integer', (c) => c.notNull().references('consent_versions.id'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('given', 'withdrawn')`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('recorded_by_staff_id', 'integer', (c) =>
      c.references('staff_users.id').onDelete('set null'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_events_participant')
    .on('consent_events')
    .column('participant_id')
    .execute();

  await db.schema
    .createTable('contact_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('participant_id', 'integer', (c) =>
      c.notNull().references('participants.id').onDelete('cascade'),
    )
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('contact_log_participant')
    .on('contact_log')
    .column('participant_id')
    .execute();

  await db.schema
    .createTable('participant_imports')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('staff_id', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('consent_source', 'text', (c) => c.notNull())
    .addColumn('duplicate_policy', 'text', (c) => c.notNull())
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('rows_created', 'integer', (c) => c.notNull())
    .addColumn('rows_merged', 'integer', (c) => c.notNull())
    .addColumn('rows_skipped', 'integer', (c) => c.notNull())
    .addColumn('rows_invalid', 'integer', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  // Resident links point at a participant; outbox rows too, so deletion can cancel queued mail.
  await db.schema
    .alterTable('magic_links')
    .addColumn('participant_id', 'integer', (c) =>
      c.references('participants.id').onDelete('cascade'),
    )
    .execute();
  await db.schema
    .alterTable('outbox')
    .addColumn('participant_id', 'integer', (c) =>
      c.references('participants.id').onDelete('set null'),
    )
    .execute();
  await db.schema.createIndex('outbox_participant').on('outbox').column('participant_id').execute();
  // A resident's browser session names them, so deletion can end it.
  await db.schema.alterTable('sessions').addColumn('participant_id', 'integer').execute();
  await db.schema
    .createIndex('sessions_participant')
    .on('sessions')
    .column('participant_id')
    .execute();
  // A message to someone who asked to be deleted: blanked as soon as it is sent.
  await db.schema
    .alterTable('outbox')
    .addColumn('scrub_after_send', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('scrub_after_send').execute();
  await db.schema.dropIndex('sessions_participant').execute();
  await db.schema.alterTable('sessions').dropColumn('participant_id').execute();
  await db.schema.dropIndex('outbox_participant').execute();
  await db.schema.alterTable('outbox').dropColumn('participant_id').execute();
  await db.schema.alterTable('magic_links').dropColumn('participant_id').execute();
  for (const t of [
    'participant_imports',
    'contact_log',
    'consent_events',
    'participant_choices',
    'participants',
    'consent_texts',
    'consent_versions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
