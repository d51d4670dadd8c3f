import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface Hits {
  hits: number;
  resetAt: Date;
}

/**
 * Counts one hit for `key` and returns the count in its window. One statement, so two processes
 * counting at once both see their hit (SQLite and PostgreSQL alike): a new key or an ended window
 * starts again at 1 with a new end; otherwise the count goes up and the end stays.
 */
export async function countHit(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<Hits> {
  const nowIso = now.toISOString();
  const row = await db
    .insertInto('rate_limit_hits')
    .values({ key, hits: 1, reset_at: new Date(now.getTime() + windowMs).toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limit_hits.reset_at', '<=', nowIso);
        return {
          hits: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.hits'))
            .else(eb('rate_limit_hits.hits', '+', 1))
            .end(),
          reset_at: eb
            .case()
            .when(ended)
            .then(eb.ref('excluded.reset_at'))
            .else(eb.ref('rate_limit_hits.reset_at'))
            .end(),
        };
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: new Date(row.reset_at) };
}

/** The count in the current window, or undefined if there is none. */
export async function hitsFor(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<Hits | undefined> {
  const row = await db
    .selectFrom('rate_limit_hits')
    .select(['hits', 'reset_at'])
    .where('key', '=', key)
    .where('reset_at', '>', now.toISOString())
    .executeTakeFirst();
  return row && { hits: Number(row.hits), resetAt: new Date(row.reset_at) };
}

/** Takes back one hit of the current window (never below 0). */
export async function uncountHit(db: Kysely<Database>, key: string, now: Date): Promise<void> {
  await db
    .updateTable('rate_limit_hits')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', key)
    .where('hits', '>', 0)
    .where('reset_at', '>', now.toISOString())
    .execute();
}

export async function clearHits(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('key', '=', key).execute();
}

/** Removes counters whose window has ended (a periodic job); returns how many. */
export async function purgeEndedHits(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit_hits')
    .where('reset_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
