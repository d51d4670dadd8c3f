import http from 'node:http';
import { createApp } from './app';
import { prepareDatabase } from './bootstrap';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { closeDatabase, openDatabase } from './db/database';
import { appJobs } from './jobs/jobs';
import { JobRunner } from './jobs/runner';
import { createLogger } from './logger';
import { smtpTransport } from './mail/delivery';
import { Mailer } from './mail/mailer';
import { StaffService } from './staff/staff.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const clock = systemClock;
  const opened = openDatabase(config.databasePath);
  const { db } = opened;
  const { sessionSecret } = await prepareDatabase(db, config, { logger });
  const mailer = new Mailer(config, clock);
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;

  const app = await createApp({ db, config, mailer, clock, logger, sessionSecret });
  const server = http.createServer(app);
  const runner = new JobRunner(
    appJobs({ db, clock, mailer, logger, transport, mailFrom: config.mailFrom, config }),
    logger,
  );

  await new Promise<void>((resolve) => server.listen(config.port, resolve));
  if (config.runJobs) runner.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info(
    { port, database: config.databasePath, mail: transport ? 'smtp' : 'kept in database' },
    'listening',
  );
  console.log(`Civic Panel is running at ${config.baseUrl} (port ${port}).`);
  if (!transport)
    console.log(
      'No SMTP_URL: email is kept in the database; staff can read it on the Mail log page.',
    );

  // Printed on the console on purpose (never logged): the one-time link to create the first admin.
  const staff = new StaffService({ db, mailer, clock, config, logger });
  const link = await staff.firstAdminLink();
  if (link) {
    console.log(
      '\nNo staff account yet. Open this link within 24 hours to create the first admin:\n',
    );
    console.log(`  ${link}\n`);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Stop accepting, let requests in flight finish, let the job runner finish its item.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 10_000);
    force.unref();
    await Promise.all([closed, runner.stop()]);
    transport?.close?.();
    await closeDatabase(opened);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('Civic Panel could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
