/**
 * `npm run worker [-- --once]`: runs the job runner (mail delivery when SMTP_URL is set, and the
 * clean-ups) as its own process. `--once` runs every job one time and exits, e.g. from cron.
 * Otherwise it runs until SIGTERM or SIGINT, then lets the job in progress finish.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../clock';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { appJobs } from '../jobs/jobs';
import { JobRunner } from '../jobs/runner';
import { createLogger } from '../logger';
import { smtpTransport } from '../mail/delivery';
import { Mailer } from '../mail/mailer';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { once: { type: 'boolean' } } });
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const { db } = openDatabase(config.databasePath);
  await migrateToLatest(db);
  const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : undefined;
  const jobs = appJobs({
    db,
    clock: systemClock,
    mailer: new Mailer(config, systemClock),
    logger,
    transport,
    mailFrom: config.mailFrom,
    config,
  });
  const runner = new JobRunner(jobs, logger);
  if (!transport)
    console.log('No SMTP_URL: mail is kept in the database (Mail log); only clean-up jobs run.');

  const finish = async () => {
    await runner.stop(); // waits for the job in progress
    transport?.close?.();
    await db.destroy();
  };

  if (values.once) {
    await runner.runAllOnce();
    await finish();
    process.exit(0);
  }
  // The runner's timers are unref'd (in the web app the HTTP server keeps the process alive);
  // this keeps the worker alive until a signal arrives.
  setInterval(() => {}, 1 << 30);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    finish().then(
      () => process.exit(0),
      (err) => {
        console.error('Worker did not stop cleanly:', err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  runner.start();
  logger.info(
    { jobs: jobs.map((j) => j.name), mail: transport ? 'smtp' : 'kept' },
    'worker started',
  );
  console.log(`Worker running ${jobs.map((j) => j.name).join(', ')}. Stop with Ctrl-C.`);
}

main().catch((err) => {
  console.error('Worker failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
