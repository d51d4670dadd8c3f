import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Invitations: the people a study asked to take part, one row per person per study (UNIQUE), by
// email (a /r/ link) or by phone (the study's call list). sample_draws keeps the draw that chose
// them: seed, size, rate and the builder's query string, so that it can be shown and redrawn.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sample_draws')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) =>
      c.notNull().references('studies.id').onDelete('cascade'),
    )
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('over_recruit_rate', 'real', (c) => c.notNull())
    .addColumn('cool_down_days', 'integer', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('invited_count', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) =>
      c.notNull().references('studies.id').onDelete('cascade'),
    )
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('draw_id', 'integer', (c) => c.references('sample_draws.id').onDelete('set null'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'phone')`))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('last_sent_at', 'text')
    .addColumn('times_sent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response', 'text', (c) => c.check(sql`response in ('registered', 'declined')`))
    .addColumn('responded_at', 'text')
    .addColumn('call_outcome', 'text', (c) =>
      c.check(sql`call_outcome in ('reached', 'no_answer', 'wrong_number', 'declined')`),
    )
    .addColumn('called_at', 'text')
    .addColumn('called_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addUniqueConstraint('invitations_study_participant', ['study_id', 'participant_id'])
    .execute();
  // "Not invited to any study in the last N days" and a person's invitations.
  await db.schema
    .createIndex('invitations_participant')
    .on('invitations')
    .columns(['participant_id', 'invited_at'])
    .execute();
  await db.schema
    .createIndex('invitations_study_channel')
    .on('invitations')
    .columns(['study_id', 'channel', 'response'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invitations').execute();
  await db.schema.dropTable('sample_draws').execute();
}
