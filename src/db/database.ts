import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { GroupCommitDialect, type CommitCounts } from './group-commit';
import type { Database } from './schema';
import { LruMap } from '../lru-map';

export type DB = Kysely<Database>;

export interface OpenedDatabase {
  db: DB;
  /** The raw connection, for pragmas, the backup API and closing. Only src/db uses it. */
  sqlite: SQLite.Database;
  /** Transactions committed and the COMMITs they shared (src/db/group-commit.ts). */
  counts: CommitCounts;
}

/**
 * Opens the SQLite file (or ':memory:') with the settings QUALITY.md asks for:
 * WAL, synchronous=FULL (better-sqlite3 leaves NORMAL, which can lose acknowledged commits
 * on power loss), foreign keys on, and a busy timeout so a second process waits instead of failing.
 */
export function openDatabase(file: string): OpenedDatabase {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The default page cache is 2 MB: every staff list over 100,000 people would re-read the
  // table from the OS. 64 MB keeps the working set in memory (measured: a full scan 31 → 9 ms).
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  const counts = { transactions: 0, commits: 0 };
  const db = new Kysely<Database>({
    dialect: new GroupCommitDialect({
      database: new StatementCache(sqlite),
      counts,
    }),
  });
  return { db, sqlite, counts };
}

/**
 * What Kysely's SQLite driver sees of the connection: `prepare` hands back the statement already
 * compiled for the same SQL text (the driver prepares on every query, which cost more CPU than
 * running the query on the survey bench). A statement still iterating (Kysely's `stream()`)
 * is busy and cannot run a second time, so a fresh one is prepared for that call instead.
 * The least recently used statement goes when `size` are kept.
 */
export class StatementCache implements SqliteDatabase {
  private readonly statements: LruMap<string, SQLite.Statement>;

  constructor(
    private readonly sqlite: SQLite.Database,
    size = 500,
  ) {
    this.statements = new LruMap(size);
  }

  prepare(sql: string): SqliteStatement {
    const cached = this.statements.get(sql);
    if (cached && !cached.busy) return cached;
    const stmt = this.sqlite.prepare(sql);
    if (cached) return stmt; // the cached one is busy; keep it for the next call
    this.statements.set(sql, stmt);
    return stmt;
  }

  /** Whether a transaction is open on the connection (the group-commit driver asks). */
  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  /** How many statements are kept (for tests). */
  get kept(): number {
    return this.statements.size;
  }

  close(): void {
    this.statements.clear();
    this.sqlite.close();
  }
}

/** Closes the database. Kysely closes the handle only if it ever used it, so close it too. */
export async function closeDatabase(opened: OpenedDatabase): Promise<void> {
  await opened.db.destroy();
  if (opened.sqlite.open) opened.sqlite.close();
}
