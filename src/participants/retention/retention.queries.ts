import { sql, type Kysely } from 'kysely';
import type { Database, ParticipantStatus } from '../../db/schema';
import type { RetentionCutoffs } from './retention.rules';

/** Who the retention rule applies to: unconfirmed sign-ups have their own 7-day purge. */
const RETAINED: ParticipantStatus[] = ['active', 'paused', 'withdrawn'];
/** People from before the column existed, or added by hand, count from their creation. */
const lastActive = sql<string>`coalesce(last_active_at, created_at)`;

const dueForWarningQuery = (db: Kysely<Database>, c: RetentionCutoffs) =>
  db
    .selectFrom('participants')
    .where('status', 'in', RETAINED)
    .where('retention_warned_at', 'is', null)
    .where(lastActive, '<=', c.warnInactiveSince.toISOString());

const dueForDeletionQuery = (db: Kysely<Database>, c: RetentionCutoffs) =>
  db
    .selectFrom('participants')
    .where('status', 'in', RETAINED)
    .where('retention_warned_at', '<=', c.warnedBefore.toISOString())
    .where(lastActive, '<=', c.deleteInactiveSince.toISOString());

export function dueForWarning(db: Kysely<Database>, c: RetentionCutoffs) {
  return dueForWarningQuery(db, c)
    .select(['id', 'email', 'first_name', 'language', lastActive.as('last_active')])
    .orderBy('id')
    .execute();
}

export async function countDueForWarning(db: Kysely<Database>, c: RetentionCutoffs) {
  const r = await dueForWarningQuery(db, c)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function dueForDeletion(db: Kysely<Database>, c: RetentionCutoffs): Promise<number[]> {
  const rows = await dueForDeletionQuery(db, c).select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function countDueForDeletion(db: Kysely<Database>, c: RetentionCutoffs) {
  const r = await dueForDeletionQuery(db, c)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether one person is still due for deletion (checked inside the deleting transaction). */
export async function stillDueForDeletion(
  db: Kysely<Database>,
  id: number,
  c: RetentionCutoffs,
): Promise<boolean> {
  const row = await dueForDeletionQuery(db, c).select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks one person warned, unless they were warned already or became active since they were
 * read (`lastActiveIso`); whether this call did it.
 */
export async function markWarned(
  db: Kysely<Database>,
  id: number,
  atIso: string,
  lastActiveIso: string,
): Promise<boolean> {
  const r = await db
    .updateTable('participants')
    .set({ retention_warned_at: atIso })
    .where('id', '=', id)
    .where('status', 'in', RETAINED)
    .where('retention_warned_at', 'is', null)
    .where(lastActive, '=', lastActiveIso)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A longer period: warnings given to people whose time is no longer near are void. */
export async function clearWarningsNotDue(
  db: Kysely<Database>,
  c: RetentionCutoffs,
): Promise<number> {
  const r = await db
    .updateTable('participants')
    .set({ retention_warned_at: null })
    .where('retention_warned_at', 'is not', null)
    .where(lastActive, '>', c.warnInactiveSince.toISOString())
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
