import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Attendance and incentives. A registration's outcome (attended, no-show, or a late
// cancellation recorded at check-in) is a conditional update of its status that also records
// who and when, and the status it came from (`outcome_from`), so that an undo returns there. A
// walk-in is a registration that starts as attended (`walk_in` = 1); it never takes a seat, so
// `seats_taken` (and its CHECK) only ever counts seats booked beforehand.
// An incentive issued is one row per registration (UNIQUE: a double click issues once).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('registrations')
    .addColumn('outcome_from', 'text', (c) =>
      c.check(sql`outcome_from in ('confirmed', 'waitlisted')`),
    )
    .execute();
  await db.schema
    .alterTable('registrations')
    .addColumn('walk_in', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`walk_in in (0, 1)`),
    )
    .execute();
  await db.schema.alterTable('registrations').addColumn('outcome_at', 'text').execute();
  await db.schema
    .alterTable('registrations')
    .addColumn('outcome_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .execute();
  // The show rate reads outcomes across sessions.
  await db.schema
    .createIndex('registrations_status')
    .on('registrations')
    .columns(['status', 'session_id'])
    .execute();

  await db.schema
    .createTable('incentives')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('registration_id', 'integer', (c) =>
      c.notNull().unique().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('amount_cents', 'integer', (c) =>
      c.notNull().check(sql`amount_cents between 1 and 100000`),
    )
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in ('gift_card', 'cash_card', 'other')`),
    )
    // The calendar day it was handed over, in the city (YYYY-MM-DD).
    .addColumn('issued_on', 'text', (c) => c.notNull())
    // E.g. the last 4 digits of a card; never a full card number.
    .addColumn('reference_note', 'text')
    .addColumn('issued_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('incentives').execute();
  await db.schema.dropIndex('registrations_status').execute();
  for (const column of ['outcome_by', 'outcome_at', 'walk_in', 'outcome_from'])
    await db.schema.alterTable('registrations').dropColumn(column).execute();
}
