import { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// A staff member's browser session names them, so a password change, a reset or a deactivation
// can end their other sessions. No foreign key: the store writes it from the session's data.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('staff_user_id', 'integer').execute();
  await db.schema
    .createIndex('sessions_staff_user')
    .on('sessions')
    .column('staff_user_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_staff_user').execute();
  await db.schema.alterTable('sessions').dropColumn('staff_user_id').execute();
}
