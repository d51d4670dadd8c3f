import type { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Retention: when a participant was last active (joined, confirmed, signed in by a link, changed
// their details, was contacted by staff …) and when they were warned that their data will be
// deleted for lack of activity. Existing people count as active at their last update, the latest
// date known for them (so nobody is deleted sooner than the rule says).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('last_active_at', 'text').execute();
  await db.schema.alterTable('participants').addColumn('retention_warned_at', 'text').execute();
  await db
    .updateTable('participants')
    .set((eb) => ({ last_active_at: eb.ref('updated_at') }))
    .where('status', '!=', 'deleted')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('retention_warned_at').execute();
  await db.schema.alterTable('participants').dropColumn('last_active_at').execute();
}
