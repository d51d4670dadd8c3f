import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
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
 *   before its caller sees a result. If that COMMIT fails, each of them fails with its error
 *   (a transaction that had already failed keeps its own error). So a success answered to a
 *   resident still means the rows are on disk under `synchronous=FULL` (QUALITY reliability 2).
 * - Transactions still run one after another on the one connection, each seeing the ones before
 *   it, so the guards that rely on that (the seat count, the submission keys) hold as before.
 * - A stream (a long read) commits what is open before it starts, instead of keeping everyone in
 *   the batch waiting for its end.
 *
 * PostgreSQL commits each transaction itself and has group commit of its own; this is the SQLite
 * dialect's driver only and changes no query.
 */
export class GroupCommitDialect extends SqliteDialect {
  constructor(
    private readonly settings: SqliteDialectConfig & {
      /** Whether the connection is inside a transaction (better-sqlite3's `inTransaction`). */
      inTransaction: () => boolean;
      /** Counted as they happen, for the bench and the tests. */
      counts: CommitCounts;
    },
  ) {
    super(settings);
  }

  override createDriver(): Driver {
    const { inTransaction, counts } = this.settings;
    return new GroupCommitDriver(new SqliteDriver(this.settings), inTransaction, counts);
  }
}

/** How many transactions have committed, and in how many COMMITs. */
export interface CommitCounts {
  transactions: number;
  commits: number;
}

const raw = (sql: string) => CompiledQuery.raw(sql);

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
  /** The holder of the connection: the outer transaction it used, and whether it rolled back. */
  private used: Batch | undefined;
  private failed = false;
  private connection: BatchedConnection | undefined;
  /** Whether the holder is inside one of its transactions (a SAVEPOINT is open). */
  inUnit = false;

  constructor(
    private readonly inner: SqliteDriver,
    private readonly inTransaction: () => boolean,
    private readonly counts: CommitCounts,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    this.used = this.open; // a query now runs inside the open transaction
    this.failed = false;
    this.connection ??= new BatchedConnection(connection, this); // SQLite's one connection
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings) {
    if (!this.open) {
      await connection.executeQuery(raw('begin immediate'));
      this.open = new Batch();
    }
    this.used = this.open;
    await connection.executeQuery(raw('savepoint unit'));
    this.inUnit = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.inUnit = false;
    await connection.executeQuery(raw('release unit'));
    if (this.used) this.used.transactions++;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.inUnit = false;
    this.failed = true;
    // Some errors (a full disk, an I/O error) make SQLite roll back the whole outer
    // transaction itself; releaseConnection then fails the batch.
    if (!this.inTransaction()) return;
    await connection.executeQuery(raw('rollback to unit'));
    await connection.executeQuery(raw('release unit'));
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint(unwrap(connection), name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    return this.inner.rollbackToSavepoint(unwrap(connection), name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    return this.inner.releaseSavepoint(unwrap(connection), name, compile);
  }

  async releaseConnection(_connection: DatabaseConnection): Promise<void> {
    const batch = this.used;
    const failed = this.failed;
    this.used = undefined;
    if (this.open && !this.inTransaction()) {
      const lost = this.open;
      this.open = undefined;
      lost.settle(new Error('SQLite rolled back the open transaction after an error'));
    }
    await this.inner.releaseConnection();
    if (!batch) return;
    this.schedule(batch);
    // A transaction that failed keeps its own error, but still answers only after the
    // transactions it may have seen are durable.
    if (failed) await batch.durable.catch(() => undefined);
    else await batch.durable;
  }

  /**
   * Commits the open transaction now, from the holder of the connection (before a long read
   * such as a stream, which would otherwise keep everyone in the batch waiting).
   */
  async commitOpen(connection: DatabaseConnection): Promise<void> {
    const batch = this.open;
    if (!batch) return;
    this.open = undefined;
    try {
      await connection.executeQuery(raw('commit'));
      this.counts.commits++;
      this.counts.transactions += batch.transactions;
      batch.settle();
    } catch (error) {
      if (this.inTransaction()) await connection.executeQuery(raw('rollback')).catch(() => {});
      batch.settle(error);
    }
  }

  private schedule(batch: Batch): void {
    if (batch.scheduled) return;
    batch.scheduled = true;
    setImmediate(() => void this.commitLater(batch));
  }

  private async commitLater(batch: Batch): Promise<void> {
    const connection = await this.inner.acquireConnection();
    try {
      if (this.open === batch) await this.commitOpen(connection);
    } finally {
      await this.inner.releaseConnection();
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

/** The connection as the driver hands it out: a stream first commits what is open. */
class BatchedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
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

const unwrap = (c: DatabaseConnection) => (c instanceof BatchedConnection ? c.inner : c);
