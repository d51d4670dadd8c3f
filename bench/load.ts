import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** One form post of a load run, as a signed-in browser would send it. */
export interface LoadRequest {
  path: string;
  cookie: string;
  /** Fields; a list repeats the field (a multi-select). */
  form: Record<string, string | string[]>;
}

export interface LoadJob {
  baseUrl: string;
  concurrency: number;
  requests: LoadRequest[];
  /** Requests started per second, whatever the answers' pace (an open loop); default: a closed loop. */
  ratePerSecond?: number;
}

export interface LoadResult {
  /** Milliseconds per request, from sending (an open loop: from when it was due) to the last byte of the answer. */
  latencies: number[];
  /** How many answers had each HTTP status. */
  statuses: Record<number, number>;
  /** Wall time of the whole run. */
  seconds: number;
}

/**
 * Sends the requests from a worker thread, as clients on other machines would: the server's
 * event loop then serves requests only, instead of also running the clients that wait on it
 * (which would add their own work to every latency measured).
 */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // The worker runs TypeScript as this process does (tsx's CommonJS hook).
    const worker = new Worker(path.join(__dirname, 'load.worker.ts'), {
      workerData: job,
      execArgv: ['--require', 'tsx/cjs'],
    });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
}
