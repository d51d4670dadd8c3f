import type { Kysely } from 'kysely';
import type {
  Database,
  NewStaffUser,
  StaffRole,
  StaffUserRow,
  StaffUserUpdate,
} from '../db/schema';

export async function findStaffByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findStaffById(
  db: Kysely<Database>,
  id: number,
): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertStaff(db: Kysely<Database>, row: NewStaffUser): Promise<number> {
  const { id } = await db
    .insertInto('staff_users')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateStaff(
  db: Kysely<Database>,
  id: number,
  change: StaffUserUpdate,
): Promise<void> {
  await db.updateTable('staff_users').set(change).where('id', '=', id).execute();
}

export async function countStaff(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listStaff(db: Kysely<Database>) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'email', 'name', 'role', 'status', 'last_login_at', 'created_at'])
    .orderBy('status')
    .orderBy('name')
    .execute();
}

export type { StaffRole };
