/**
 * `npm run admin -- create-user --email E --name N --role R [--password P]`: creates an active
 * staff account from the command line (e.g. the first admin on a server with no browser at hand).
 * The password comes from --password or, better (it stays out of shell history and `ps`), the
 * ADMIN_PASSWORD environment variable. Passwords are never printed.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import type { StaffRole } from '../db/schema';
import { createLogger } from '../logger';
import { Mailer } from '../mail/mailer';
import { inviteSchema } from '../staff/staff.schema';
import { normalizeEmail, ROLES, StaffService } from '../staff/staff.service';
import { ValidationError, type FieldErrors } from '../errors';
import { parseForm } from '../web/forms';

interface Output {
  write(text: string): unknown;
}

export interface AdminDeps {
  out?: Output;
  err?: Output;
}

export const USAGE = `Usage: npm run admin -- create-user --email E --name N --role R [--password P]
  R is one of ${ROLES.join(', ')}.
  The password can also come from the ADMIN_PASSWORD environment variable (preferred).
`;

/** Runs one admin command; returns the exit code (0 done, 1 refused, 2 usage). */
export async function runAdmin(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  { out = process.stdout, err = process.stderr }: AdminDeps = {},
): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    err.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    out.write(USAGE);
    return 0;
  }
  const [command, ...extra] = args.positionals;
  if (command !== 'create-user' || extra.length) {
    if (command) err.write(`Unknown command: ${args.positionals.join(' ')}\n`);
    err.write(USAGE);
    return 2;
  }
  const { email, name, role } = args.values;
  const password = args.values.password || env.ADMIN_PASSWORD;
  if (!email || !name || !role || !password) {
    const given = { email, name, role, password };
    const missing = Object.keys(given).filter((k) => !given[k as keyof typeof given]);
    err.write(`Missing: ${missing.map((k) => `--${k}`).join(', ')}\n${USAGE}`);
    return 2;
  }

  const form = parseForm(inviteSchema, { email, name, role });
  if (!form.ok) return printFieldErrors(err, form.errors);

  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    err.write(`${e.message}\n`);
    return 1;
  }
  const { db } = openDatabase(config.databasePath);
  try {
    await migrateToLatest(db); // so this also works before the server has ever started
    const staff = new StaffService({
      db,
      mailer: new Mailer(config, systemClock),
      clock: systemClock,
      config,
      logger: createLogger(config.logLevel),
    });
    const user = {
      email: normalizeEmail(form.data.email),
      name: form.data.name,
      role: form.data.role as StaffRole,
    };
    const id = await staff.createUser({ ...user, password });
    out.write(`Created ${user.role} account for ${user.email} (id ${id})\n`);
    return 0;
  } catch (e) {
    if (e instanceof ValidationError) return printFieldErrors(err, e.fields);
    throw e;
  } finally {
    await db.destroy();
  }
}

function printFieldErrors(err: Output, fields: FieldErrors): number {
  for (const [field, message] of Object.entries(fields))
    err.write(
      field === 'role' ? `role: must be one of ${ROLES.join(', ')}\n` : `${field}: ${message}\n`,
    );
  return 1;
}

if (require.main === module) {
  runAdmin(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error('admin failed:', e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
