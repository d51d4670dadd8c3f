import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { StatementCache } from '../../src/db/database';
import { DatabaseSessionStore } from '../../src/web/session-store';
import { FakeClock, MINUTE } from '../../src/clock';
import type { Database } from '../../src/db/schema';

interface T {
  n: { v: number };
}

describe('StatementCache (what Kysely prepares through)', () => {
  let sqlite: SQLite.Database;
  beforeEach(() => {
    sqlite = new SQLite(':memory:');
    sqlite.exec('create table n (v integer); insert into n values (1), (2), (3);');
  });
  afterEach(() => {
    if (sqlite.open) sqlite.close();
  });

  test('the same SQL gets the same statement; other SQL another', () => {
    const cache = new StatementCache(sqlite);
    const a = cache.prepare('select v from n');
    expect(cache.prepare('select v from n')).toBe(a);
    expect(cache.prepare('select v from n where v > ?')).not.toBe(a);
    expect(cache.kept).toBe(2);
  });

  test('a statement still iterating is not handed out again: a fresh one runs instead', () => {
    const cache = new StatementCache(sqlite);
    const a = cache.prepare('select v from n') as SQLite.Statement;
    const it = a.iterate();
    it.next();
    expect(a.busy).toBe(true);
    const b = cache.prepare('select v from n') as SQLite.Statement;
    expect(b).not.toBe(a);
    expect(b.all()).toHaveLength(3);
    it.return?.();
    // Once done, the kept one is used again.
    expect(cache.prepare('select v from n')).toBe(a);
  });

  test('keeps at most `size` statements, dropping the least recently used', () => {
    const cache = new StatementCache(sqlite, 2);
    const one = cache.prepare('select 1');
    cache.prepare('select 2');
    cache.prepare('select 1'); // used again: now the newest
    cache.prepare('select 3'); // drops "select 2"
    expect(cache.kept).toBe(2);
    expect(cache.prepare('select 1')).toBe(one);
  });

  test('through Kysely: streams, a stream left early, then the same query, all get their rows', async () => {
    const db = new Kysely<T>({
      dialect: new SqliteDialect({ database: new StatementCache(sqlite) }),
    });
    const query = db.selectFrom('n').select('v').orderBy('v');
    const seen: number[] = [];
    for await (const row of query.stream()) seen.push(row.v);
    for await (const row of query.stream()) {
      seen.push(row.v);
      break; // (Kysely holds its one connection while streaming; leaving frees it)
    }
    expect((await query.execute()).map((r) => r.v)).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3, 1]);
    await db.destroy();
    expect(sqlite.open).toBe(false);
  });
});

describe('DatabaseSessionStore.touch', () => {
  test('writes no expiry for a timed session (its idle window moves with seenAt), slides an untimed one', async () => {
    const sqlite = new SQLite(':memory:');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: new StatementCache(sqlite) }),
    });
    await db.schema
      .createTable('sessions')
      .addColumn('sid', 'text', (c) => c.primaryKey())
      .addColumn('data', 'text')
      .addColumn('expires_at', 'text')
      .addColumn('participant_id', 'integer')
      .addColumn('staff_user_id', 'integer')
      .execute();
    const clock = new FakeClock(new Date('2026-12-04T10:00:00Z'));
    const store = new DatabaseSessionStore(db, clock);
    const cookie = { maxAge: 30 * MINUTE, originalMaxAge: 30 * MINUTE } as never;
    const call = (f: (cb: (err?: unknown) => void) => void) =>
      new Promise<void>((resolve, reject) => f((err) => (err ? reject(err) : resolve())));
    const expiry = async (sid: string) =>
      (
        await db
          .selectFrom('sessions')
          .select('expires_at')
          .where('sid', '=', sid)
          .executeTakeFirst()
      )?.expires_at;
    await call((cb) => store.set('timed', { cookie, seenAt: 1, startedAt: 1 } as never, cb));
    await call((cb) => store.set('untimed', { cookie } as never, cb));
    clock.advance(10 * MINUTE);
    await call((cb) => store.touch('timed', { cookie, seenAt: 1, startedAt: 1 } as never, cb));
    await call((cb) => store.touch('untimed', { cookie } as never, cb));
    expect(await expiry('timed')).toBe('2026-12-04T10:30:00.000Z');
    expect(await expiry('untimed')).toBe('2026-12-04T10:40:00.000Z');
    await db.destroy();
  });
});
