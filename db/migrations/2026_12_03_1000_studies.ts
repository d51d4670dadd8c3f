import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Studies and their sessions. A study is one research question with its 311 request types and
// life-cycle stages (study_choices), its team of staff and a default incentive. A session is
// one meeting of a study; `sessions` is already the web sessions' table, so it is
// study_sessions. Its seat columns let registrations guard seats later with one conditional
// update (`seats_taken < capacity + extra_seats`), which holds on PostgreSQL too.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('studies')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('target_participants', 'integer', (c) => c.notNull())
    .addColumn('incentive_cents', 'integer', (c) => c.notNull())
    .addColumn('incentive_kind', 'text', (c) =>
      c.notNull().check(sql`incentive_kind in ('gift_card', 'cash_card', 'other')`),
    )
    // JSON array of whole hours before the start, e.g. [48,2].
    .addColumn('reminder_offsets', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'recruiting', 'running', 'closed', 'archived')`),
    )
    .addColumn('created_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('studies_status').on('studies').column('status').execute();

  // request_type (a reference request type name) | stage (intake, fulfillment, communication)
  await db.schema
    .createTable('study_choices')
    .addColumn('study_id', 'integer', (c) =>
      c.notNull().references('studies.id').onDelete('cascade'),
    )
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('study_choices_pk', ['study_id', 'field', 'value'])
    .execute();

  await db.schema
    .createTable('study_team')
    .addColumn('study_id', 'integer', (c) =>
      c.notNull().references('studies.id').onDelete('cascade'),
    )
    .addColumn('staff_user_id', 'integer', (c) =>
      c.notNull().references('staff_users.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('organizer', 'facilitator', 'note_taker')`),
    )
    .addPrimaryKeyConstraint('study_team_pk', ['study_id', 'staff_user_id', 'role'])
    .execute();
  await db.schema
    .createIndex('study_team_staff')
    .on('study_team')
    .columns(['staff_user_id', 'role'])
    .execute();

  await db.schema
    .createTable('study_sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('study_id', 'integer', (c) =>
      c.notNull().references('studies.id').onDelete('cascade'),
    )
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) =>
      c.notNull().check(sql`mode in ('in_person', 'online', 'hybrid')`),
    )
    .addColumn('place_name', 'text')
    .addColumn('address', 'text')
    .addColumn('step_free', 'integer')
    .addColumn('parking', 'text')
    .addColumn('transit', 'text')
    .addColumn('video_url', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 200`))
    .addColumn('extra_seats', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`extra_seats between 0 and 50`),
    )
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registration_deadline', 'text', (c) => c.notNull())
    .addColumn('facilitator_id', 'integer', (c) =>
      c.references('staff_users.id').onDelete('set null'),
    )
    .addColumn('note_taker_id', 'integer', (c) =>
      c.references('staff_users.id').onDelete('set null'),
    )
    .addColumn('incentive_cents', 'integer', (c) => c.notNull())
    .addColumn('incentive_kind', 'text', (c) =>
      c.notNull().check(sql`incentive_kind in ('gift_card', 'cash_card', 'other')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('scheduled')
        .check(sql`status in ('scheduled', 'cancelled')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The last line of defence against overbooking, whatever the code above it does.
    .addCheckConstraint(
      'study_sessions_seats',
      sql`seats_taken >= 0 and seats_taken <= capacity + extra_seats`,
    )
    .execute();
  await db.schema
    .createIndex('study_sessions_study')
    .on('study_sessions')
    .columns(['study_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('study_sessions_starts')
    .on('study_sessions')
    .column('starts_at')
    .execute();
  await db.schema
    .createIndex('study_sessions_facilitator')
    .on('study_sessions')
    .column('facilitator_id')
    .execute();

  await db.schema
    .createTable('session_interpretation')
    .addColumn('session_id', 'integer', (c) =>
      c.notNull().references('study_sessions.id').onDelete('cascade'),
    )
    .addColumn('language', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_interpretation_pk', ['session_id', 'language'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_interpretation').execute();
  await db.schema.dropTable('study_sessions').execute();
  await db.schema.dropTable('study_team').execute();
  await db.schema.dropTable('study_choices').execute();
  await db.schema.dropTable('studies').execute();
}
