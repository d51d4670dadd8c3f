import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Registrations: one person's place at one study session. A confirmed registration holds one of
// the session's seats (study_sessions.seats_taken, raised only by a conditional update that
// keeps it within capacity + extra_seats, so the guard holds on PostgreSQL too); a waitlisted
// one waits in created_at order (id breaks ties). UNIQUE (session_id, participant_id): one
// registration per person per session, whatever its status (a cancelled one is reused).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('session_id', 'integer', (c) =>
      c.notNull().references('study_sessions.id').onDelete('cascade'),
    )
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .check(sql`status in ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show')`),
    )
    .addColumn('accommodations', 'text')
    .addColumn('channel', 'text', (c) =>
      c.notNull().check(sql`channel in ('web', 'phone', 'staff')`),
    )
    .addColumn('late_cancellation', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`late_cancellation in (0, 1)`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addUniqueConstraint('registrations_session_participant', ['session_id', 'participant_id'])
    .execute();
  // The waitlist in order, and a session's roster by status.
  await db.schema
    .createIndex('registrations_session_status')
    .on('registrations')
    .columns(['session_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('registrations_participant')
    .on('registrations')
    .column('participant_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registrations').execute();
}
