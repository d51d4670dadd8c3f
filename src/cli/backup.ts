/**
 * `npm run backup -- FILE [--force]`: copies the configured database (DATABASE_PATH) to FILE with
 * SQLite's online backup API, safe while the app is running, then checks the copy with
 * `PRAGMA integrity_check`. The copy is written beside FILE first and renamed into place only
 * when it checks out, so FILE is never a half-written or corrupt database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';

export interface BackupResult {
  /** 'ok', or the problems integrity_check reported, one per line. */
  integrity: string;
  bytes: number;
}

const ALL_PAGES = 0x7fffffff;

export async function backupDatabase(
  sourcePath: string,
  targetPath: string,
  { force = false }: { force?: boolean } = {},
): Promise<BackupResult> {
  if (sourcePath === ':memory:') throw new Error('DATABASE_PATH is :memory:; nothing to back up');
  if (!fs.existsSync(sourcePath)) throw new Error(`Database ${sourcePath} does not exist`);
  if (path.resolve(sourcePath) === path.resolve(targetPath))
    throw new Error('The backup file cannot be the database itself');
  if (fs.existsSync(targetPath) && !force)
    throw new Error(`${targetPath} already exists; pass --force to replace it`);
  // A -wal beside FILE would be replayed into the new copy the next time FILE is opened.
  if (fs.existsSync(`${targetPath}-wal`))
    throw new Error(`${targetPath} is open elsewhere (${targetPath}-wal exists); close it first`);

  const partial = `${targetPath}.partial-${process.pid}`;
  try {
    const { sqlite } = openDatabase(sourcePath);
    try {
      // All pages in one step. In small steps (the default) every write by the running app
      // restarts the copy, which never finishes on a busy database; in WAL mode one step holds
      // only a read snapshot, which does not block the app's writes.
      await sqlite.backup(partial, { progress: () => ALL_PAGES });
    } finally {
      // Not db.destroy(): Kysely only closes the handle if a query ever went through it.
      sqlite.close();
    }
    const integrity = checkCopy(partial);
    const bytes = fs.statSync(partial).size;
    if (integrity === 'ok') fs.renameSync(partial, targetPath);
    return { integrity, bytes };
  } finally {
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** Runs integrity_check on the copy and leaves it a single self-contained file (no -wal). */
function checkCopy(file: string): string {
  const copy = new SQLite(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE'); // the app turns WAL back on when it opens the file
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('\n');
  } finally {
    copy.close();
  }
}

const USAGE = 'Usage: npm run backup -- FILE [--force]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ options: { force: { type: 'boolean' } }, allowPositionals: true });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [target, ...extra] = args.positionals;
  if (!target || extra.length) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const { integrity, bytes } = await backupDatabase(config.databasePath, target, {
    force: args.values.force,
  });
  if (integrity !== 'ok') {
    console.error(`integrity_check failed; no backup written:\n${integrity}`);
    return 1;
  }
  console.log(`${target}: integrity_check ok, ${bytes} bytes`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error('Backup failed:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
