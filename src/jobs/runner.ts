import type { Logger } from 'pino';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * A small in-process runner: each job runs, then waits `everyMs`, then runs again. Work is found
 * in database rows (due outbox messages, expired sessions), so a restart loses nothing.
 * stop() waits for the item in progress to finish.
 */
export class JobRunner {
  private timers = new Map<string, NodeJS.Timeout>();
  private running = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(
    private readonly jobs: Job[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    for (const job of this.jobs) this.schedule(job, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Runs every job once now (for the worker's --once and for tests). */
  async runAllOnce(): Promise<void> {
    for (const job of this.jobs) await this.runJob(job);
  }

  private schedule(job: Job, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(async () => {
      await this.runJob(job);
      this.schedule(job, job.everyMs);
    }, delay);
    timer.unref();
    this.timers.set(job.name, timer);
  }

  private async runJob(job: Job): Promise<void> {
    const p = job.run().catch((err) => this.logger.error({ err, job: job.name }, 'job failed'));
    this.running.add(p);
    try {
      await p;
    } finally {
      this.running.delete(p);
    }
  }
}
