import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** `accountKey` is an account's key or a device cookie's (see login-throttle.ts). */
export async function insertLoginFailure(
  db: Kysely<Database>,
  row: { accountKey: string; ip: string; at: string },
): Promise<void> {
  await db
    .insertInto('login_failures')
    .values({ account_key: row.accountKey, ip: row.ip, at: row.at })
    .execute();
}

/** Failures since `since` (ISO) for this key and for this IP address, in one query. */
export async function countFailuresSince(
  db: Kysely<Database>,
  accountKey: string,
  ip: string,
  since: string,
): Promise<{ account: number; ip: number }> {
  const counts = await db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn
        .sum<number>(eb.case().when('account_key', '=', accountKey).then(1).else(0).end())
        .as('account'),
      eb.fn.sum<number>(eb.case().when('ip', '=', ip).then(1).else(0).end()).as('ip'),
    ])
    .where('at', '>', since)
    .where((w) => w.or([w('account_key', '=', accountKey), w('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { account: Number(counts.account ?? 0), ip: Number(counts.ip ?? 0) };
}

export async function deleteFailuresOf(db: Kysely<Database>, accountKey: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account_key', '=', accountKey).execute();
}

export async function deleteFailuresBefore(db: Kysely<Database>, at: string): Promise<void> {
  await db.deleteFrom('login_failures').where('at', '<=', at).execute();
}
