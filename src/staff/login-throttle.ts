import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Failed logins allowed in the window, per account and per IP address. Never a permanent lock. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export async function recordLoginFailure(
  db: Kysely<Database>,
  accountKey: string,
  ip: string,
  now: Date,
) {
  await db
    .insertInto('login_failures')
    .values({ account_key: accountKey, ip, at: now.toISOString() })
    .execute();
}

export async function isLoginThrottled(
  db: Kysely<Database>,
  accountKey: string,
  ip: string,
  now: Date,
) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
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
  return (
    Number(counts.account ?? 0) >= MAX_FAILURES_PER_ACCOUNT ||
    Number(counts.ip ?? 0) >= MAX_FAILURES_PER_IP
  );
}

export async function clearAccountFailures(db: Kysely<Database>, accountKey: string) {
  await db.deleteFrom('login_failures').where('account_key', '=', accountKey).execute();
}

export async function purgeOldLoginFailures(db: Kysely<Database>, now: Date) {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  await db.deleteFrom('login_failures').where('at', '<=', since).execute();
}
