import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { DB } from './db/database';
import { migrateToLatest } from './db/migrate';
import { getOrCreateSetting } from './db/settings.queries';
import { loadReferenceData } from './reference/reference.seed';
import { ConsentService } from './participants/consent/consent.service';
import { systemClock } from './clock';
import { createLogger } from './logger';

/**
 * Brings a database up to date: migrations, the reference data, the first consent text, then (outside production)
 * a session secret generated once and kept in the database so sessions survive restarts.
 */
export async function prepareDatabase(
  db: DB,
  config: Config,
  o: { logger?: Pick<Logger, 'warn'>; seedsDir?: string } = {},
): Promise<{ sessionSecret: string }> {
  await migrateToLatest(db);
  const logger = o.logger ?? createLogger(config.logLevel);
  await loadReferenceData(db, { logger, dir: o.seedsDir });
  await new ConsentService(db, systemClock).ensureInitialVersion(config.cityNames);
  const sessionSecret =
    config.sessionSecret ??
    (await getOrCreateSetting(db, 'session_secret', () =>
      crypto.randomBytes(32).toString('base64url'),
    ));
  return { sessionSecret };
}
