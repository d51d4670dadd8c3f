import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { prepareDatabase } from '../../src/bootstrap';
import { runAdmin, USAGE } from '../../src/cli/admin';
import { backupDatabase } from '../../src/cli/backup';
import { testConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { ROOT } from '../../src/paths';

const PASSWORD = 'correct horse battery staple';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-panel-cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
const tmpFile = (name: string) => path.join(dir, `${++n}-${name}`);

/** A migrated database file, closed again. */
async function preparedDatabase(): Promise<string> {
  const file = tmpFile('panel.sqlite');
  const { db } = openDatabase(file);
  await prepareDatabase(db, testConfig({ databasePath: file }));
  await db.destroy();
  return file;
}

/** A WAL database with 2,000 rows of 1 kB still in its -wal, and the writer connection open. */
function walDatabaseWithWriter() {
  const file = tmpFile('source.sqlite');
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0'); // keep every commit in the -wal
  writer.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = writer.prepare('INSERT INTO notes (body) VALUES (?)');
  writer.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`note ${i} ${'x'.repeat(1000)}`);
  })();
  return { file, writer, insert };
}

describe('backupDatabase', () => {
  test('copies a WAL database while another connection keeps writing', async () => {
    const { file, writer, insert } = walDatabaseWithWriter();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(2_000_000);
    let writes = 0;
    const busy = setInterval(() => {
      insert.run('written during the backup');
      writes++;
    }, 0);
    const target = tmpFile('copy.sqlite');
    try {
      const result = await backupDatabase(file, target);
      expect(result).toEqual({ integrity: 'ok', bytes: fs.statSync(target).size });
    } finally {
      clearInterval(busy);
    }
    expect(writes).toBeGreaterThan(0);
    // Nothing left beside the copy: a single self-contained file.
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(path.basename(target)))).toEqual([
      path.basename(target),
    ]);

    const copy = new SQLite(target, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const count = copy.prepare('SELECT count(*) AS c FROM notes').get() as { c: number };
      expect(count.c).toBeGreaterThanOrEqual(2000);
      expect(copy.prepare('SELECT body FROM notes WHERE id = 2000').get()).toEqual({
        body: `note 1999 ${'x'.repeat(1000)}`,
      });
    } finally {
      copy.close();
    }
    // The writer is undisturbed.
    insert.run('after the backup');
    writer.close();
  });

  test('refuses to overwrite a file unless forced', async () => {
    const source = await preparedDatabase();
    const target = tmpFile('existing.sqlite');
    fs.writeFileSync(target, 'an older backup');

    await expect(backupDatabase(source, target)).rejects.toThrow(/already exists.*--force/);
    expect(fs.readFileSync(target, 'utf8')).toBe('an older backup');

    const result = await backupDatabase(source, target, { force: true });
    expect(result.integrity).toBe('ok');
    expect(result.bytes).toBe(fs.statSync(target).size);
  });

  test('refuses a database file that does not exist, without creating it', async () => {
    const missing = path.join(dir, 'missing.sqlite');
    await expect(backupDatabase(missing, tmpFile('copy.sqlite'))).rejects.toThrow(/does not exist/);
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('runAdmin', () => {
  function capture() {
    const text = { out: '', err: '' };
    const deps = {
      out: { write: (s: string) => (text.out += s) },
      err: { write: (s: string) => (text.err += s) },
    };
    return { text, deps };
  }
  const env = (file: string, extra: NodeJS.ProcessEnv = {}) => ({
    DATABASE_PATH: file,
    LOG_LEVEL: 'silent',
    ...extra,
  });

  async function staffRows(file: string) {
    const { db } = openDatabase(file);
    try {
      return await db.selectFrom('staff_users').selectAll().execute();
    } finally {
      await db.destroy();
    }
  }

  test('create-user makes an active account with an argon2id hash', async () => {
    const file = await preparedDatabase();
    const { text, deps } = capture();
    const code = await runAdmin(
      ['create-user', '--email', ' Pat@City.test ', '--name', 'Pat Lee', '--role', 'organizer'],
      env(file, { ADMIN_PASSWORD: PASSWORD }),
      deps,
    );
    expect(text.err).toBe('');
    expect(code).toBe(0);
    const [row] = await staffRows(file);
    expect(row).toMatchObject({
      email: 'pat@city.test',
      name: 'Pat Lee',
      role: 'organizer',
      status: 'active',
    });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(text.out).toBe(`Created organizer account for pat@city.test (id ${row.id})\n`);
    expect(text.out).not.toContain(PASSWORD);
  });

  test('also works on a database that was never migrated, with --password', async () => {
    const file = tmpFile('fresh.sqlite');
    const { text, deps } = capture();
    const args = ['create-user', '--email', 'a@city.test', '--name', 'A', '--role', 'admin'];
    expect(await runAdmin([...args, '--password', PASSWORD], env(file), deps)).toBe(0);
    expect((await staffRows(file)).map((r) => r.role)).toEqual(['admin']);
    expect(text.out + text.err).not.toContain(PASSWORD);
  });

  test('refuses a 5-character password with exit code 1', async () => {
    const file = await preparedDatabase();
    const { text, deps } = capture();
    const code = await runAdmin(
      ['create-user', '--email', 'b@city.test', '--name', 'B', '--role', 'analyst'],
      env(file, { ADMIN_PASSWORD: 'abcde' }),
      deps,
    );
    expect(code).toBe(1);
    expect(text.err).toBe('password: Password must be at least 12 characters\n');
    expect(text.err).not.toContain('abcde');
    expect(await staffRows(file)).toEqual([]);
  });

  test('refuses a role that does not exist with exit code 1', async () => {
    const file = await preparedDatabase();
    const { text, deps } = capture();
    const code = await runAdmin(
      ['create-user', '--email', 'c@city.test', '--name', 'C', '--role', 'superuser'],
      env(file, { ADMIN_PASSWORD: PASSWORD }),
      deps,
    );
    expect(code).toBe(1);
    expect(text.err).toBe('role: must be one of admin, organizer, facilitator, analyst\n');
    expect(await staffRows(file)).toEqual([]);
  });

  test('prints usage with exit code 2 without a command, an unknown one or a missing flag', async () => {
    const file = tmpFile('never-opened.sqlite');
    for (const argv of [
      [],
      ['delete-user'],
      ['create-user', '--email', 'd@city.test', '--role', 'admin'],
      ['create-user', '--bogus'],
    ]) {
      const { text, deps } = capture();
      expect(await runAdmin(argv, env(file, { ADMIN_PASSWORD: PASSWORD }), deps)).toBe(2);
      expect(text.err).toContain(USAGE);
      expect(text.out).toBe('');
    }
    expect(fs.existsSync(file)).toBe(false);
  });
});

test('npx tsx src/cli/backup.ts FILE backs up DATABASE_PATH and says ok', async () => {
  const source = await preparedDatabase();
  const target = tmpFile('spawned-copy.sqlite');
  const { code, stdout, stderr } = await new Promise<{
    code: number;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    execFile(
      'npx',
      ['tsx', 'src/cli/backup.ts', target],
      { cwd: ROOT, env: { ...process.env, DATABASE_PATH: source, LOG_LEVEL: 'silent' } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number(err.code ?? 1) : 0, stdout: String(stdout), stderr }),
    );
  });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  expect(stdout).toMatch(/integrity_check ok, \d+ bytes/);
  expect(fs.statSync(target).size).toBeGreaterThan(0);
}, 60_000);
