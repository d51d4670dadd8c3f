import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

/**
 * Group commit for SQLite: the transactions that reach the connection in the same turn of the
 * event loop share one COMMIT, so they share its disk sync and the pages they all touch (an
 * index leaf, the table's last page) are written to the WAL once instead of once each.
 *
 * - The first transaction of a turn opens an outer `BEGIN IMMEDIATE`; each transaction is a
 *   SAVEPOINT inside it, released when it commits and rolled back alone when it fails.
 *   IMMEDIATE takes the write lock at once: another process on the file (`npm run worker`)
 *   makes it wait through `busy_timeout`, never fail halfway as a read turned write can.
 * - The outer transaction commits in the turn's check phase (`setImmediate`), after every request
 *   whose bytes arrived in that turn has run, behind whatever holds the connection then.
 * - Nothing is handed back before it is durable: every use of the connection while the outer
 *   transaction was open (a transaction, or a query that read inside it) waits for the COMMIT
 *   before its caller sees a result. If that COMMIT fails, each of them fails with its error,
 *   even a transaction that had failed on its own (what it failed against was never stored).
 *   So a success answered to a resident still means the rows are on disk under
 *   `synchronous=FULL` (QUALITY reliability 2).
 * - Transactions still run one after another on the one connection, each seeing the ones before
 *   it, so the guards that rely on that (the seat count, the submission keys) hold as before.
 * - A stream (a long read) commits what is open before it starts, instead of keeping everyone in
 *   the batch waiting for its end.
 * - The one rule it adds: inside a transaction (or a `db.connection()` block), await nothing that
 *   was started outside it and uses the database. That waits for a COMMIT which waits for the
 *   connection this transaction holds: both hang. (A block's own transactions are durable when
 *   the block ends, for the same reason.) Kysely's `startTransaction` answers `commit()` before
 *   the COMMIT; ESLint refuses it.
 *
 * PostgreSQL commits each transaction itself and has group commit of its own; this is the SQLite
 * dialect's driver only and changes no query.
 */
export class GroupCommitDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig & {
      /** The connection itself (not a factory): the driver asks it whether a transaction is open. */
      database: SqliteDatabase & { readonly inTransaction: boolean };
      /** Counted as they happen, for the bench and the tests. */
      counts: CommitCounts;
    },
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    const { database, counts } = this.settings;
    return new GroupCommitDriver(
      new SqliteDriver(this.settings),
      () => database.inTransaction,
      counts,
    );
  }
}

/** How many transactions have committed, and in how many COMMITs. */
export interface CommitCounts {
  transactions: number;
  commits: number;
}

/** One outer transaction and everyone waiting for its COMMIT. */
class Batch {
  /** Transactions released into it. */
  transactions = 0;
  scheduled = false;
  settled = false;
  readonly durable: Promise<void>;
  private finish!: (error?: unknown) => void;

  constructor() {
    this.durable = new Promise<void>((resolve, reject) => {
      this.finish = (error) => (error === undefined ? resolve() : reject(error));
    });
    this.durable.catch(() => undefined); // awaited by each user; none may be left when it fails
  }

  settle(error?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.finish(error);
  }
}

export class GroupCommitDriver implements Driver {
  /** The outer transaction open on the connection, if any. */
  private open: Batch | undefined;
  /** The outer transactions the holder of the connection has run inside. */
  private used: Batch[] = [];
  /** SQLite's one connection, taken from Kysely's driver once and handed out in turn. */
  private connection!: BatchedConnection;
  private readonly turns = new Turns();
  /** Whether the holder is inside one of its transactions (a SAVEPOINT is open). */
  inUnit = false;

  constructor(
    private readonly inner: SqliteDriver,
    private readonly inTransaction: () => boolean,
    private readonly counts: CommitCounts,
  ) {}

