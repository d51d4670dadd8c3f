import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { prepared } from '../../src/db/prepared';

interface T {
  item: { id: number; name: string; note: string | null };
}

describe('prepared queries (built once per shape of their arguments)', () => {
  let db: Kysely<T>;
  beforeEach(async () => {
    db = new Kysely<T>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await sql`create table item (id integer primary key, name text not null, note text)`.execute(
      db,
    );
    await db
      .insertInto('item')
      .values([
        { id: 1, name: 'one', note: null },
        { id: 2, name: 'two', note: 'b' },
        { id: 3, name: 'three', note: 'c' },
      ])
      .execute();
  });
  afterEach(() => db.destroy());

  test('runs each call with its own values, building the query once', async () => {
    let built = 0;
    const byId = prepared((d: Kysely<T>, a: { id: number }) => {
      if (typeof a.id !== 'number') built++; // a stand-in, not a value
      return d.selectFrom('item').select(['id', 'name']).where('id', '=', a.id);
    });
    expect((await byId(db, { id: 2 })).rows).toEqual([{ id: 2, name: 'two' }]);
    expect((await byId(db, { id: 3 })).rows).toEqual([{ id: 3, name: 'three' }]);
    expect((await byId(db, { id: 9 })).rows).toEqual([]);
    expect(built).toBe(1);
  });

  test('a list of another length, or a value left undefined, is another shape', async () => {
    const names = prepared((d: Kysely<T>, a: { ids: number[] }) =>
      d.selectFrom('item').select('name').where('id', 'in', a.ids).orderBy('id'),
    );
    expect((await names(db, { ids: [1, 3] })).rows.map((r) => r.name)).toEqual(['one', 'three']);
    expect((await names(db, { ids: [2] })).rows.map((r) => r.name)).toEqual(['two']);
    expect((await names(db, { ids: [3, 2, 1] })).rows).toHaveLength(3);

    const add = prepared((d: Kysely<T>, a: { rows: T['item'][] }) =>
      d.insertInto('item').values(a.rows),
    );
    await add(db, { rows: [{ id: 4, name: 'four', note: 'd' }] });
    // Kysely leaves out an undefined value: the column takes its default (null) instead.
    await add(db, { rows: [{ id: 5, name: 'five', note: undefined as unknown as null }] });
    await add(db, {
      rows: [
        { id: 6, name: 'six', note: null },
        { id: 7, name: 'seven', note: 'g' },
      ],
    });
    const rows = await db.selectFrom('item').selectAll().where('id', '>', 3).execute();
    expect(rows).toEqual([
      { id: 4, name: 'four', note: 'd' },
      { id: 5, name: 'five', note: null },
      { id: 6, name: 'six', note: null },
      { id: 7, name: 'seven', note: 'g' },
    ]);
  });

  test('runs inside a transaction, and its writes go with it', async () => {
    const rename = prepared((d: Kysely<T>, a: { id: number; name: string }) =>
      d.updateTable('item').set({ name: a.name }).where('id', '=', a.id),
    );
    const r = await db.transaction().execute((trx) => rename(trx, { id: 1, name: 'uno' }));
    expect(r.numAffectedRows).toBe(1n);
    await expect(
      db.transaction().execute(async (trx) => {
        await rename(trx, { id: 2, name: 'dos' });
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    const names = await db.selectFrom('item').select('name').orderBy('id').execute();
    expect(names.map((n) => n.name)).toEqual(['uno', 'two', 'three']);
  });

  test('on a transaction that has ended, it is refused as any Kysely query is', async () => {
    const byId = prepared((d: Kysely<T>, a: { id: number }) =>
      d.selectFrom('item').select('name').where('id', '=', a.id),
    );
    let ended: Kysely<T> | undefined;
    await db.transaction().execute(async (trx) => {
      ended = trx;
      await byId(trx, { id: 1 });
    });
    await expect(byId(ended!, { id: 1 })).rejects.toThrow(/already committed/);
  });

  test('under the tests, a build that looks at a value fails instead of running the wrong SQL', async () => {
    const risky = prepared((d: Kysely<T>, a: { id: number; withNote: boolean }) => {
      const q = d.selectFrom('item').select('id').where('id', '=', a.id);
      return a.withNote ? q.where('note', 'is not', null) : q;
    });
    await expect(risky(db, { id: 1, withNote: false })).rejects.toThrow(/differs from the built/);
  });

  test('a value used as SQL text is refused', async () => {
    const raw = prepared((d: Kysely<T>, a: { column: string }) =>
      d.selectFrom('item').select(sql.raw<string>(a.column).as('x')),
    );
    await expect(raw(db, { column: 'name' })).rejects.toThrow(/argument column used as SQL text/);
  });
});
