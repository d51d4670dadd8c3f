import type { DB } from '../db/database';
import * as q from './login-throttle.queries';

/** Failed logins allowed in the window, per account and per IP address. Never a permanent lock. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

function windowStart(now: Date): string {
  return new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
}

export async function recordLoginFailure(db: DB, accountKey: string, ip: string, now: Date) {
  await q.insertLoginFailure(db, { accountKey, ip, at: now.toISOString() });
}

export async function isLoginThrottled(db: DB, accountKey: string, ip: string, now: Date) {
  const counts = await q.countFailuresSince(db, accountKey, ip, windowStart(now));
  return counts.account >= MAX_FAILURES_PER_ACCOUNT || counts.ip >= MAX_FAILURES_PER_IP;
}

export async function clearAccountFailures(db: DB, accountKey: string) {
  await q.deleteFailuresOf(db, accountKey);
}

export async function purgeOldLoginFailures(db: DB, now: Date) {
  await q.deleteFailuresBefore(db, windowStart(now));
}
