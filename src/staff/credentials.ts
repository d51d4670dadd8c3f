import type { StaffUserRow } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { deleteSessionsOfStaff } from '../web/session.queries';
import {
  accountKey,
  checkLoginThrottle,
  clearLoginFailures,
  recordLoginFailure,
  THROTTLED_MESSAGE,
} from './login-throttle';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import * as q from './staff.queries';
import type { StaffDeps, StaffUser } from './staff.service';

export class LoginFailed extends Error {}
export class LoginThrottled extends Error {}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toStaffUser(row: StaffUserRow): StaffUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role };
}

/**
 * Checks email and password. Unknown user, wrong password and inactive account look the same.
 * `deviceKey` comes from a valid device cookie for this account (see device-cookie.ts).
 */
export async function authenticate(
  d: StaffDeps,
  attempt: { email: string; password: string; ip: string; deviceKey?: string },
): Promise<StaffUser> {
  const { ip, deviceKey } = attempt;
  const now = d.clock.now();
  const address = normalizeEmail(attempt.email);
  const keys = { account: accountKey(address), device: deviceKey };
  const throttle = await checkLoginThrottle(d.db, keys, ip, now);
  if (throttle.throttled) {
    d.logger.warn({ event: 'login.throttled', ip }, 'login throttled');
    throw new LoginThrottled();
  }
  const row = await q.findStaffByEmail(d.db, address);
  const ok = await verifyPassword(row?.password_hash ?? null, attempt.password);
  if (!row || !ok || row.status !== 'active') {
    await recordLoginFailure(d.db, throttle.key, ip, now);
    const device = Boolean(deviceKey);
    d.logger.warn({ event: 'login.failed', ip, staffId: row?.id, device }, 'login failed');
    throw new LoginFailed();
  }
  // Only the key this attempt counted against: a login from a trusted browser leaves the
  // account's failures (someone else's guesses) to run out on their own.
  await clearLoginFailures(d.db, throttle.key);
  await q.updateStaff(d.db, row.id, { last_login_at: now.toISOString() });
  d.logger.info({ event: 'login.ok', staffId: row.id }, 'login');
  return toStaffUser(row);
}

export interface PasswordChangeFrom {
  ip: string;
}

/**
 * Changes one's own password and ends every session of the account (whoever holds a stolen
 * session is out; the browser that changed it is signed in again with a new session id). A wrong current password counts as a failed login of the account, so
 * a stolen session cannot be used to guess the password faster than the login page allows.
 */
export async function changePassword(
  d: StaffDeps,
  user: StaffUser,
  passwords: { current: string; next: string },
  from: PasswordChangeFrom,
): Promise<void> {
  const row = await q.findStaffById(d.db, user.id);
  if (!row) throw new NotFoundError();
  const now = d.clock.now();
  // No device-cookie exemption here: a signed-in browser guessing the current password is the
  // attack this throttle is for (a stolen session carries the device cookie too).
  const throttle = await checkLoginThrottle(d.db, { account: accountKey(row.email) }, from.ip, now);
  if (throttle.throttled) {
    d.logger.warn({ event: 'password.throttled', staffId: user.id }, 'password change throttled');
    // Answered as the login page answers: the same message and status.
    throw new ValidationError({ currentPassword: THROTTLED_MESSAGE }, 429);
  }
  if (!(await verifyPassword(row.password_hash, passwords.current))) {
    await recordLoginFailure(d.db, throttle.key, from.ip, now);
    d.logger.warn({ event: 'password.wrong-current', staffId: user.id }, 'wrong current password');
    throw new ValidationError({ currentPassword: 'Your current password is incorrect' });
  }
  const problem = passwordProblem(passwords.next, row.email);
  if (problem) throw new ValidationError({ newPassword: problem });
  const passwordHash = await hashPassword(passwords.next);
  await d.db.transaction().execute(async (trx) => {
    await q.updateStaff(trx, user.id, {
      password_hash: passwordHash,
      updated_at: now.toISOString(),
      sessions_valid_after: now.toISOString(),
    });
    await deleteSessionsOfStaff(trx, user.id);
  });
  d.logger.info({ event: 'password.changed', staffId: user.id }, 'password changed');
}
