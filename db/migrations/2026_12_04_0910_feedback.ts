import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Coded facilitator notes. A note is one observation written at a session, coded with the
// shared vocabulary as stored codes (so results can group by service × stage × sentiment in
// SQL): service (a request type name, or 'general' for 311 in general), life-cycle stage,
// OMB A-11 §280 driver, sentiment, a verbatim-quote flag and a participant pseudonym ('P3',
// never a name). Themes are tags admins curate; a proposed one is usable at once. Names are
// unique case-insensitively through `name_key` (trimmed, spaces collapsed, lower case), a
// plain UNIQUE column that holds on PostgreSQL too. Merging a theme moves its tags and
// deletes it (its rows in session_note_themes go with it).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('themes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'proposed')`),
    )
    .addColumn('proposed_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('session_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('session_id', 'integer', (c) =>
      c.notNull().references('study_sessions.id').onDelete('cascade'),
    )
    .addColumn('author_staff_id', 'integer', (c) =>
      c.references('staff_users.id').onDelete('set null'),
    )
    .addColumn('body', 'text', (c) => c.notNull().check(sql`length(body) between 1 and 20000`))
    // A request type's name, or 'general' (311 in general).
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) =>
      c.check(sql`stage in ('intake', 'fulfillment', 'communication')`),
    )
    .addColumn('driver', 'text', (c) =>
      c.check(
        sql`driver in ('satisfaction', 'confidence', 'effectiveness', 'ease', 'efficiency', 'equity', 'employee')`,
      ),
    )
    .addColumn('sentiment', 'text', (c) =>
      c.check(sql`sentiment in ('praise', 'pain_point', 'suggestion')`),
    )
    .addColumn('is_quote', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`is_quote in (0, 1)`),
    )
    .addColumn('pseudonym', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('session_notes_session')
    .on('session_notes')
    .columns(['session_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('session_notes_coding')
    .on('session_notes')
    .columns(['service', 'stage', 'sentiment'])
    .execute();

  await db.schema
    .createTable('session_note_themes')
    .addColumn('note_id', 'integer', (c) =>
      c.notNull().references('session_notes.id').onDelete('cascade'),
    )
    .addColumn('theme_id', 'integer', (c) =>
      c.notNull().references('themes.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('session_note_themes_pk', ['note_id', 'theme_id'])
    .execute();
  await db.schema
    .createIndex('session_note_themes_theme')
    .on('session_note_themes')
    .columns(['theme_id', 'note_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_note_themes').execute();
  await db.schema.dropTable('session_notes').execute();
  await db.schema.dropTable('themes').execute();
}
