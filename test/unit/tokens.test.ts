import crypto from 'node:crypto';
import { hashToken, looksLikeToken, newToken } from '../../src/links/tokens';

describe('newToken', () => {
  it('is 43 base64url characters (32 bytes)', () => {
    const { token } = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('comes with the SHA-256 hex of the token', () => {
    const { token, hash } = newToken();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(crypto.createHash('sha256').update(token).digest('hex'));
    expect(hash).toBe(hashToken(token));
  });

  it('is different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken().token));
    expect(tokens.size).toBe(50);
  });
});

describe('hashToken', () => {
  it('is SHA-256 in hex', () => {
    expect(hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('looksLikeToken', () => {
  const good = 'A'.repeat(20) + 'z_-09' + 'b'.repeat(18);

  it('accepts a fresh token and any 43 base64url characters', () => {
    expect(good).toHaveLength(43);
    expect(looksLikeToken(good)).toBe(true);
    expect(looksLikeToken(newToken().token)).toBe(true);
  });

  it('refuses the wrong length', () => {
    expect(looksLikeToken(good.slice(1))).toBe(false);
    expect(looksLikeToken(good + 'a')).toBe(false);
    expect(looksLikeToken('')).toBe(false);
  });

  it('refuses characters outside base64url', () => {
    expect(looksLikeToken(good.slice(1) + '+')).toBe(false);
    expect(looksLikeToken(good.slice(1) + '/')).toBe(false);
    expect(looksLikeToken(good.slice(1) + '=')).toBe(false);
    expect(looksLikeToken(good.slice(1) + ' ')).toBe(false);
    expect(looksLikeToken(good + '\n')).toBe(false);
    expect(looksLikeToken(good.slice(2) + '%2')).toBe(false);
  });

  it('refuses non-strings', () => {
    expect(looksLikeToken(undefined)).toBe(false);
    expect(looksLikeToken(null)).toBe(false);
    expect(looksLikeToken([good])).toBe(false);
    expect(looksLikeToken({ toString: () => good })).toBe(false);
  });
});
