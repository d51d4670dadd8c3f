import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../src/db/database';
import type { NewParticipant } from '../../src/db/schema';
import {
  insertParticipant,
  setChoices,
  type Choices,
} from '../../src/participants/participants.queries';

/** Names of the app's tables (not SQLite's or Kysely's own). */
export async function tableNames(db: DB): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
    order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Bookkeeping of requests, not data: a refused form still counts against a rate limit. */
const NOT_DATA = new Set(['sessions', 'rate_limit_hits']);

/**
 * A hash of every row of every table but sessions and rate-limit counters: equal before and
 * after means nothing changed. `ignore` leaves out rows that a request may write without
 * changing anything (an audited view).
 */
export async function fingerprint(
  db: DB,
  ignore: (table: string, row: Record<string, unknown>) => boolean = () => false,
): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const name of await tableNames(db)) {
    if (NOT_DATA.has(name)) continue;
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.table(name)} order by rowid`.execute(db);
    hash.update(name).update(JSON.stringify(rows.filter((r) => !ignore(name, r))));
  }
  return hash.digest('hex');
}

/** Inserts a participant directly, with exactly the fields a test needs (the rest left empty). */
export async function addPerson(
  db: DB,
  row: Partial<NewParticipant>,
  choices: Partial<Choices> = {},
): Promise<number> {
  const id = await insertParticipant(db, {
    public_id: crypto.randomBytes(9).toString('base64url'),
    status: 'active',
    source: 'web',
    language: 'en',
    created_at: '2026-01-01T20:00:00.000Z',
    updated_at: '2026-01-01T20:00:00.000Z',
    ...row,
  });
  await setChoices(db, id, choices);
  return id;
}
