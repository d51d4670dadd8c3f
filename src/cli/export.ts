/**
 * `npm run export -- <type> [--survey ID | --study ID] [--profile excel|analysis] [--labels LANG]
 * [--out FILE] [--reason TEXT] [--breakdown DIMENSION] [filters]`, or `npm run export -- list`:
 * any export of the pages (the registry's types and the bundle), for scheduled jobs. Runs as an
 * admin through the same ExportRunner as the download routes; writes to --out or stdout;
 * progress on stderr.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config';
import { closeDatabase, openDatabase } from '../db/database';
import { AppError, ValidationError } from '../errors';
import { loadReference } from '../reference/reference.queries';
import { ExportRunner } from '../results/exports/export-runner';
import type { ExportActor } from '../results/exports/export-type';
import { exportTypes } from '../results/exports/registry';
import { csvReadable } from '../web/csv';

interface Output {
  write(text: string): unknown;
}

const FILTERS = ['version', 'language', 'district', 'use', 'session', 'channel', 'from', 'to'];
const OPTIONS = Object.fromEntries(
  ['survey', 'study', 'profile', 'labels', 'out', 'reason', 'breakdown', ...FILTERS].map((k) => [
    k,
    { type: 'string' as const },
  ]),
);

export const USAGE = `Usage: npm run export -- <type> [--survey ID | --study ID] [--profile excel|analysis]
         [--labels LANG] [--out FILE] [--reason TEXT]
         [--breakdown version|language|district|myla311_use|study|session|channel]
         [--version ID] [--language LANG] [--district N] [--use never|once|few|often]
         [--session ID] [--channel web|phone|paper] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
       npm run export -- list      (the surveys and studies, with their ids)
`;

const ACTOR: ExportActor = { staffId: null, role: 'admin', via: 'cli' };

/** Runs one export command; returns the exit code (0 done, 1 refused or failed, 2 usage). */
export async function runExport(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: { out?: Writable; err?: Output; progressEvery?: number; progressMs?: number } = {},
): Promise<number> {
  const out = io.out ?? process.stdout;
  const err = io.err ?? process.stderr;
  let args;
  try {
    args = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const [name, ...extra] = args.positionals;
  if (!name || extra.length) {
    err.write(USAGE);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return 1;
  }
  if (config.databasePath !== ':memory:' && !fs.existsSync(config.databasePath)) {
    err.write(`The database ${config.databasePath} does not exist (set DATABASE_PATH).\n`);
    return 1;
  }
  const opened = openDatabase(config.databasePath);
  // One pass over the answers: the web app's 64 MB page cache would only hold pages read once.
  opened.sqlite.pragma('cache_size = -8192');
  try {
    const deps = {
      db: opened.db,
      ref: await loadReference(opened.db),
      clock: systemClock,
      cityTimeZone: config.cityTimeZone,
      names: config.cityNames,
    };
    const runner = new ExportRunner(deps, exportTypes(deps));
    if (name === 'list') {
      const { surveys, studies } = await runner.choices();
      for (const s of [...surveys].reverse()) out.write(`survey ${s.id} ${s.title}\n`);
      for (const s of [...studies].reverse()) out.write(`study ${s.id} ${s.title}\n`);
      return 0;
    }
    const known = runner.kinds().map((k) => k.type);
    if (!known.includes(name)) {
      err.write(`Unknown export type: ${name}. Choose from: list, ${known.join(', ')}\n`);
      return 2;
    }
    const kind = runner.kind(name, ACTOR);
    const params = runner.read(kind, args.values);
    if (!params.ok) {
      for (const [field, message] of Object.entries(params.errors))
        err.write(`--${field}: ${message}\n`);
      return 2;
    }
    const target = args.values.out ? fs.createWriteStream(args.values.out) : out;
    const progress = progressOn(err, io.progressEvery ?? 1000, io.progressMs ?? 1000);
    try {
      if (name === 'bundle') {
        const bundle = await runner.bundle(params.data, ACTOR, progress.row);
        await pipeline(bundle.stream, target, { end: target !== process.stdout });
      } else {
        const table = await runner.table(params.data, ACTOR);
        async function* counted() {
          for await (const row of table.rows) {
            progress.row();
            yield row;
          }
        }
        await pipeline(csvReadable(table.columns, counted(), params.data.profile), target, {
          end: target !== process.stdout,
        });
      }
    } catch (e) {
      if (args.values.out) fs.rmSync(args.values.out, { force: true });
      // The reader went away (`… | head`): nothing more to write, not a failure.
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      throw e;
    }
    err.write(
      `${progress.count()} rows written${args.values.out ? ` to ${args.values.out}` : ''}.\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) {
      for (const [field, message] of Object.entries(e.fields))
        err.write(`--${field}: ${message}\n`);
      return 2;
    }
    if (e instanceof AppError && e.status === 404) {
      err.write('No such survey or study: see npm run export -- list\n');
      return 1;
    }
    throw e;
  } finally {
    await closeDatabase(opened);
  }
}

/** Counts rows; says how many so far on stderr every `every` rows, at most once per `ms`. */
function progressOn(err: Output, every: number, ms: number) {
  let rows = 0;
  let said = Date.now();
  return {
    row: () => {
      rows++;
      if (rows % every === 0 && Date.now() - said >= ms) {
        said = Date.now();
        err.write(`… ${rows} rows\n`);
      }
    },
    count: () => rows,
  };
}

if (require.main === module) {
  runExport(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error('export failed:', e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
