import { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Sessions of a staff member that started before this time are refused when loaded: a password
// change, a reset or a deactivation ends them even if a request in flight writes one back, and
// even if it was created before sessions named their staff member.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_users').addColumn('sessions_valid_after', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('staff_users').dropColumn('sessions_valid_after').execute();
}
