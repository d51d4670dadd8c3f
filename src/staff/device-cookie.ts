import crypto from 'node:crypto';
import type { CookieOptions } from 'express';
import type { Clock } from '../clock';
import { DAY } from '../clock';

/** How long a browser stays trusted after its last successful login. */
export const DEVICE_COOKIE_TTL_MS = 180 * DAY;

const VERSION = 'v1';

function b64(buf: Buffer): string {
  return buf.toString('base64url');
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * OWASP's "device cookies" (Slow Down Online Guessing Attacks with Device Cookies): after a
 * successful login the browser gets a signed cookie naming the account and a random nonce. A
 * login that shows it is exempt from the per-account lock, so nobody can lock the owner out by
 * failing on purpose; its own failures count against its nonce instead (login-throttle.ts).
 *
 * Value: v1.<account tag>.<nonce>.<issued, base36 ms>.<HMAC-SHA256 of the rest>. The account tag
 * is an HMAC of the account key, not the email, so the cookie says nothing about who it is for.
 */
export class DeviceCookies {
  readonly name: string;
  private readonly key: Buffer;

  constructor(
    secret: string,
    private readonly secure: boolean,
    private readonly clock: Clock,
  ) {
    // Same prefix rule as the session cookie: __Host- (Secure, Path=/, no Domain) in production.
    this.name = secure ? '__Host-cp.device' : 'cp.device';
    // A key of its own, derived from the session secret: a MAC made for one never fits the other.
    this.key = Buffer.from(crypto.hkdfSync('sha256', secret, '', 'civic-panel device cookie', 32));
  }

  /** A new cookie value for the account with this key (login-throttle's accountKey). */
  issue(accountKey: string): string {
    const nonce = b64(crypto.randomBytes(16));
    const issued = this.clock.now().getTime().toString(36);
    const body = `${VERSION}.${this.accountTag(accountKey)}.${nonce}.${issued}`;
    return `${body}.${this.mac(body)}`;
  }

  /**
   * The throttle key of this browser when `value` is a genuine, unexpired cookie issued for the
   * account with this key; undefined for anything else (absent, forged, another account's, old).
   */
  deviceKeyFor(value: unknown, accountKey: string): string | undefined {
    if (typeof value !== 'string' || value.length > 200) return undefined;
    const parts = value.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) return undefined;
    const [, tag, nonce, issued, mac] = parts;
    if (!sameText(mac, this.mac(parts.slice(0, 4).join('.')))) return undefined;
    if (!sameText(tag, this.accountTag(accountKey))) return undefined;
    const issuedAt = parseInt(issued, 36);
    if (!(this.clock.now().getTime() - issuedAt < DEVICE_COOKIE_TTL_MS)) return undefined;
    // Hashed so the failures table never holds a value that would rebuild the cookie.
    return `device:${crypto.createHash('sha256').update(nonce).digest('hex')}`;
  }

  /** HttpOnly, SameSite=Lax, Path=/, no Domain; Secure in production. */
  cookieOptions(): CookieOptions {
    return {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: '/',
      maxAge: DEVICE_COOKIE_TTL_MS,
    };
  }

  private accountTag(accountKey: string): string {
    return this.mac(`account:${accountKey}`).slice(0, 22);
  }

  private mac(text: string): string {
    return b64(crypto.createHmac('sha256', this.key).update(text).digest());
  }
}
