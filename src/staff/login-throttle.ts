import crypto from 'node:crypto';
import type { DB } from '../db/database';
import * as q from './login-throttle.queries';

/** Failed logins allowed in the window, per account and per IP address. Never a permanent lock. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;
/** Wrong passwords from one trusted browser (device cookie) before it is trusted no more. */
export const MAX_FAILURES_PER_DEVICE = 5;

export const THROTTLED_MESSAGE = 'Too many failed attempts. Wait 15 minutes, then try again';

/** Failures count by a hash of the address, so the table holds no email addresses. */
export function accountKey(normalizedEmail: string): string {
  return crypto.createHash('sha256').update(normalizedEmail).digest('hex');
}

export interface ThrottleKeys {
  account: string;
  /** The throttle key of a valid device cookie for this account, if the browser has one. */
  device?: string;
}

export interface ThrottleCheck {
  throttled: boolean;
  /** The key a failure of this attempt counts against (the device's, or the account's). */
  key: string;
}

function windowStart(now: Date): string {
  return new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
}

/**
 * May this attempt go ahead? Per IP always; per account unless the browser shows a device
 * cookie for the account that has not failed too often itself (OWASP "device cookies"): then
 * nobody can lock the owner out by failing on purpose, and the device's failures are its own.
 */
export async function checkLoginThrottle(
  db: DB,
  keys: ThrottleKeys,
  ip: string,
  now: Date,
): Promise<ThrottleCheck> {
  const since = windowStart(now);
  if (keys.device) {
    const device = await q.countFailuresSince(db, keys.device, ip, since);
    if (device.ip >= MAX_FAILURES_PER_IP) return { throttled: true, key: keys.device };
    if (device.account < MAX_FAILURES_PER_DEVICE) return { throttled: false, key: keys.device };
  }
  const counts = await q.countFailuresSince(db, keys.account, ip, since);
  return {
    throttled: counts.account >= MAX_FAILURES_PER_ACCOUNT || counts.ip >= MAX_FAILURES_PER_IP,
    key: keys.account,
  };
}

export async function recordLoginFailure(db: DB, key: string, ip: string, now: Date) {
  await q.insertLoginFailure(db, { accountKey: key, ip, at: now.toISOString() });
}

export async function clearLoginFailures(db: DB, key: string) {
  await q.deleteFailuresOf(db, key);
}

export async function purgeOldLoginFailures(db: DB, now: Date) {
  await q.deleteFailuresBefore(db, windowStart(now));
}
