import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Reminders and cancellation notices of study sessions, each a row due at a time, so that a
// restart or a crash loses none and doubles none. A reminder row is planned per confirmed
// registration and per reminder offset (due_at = the start minus that many real hours, UTC); a
// `session_cancelled` row is written when a session is cancelled (offset_hours 0: reminder
// offsets are 1–336). The job claims a due email row with a conditional update
// (pending → sent) in the same transaction as its email, so two runners never send it twice.
// People to reach by phone have channel `call`: staff mark them called or unreached.
// UNIQUE (registration_id, kind, offset_hours, registered_at): registered_at is the
// registration's created_at when planned, so a cancelled registration taken up again (same row,
// new created_at) gets reminders of its own, and planning twice plans once.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('session_reminders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('registration_id', 'integer', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('reminder', 'session_cancelled')`),
    )
    .addColumn('offset_hours', 'integer', (c) => c.notNull().check(sql`offset_hours >= 0`))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    // The session's start when due_at was worked out: a moved session has its rows re-planned.
    .addColumn('session_starts_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'call')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending', 'sent', 'called', 'unreached', 'skipped')`),
    )
    // Why a row was skipped: late (due before the seat), registration, session, started, person,
    // offset (taken off the study).
    .addColumn('skip_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addUniqueConstraint('session_reminders_once', [
      'registration_id',
      'kind',
      'offset_hours',
      'registered_at',
    ])
    .execute();
  // The job's due rows and the calls page: pending rows in due order, by channel.
  await db.schema
    .createIndex('session_reminders_pending')
    .on('session_reminders')
    .columns(['status', 'channel', 'due_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('session_reminders').execute();
}
