import { rateLimit, type Options, type Store, type ClientRateLimitInfo } from 'express-rate-limit';
import type { RequestHandler } from 'express';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import { clearHits, countHit, hitsFor, uncountHit } from './rate-limit.queries';

const WINDOW_MS = 15 * 60_000;

/**
 * express-rate-limit's store over the `rate_limit_hits` table, so every app process on the same
 * database counts the same hits. Time comes from the injected clock.
 */
export class DatabaseRateLimitStore implements Store {
  /** The counters live in the database, not in this object. */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = WINDOW_MS;

  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
    name: string,
  ) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const found = await hitsFor(this.db, this.prefix + key, this.clock.now());
    return found && { totalHits: found.hits, resetTime: found.resetAt };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { hits, resetAt } = await countHit(
      this.db,
      this.prefix + key,
      this.clock.now(),
      this.windowMs,
    );
    return { totalHits: hits, resetTime: resetAt };
  }

  async decrement(key: string): Promise<void> {
    await uncountHit(this.db, this.prefix + key, this.clock.now());
  }

  async resetKey(key: string): Promise<void> {
    await clearHits(this.db, this.prefix + key);
  }
}

export interface RateLimits {
  /**
   * At most `limit` requests per IP address in 15 minutes, counted under `name` (one name per
   * limiter); the next ones get the 429 page in the person's language (through the one error
   * handler).
   */
  perIp(name: string, limit: number): RequestHandler;
}

/** The app's rate limiters, created once in createApp and handed to the route factories. */
export function rateLimits(db: DB, clock: Clock): RateLimits {
  const names = new Set<string>();
  return {
    perIp(name, limit) {
      // Two limiters under one name would share (and double) each other's counts.
      if (names.has(name)) throw new Error(`rate limit "${name}" is defined twice`);
      names.add(name);
      return rateLimit({
        windowMs: WINDOW_MS,
        limit,
        store: new DatabaseRateLimitStore(db, clock, name),
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, _res, next) =>
          next(Object.assign(new Error('Too many requests'), { status: 429 })),
      });
    },
  };
}
