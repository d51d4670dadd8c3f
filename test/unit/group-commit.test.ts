import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql, type Generated } from 'kysely';
import {
  closeDatabase,
  openDatabase,
  StatementCache,
  type OpenedDatabase,
} from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

interface T {
  notes: { id: Generated<number>; body: string };
  children: { id: Generated<number>; note_id: number };
}

describe('group commit (the SQLite driver)', () => {
  let dir: string;
  let file: string;
  let opened: OpenedDatabase;
  let db: Kysely<T>;
  /** Each statement the app's connection runs, by its first two words, with markers pushed by the test. */
  let log: string[];
  let spy: jest.SpyInstance;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
    file = path.join(dir, 'db.sqlite');
    opened = openDatabase(file);
    opened.sqlite.exec(`create table notes (id integer primary key, body text not null unique);
      create table children (id integer primary key,
        note_id integer not null references notes (id) deferrable initially deferred);`);
    db = opened.db as unknown as Kysely<T>;
    log = [];
    const prepare = StatementCache.prototype.prepare;
    spy = jest.spyOn(StatementCache.prototype, 'prepare').mockImplementation(function (
      this: StatementCache,
      text: string,
    ) {
      log.push(text.replace(/"/g, '').split(/\s+/).slice(0, 2).join(' ').toLowerCase());
      return prepare.call(this, text);
    });
  });

  afterEach(async () => {
    spy.mockRestore();
    await closeDatabase(opened);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** What another process would see: a second connection to the file. */
  const seenOnDisk = () => {
    const other = new SQLite(file, { readonly: true });
    try {
      return (other.prepare('select body from notes order by id').all() as { body: string }[]).map(
        (r) => r.body,
      );
    } finally {
      other.close();
    }
  };

  const add = (body: string) =>
    db.transaction().execute((trx) => trx.insertInto('notes').values({ body }).execute());

  test('transactions begun in the same turn share one COMMIT, and each resolves only after it', async () => {
    const done = ['a', 'b', 'c', 'd'].map((body) =>
      add(body).then(() => {
        log.push(`resolved ${body}`);
        expect(seenOnDisk()).toEqual(['a', 'b', 'c', 'd']);
      }),
    );
    await Promise.all(done);
    expect(log.filter((s) => s === 'commit')).toHaveLength(1);
    expect(log.filter((s) => s === 'begin immediate')).toHaveLength(1);
    expect(log.filter((s) => s === 'savepoint unit')).toHaveLength(4);
    expect(opened.counts).toEqual({ transactions: 4, commits: 1 });
    const commit = log.indexOf('commit');
    expect(log.findIndex((s) => s.startsWith('resolved'))).toBeGreaterThan(commit);
  });

  test('a transaction alone still commits, in the next turn of the event loop', async () => {
    await add('alone');
    expect(seenOnDisk()).toEqual(['alone']);
    await add('later');
    expect(log.filter((s) => s === 'commit')).toHaveLength(2);
  });

  test('a transaction that fails rolls back alone, with its own error; the others commit', async () => {
    const results = await Promise.allSettled([
      add('first'),
      db.transaction().execute(async (trx) => {
        await trx.insertInto('notes').values({ body: 'doomed' }).execute();
        throw new Error('changed my mind');
      }),
      add('first'), // a UNIQUE violation: this one fails too, the rest stand
      add('third'),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('changed my mind');
    expect((results[2] as PromiseRejectedResult).reason.message).toMatch(/UNIQUE/);
    expect(seenOnDisk()).toEqual(['first', 'third']);
  });

  test('when the shared COMMIT fails, every transaction in it fails and nothing of it is kept', async () => {
    const results = await Promise.allSettled([
      add('kept?'),
      // A deferred foreign key is checked only at COMMIT: this orphan fails the whole batch.
      db
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ note_id: 999 }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/FOREIGN KEY/);
    expect(opened.sqlite.inTransaction).toBe(false);
    expect(seenOnDisk()).toEqual([]);
    await add('after');
    expect(seenOnDisk()).toEqual(['after']);
  });

  test('a transaction that failed against a row of a failed batch gets the batch’s error', async () => {
    const results = await Promise.allSettled([
      add('seat 1'),
      add('seat 1'), // "already taken" — by a row that is never stored
      db
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ note_id: 999 }).execute()),
    ]);
    expect(results.map((r) => (r as PromiseRejectedResult).reason?.message)).toEqual([
      'FOREIGN KEY constraint failed',
      'FOREIGN KEY constraint failed',
      'FOREIGN KEY constraint failed',
    ]);
    expect(seenOnDisk()).toEqual([]);
  });

  test('a block holding the connection waits for every batch it ran in, and fails with any', async () => {
    const block = db.connection().execute(async (c) => {
      await c
        .transaction()
        .execute((trx) => trx.insertInto('notes').values({ body: 'one' }).execute());
      await c
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ note_id: 999 }).execute());
      // A stream commits the open batch first: here that COMMIT fails.
      for await (const row of c.selectFrom('notes').select('body').stream()) void row;
      await c
        .transaction()
        .execute((trx) => trx.insertInto('notes').values({ body: 'two' }).execute());
    });
    // SqliteError comes from the native module's first realm: match its message, not its class.
    await expect(block).rejects.toMatchObject({ message: 'FOREIGN KEY constraint failed' });
    expect(seenOnDisk()).toEqual(['two']);
  });

  test('when a failed transaction cannot be undone alone, its batch goes and the next one works', async () => {
    await add('a');
    let open: AsyncIterator<{ body: string }> | undefined;
    const failed = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ body: 'never stored' }).execute();
      // A statement left running makes ROLLBACK TO fail.
      open = trx.selectFrom('notes').select('body').stream()[Symbol.asyncIterator]();
      await open.next();
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toMatchObject({ message: expect.stringMatching(/busy/) });
    await open!.return!(undefined);
    await add('b');
    expect(seenOnDisk()).toEqual(['a', 'b']);
  });

  test('a query that reads inside an open batch waits for its COMMIT too', async () => {
    const written = add('x');
    const read = db.selectFrom('notes').select('body').execute();
    const rows = await read;
    expect(rows).toEqual([{ body: 'x' }]);
    expect(seenOnDisk()).toEqual(['x']); // what the read saw is durable before it is answered
    await written;
  });

  test('a stream first commits the open batch instead of holding it for its whole length', async () => {
    const written = add('before the stream');
    const streamed: string[] = [];
    for await (const row of db.selectFrom('notes').select('body').stream()) {
      streamed.push(row.body);
      expect(seenOnDisk()).toEqual(['before the stream']);
    }
    expect(streamed).toEqual(['before the stream']);
    await written;
    expect(log.indexOf('commit')).toBeLessThan(log.indexOf('select body'));
  });

  test('closing the database commits what is still open', async () => {
    let ran!: () => void;
    const unitRan = new Promise<void>((resolve) => (ran = resolve));
    const written = db.transaction().execute(async (trx) => {
      await trx.insertInto('notes').values({ body: 'at shutdown' }).execute();
      ran();
    });
    await unitRan; // its COMMIT is still to come
    expect(log).not.toContain('commit');
    await closeDatabase(opened);
    await written;
    expect(seenOnDisk()).toEqual(['at shutdown']);
  });

  test('the connection keeps the settings QUALITY.md asks for', async () => {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(rows[0].synchronous).toBe(2); // FULL: every COMMIT reaches the disk
  });
});

test('the schema has no deferred constraint, which would fail a whole shared COMMIT', async () => {
  const opened = openDatabase(':memory:');
  try {
    await migrateToLatest(opened.db);
    const tables = opened.sqlite
      .prepare("select name, sql from sqlite_master where type = 'table'")
      .all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(20);
    expect(tables.filter((t) => /deferr/i.test(t.sql)).map((t) => t.name)).toEqual([]);
  } finally {
    await closeDatabase(opened);
  }
});
