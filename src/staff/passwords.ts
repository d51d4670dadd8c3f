import argon2 from 'argon2';
import dumbPasswords from 'dumb-passwords';

/** argon2id with OWASP's minimum (m=19 MiB, t=2, p=1). */
const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  // Unknown users still pay for one verification, so timing does not reveal who exists.
  const target = hash ?? DUMMY_HASH;
  try {
    const ok = await argon2.verify(target, password);
    return ok && hash !== null;
  } catch {
    return false;
  }
}

const DUMMY_HASH =
  '$argon2id$v=19$m=19456,p=1,t=2$QgcZ11BXsU279LVJz+4YtQ$CVcSvl77fihg+ZSW5syFwCKcU3i4wyEnkPHlawXiUSQ';

/**
 * In the 10,000 most common passwords, or one of them padded to length with digits or symbols
 * ("password1234", "123456789012"): the list is mostly shorter than our minimum.
 */
function isCommon(password: string): boolean {
  if (dumbPasswords.check(password)) return true;
  const core = password.replace(/^[\W_]+/u, '');
  for (let k = core.length; k >= 6; k--) {
    if (/^[\d\W_]*$/u.test(core.slice(k)) && dumbPasswords.check(core.slice(0, k))) return true;
  }
  return false;
}

/** Why a new password is not acceptable, or null. No composition rules, per NIST SP 800-63B. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be ${PASSWORD_MAX} characters or fewer`;
  const lower = password.toLowerCase();
  if (isCommon(password) || isCommon(lower))
    return 'This password is too common. Choose one that is harder to guess';
  if (email && lower.includes(email.toLowerCase().split('@')[0]) && email.split('@')[0].length >= 4)
    return 'Password must not contain your email address';
  if (/^(.)\1+$/.test(password)) return 'Password must not be one character repeated';
  return null;
}