  async init(): Promise<void> {
    await this.inner.init();
    this.connection = new BatchedConnection(await this.inner.acquireConnection(), this);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take();
    this.used = this.open ? [this.open] : []; // a query now runs inside the open transaction
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    if (!this.open) {
      // Left over from a ROLLBACK that failed: nothing in it was ever answered as done.
      if (this.inTransaction()) await run(connection, 'rollback');
      await run(connection, 'begin immediate');
      this.open = new Batch();
    }
    if (!this.used.includes(this.open)) this.used.push(this.open);
    await run(connection, 'savepoint unit');
    this.inUnit = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.inUnit = false;
    await run(connection, 'release unit');
    if (this.open) this.open.transactions++;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.inUnit = false;
    // Some errors (a full disk, an I/O error) make SQLite roll back the whole outer
    // transaction itself; releaseConnection then fails the batch.
    if (!this.inTransaction()) return;
    try {
      await run(connection, 'rollback to unit');
      await run(connection, 'release unit');
    } catch (error) {
      // Its writes cannot be undone alone: the whole batch goes, and everyone in it fails.
      await run(connection, 'rollback').catch(() => undefined);
      this.fail(error);
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    return this.inner.rollbackToSavepoint(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    return this.inner.releaseSavepoint(connection, name, compile);
  }

  /**
   * Hands the connection on, then waits for the COMMIT of every outer transaction the holder
   * ran inside. If one failed, its error is the holder's answer, even for a transaction that
   * had failed on its own: what it failed against (a key already taken, say) was never stored.
   */
  async releaseConnection(_connection: DatabaseConnection): Promise<void> {
    const used = this.used;
    this.used = [];
    if (this.open && !this.inTransaction())
      this.fail(new Error('SQLite rolled back the open transaction after an error'));
    this.turns.pass();
    for (const batch of used) this.schedule(batch);
    // Every query releases the connection: with one batch (nearly always), its own promise.
    if (used.length < 2) return used[0]?.durable;
    // Each COMMIT has happened, or failed, before the holder hears of any failure.
    const failed = (await Promise.allSettled(used.map((b) => b.durable))).find(
      (o) => o.status === 'rejected',
    );
    if (failed) throw failed.reason;
  }

  /**
   * Commits the open transaction now, from the holder of the connection (before a long read
   * such as a stream, which would otherwise keep everyone in the batch waiting). Never throws:
   * a failure is the batch's, for everyone waiting on it.
   */
  async commitOpen(connection: DatabaseConnection): Promise<void> {
    const batch = this.open;
    if (!batch) return;
    this.open = undefined;
    try {
      await run(connection, 'commit');
      this.counts.commits++;
      this.counts.transactions += batch.transactions;
      batch.settle();
    } catch (error) {
      if (this.inTransaction()) await run(connection, 'rollback').catch(() => undefined);
      batch.settle(error);
    }
  }

  /** The open transaction is gone: everyone in it hears `error`. */
  private fail(error: unknown): void {
    this.open?.settle(error);
    this.open = undefined;
  }

  private schedule(batch: Batch): void {
    if (batch.scheduled) return;
    batch.scheduled = true;
    setImmediate(() => void this.commitLater(batch).catch((error) => batch.settle(error)));
  }

  private async commitLater(batch: Batch): Promise<void> {
    await this.turns.take();
    try {
      if (this.open === batch) await this.commitOpen(this.connection);
    } finally {
      this.turns.pass();
    }
  }

  async destroy(): Promise<void> {
    const batch = this.open;
    if (batch) {
      this.schedule(batch);
      await batch.durable.catch(() => undefined);
    }
    await this.inner.destroy();
  }
}

/**
 * The connection's turns, first come first served. (Kysely's SQLite driver wakes every waiter
 * each time the connection is released, and all but one wait again: on the survey bench one
 * query in six waited, behind twelve others on average, so each release woke a dozen.)
 */
class Turns {
  private taken = false;
  private readonly waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.taken) {
      this.taken = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The next in line gets the connection, still taken; with no one waiting, it is free. */
  pass(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.taken = false;
  }
}

/** Runs a statement of the driver's own (better-sqlite3 throws at once: this makes it a rejection). */
async function run(connection: DatabaseConnection, sql: string): Promise<void> {
  await connection.executeQuery(CompiledQuery.raw(sql));
}

/** The connection as the driver hands it out: a stream first commits what is open. */
class BatchedConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly driver: GroupCommitDriver,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.inner.executeQuery<R>(query);
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number) {
    if (!this.driver.inUnit) await this.driver.commitOpen(this.inner);
    yield* this.inner.streamQuery<R>(query, chunkSize);
  }
}
