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

/** A load generator kept between runs: see startLoad. */
export interface LoadGenerator {
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

/**
 * Sends requests from a worker thread, as clients on other machines would: the server's event
 * loop then serves requests only, instead of also running the clients that wait on it (which
 * would add their own work to every latency measured). The worker stays up between runs, with
 * its compiled code and its open keep-alive connections, so that only the first run pays for
 * warming the client up (connecting, compiling) and a warm-up run can pay it for all.
 */
export function startLoad(): LoadGenerator {
  // The worker runs TypeScript as this process does (tsx's CommonJS hook).
  const worker = new Worker(path.join(__dirname, 'load.worker.ts'), {
    execArgv: ['--require', 'tsx/cjs'],
  });
  let pending: { resolve(r: LoadResult): void; reject(e: unknown): void } | null = null;
  const failed = (error: unknown) => {
    pending?.reject(error);
    pending = null;
  };
  worker.on('message', (result: LoadResult) => {
    pending?.resolve(result);
    pending = null;
  });
  worker.on('error', failed);
  worker.on('exit', (code) => failed(new Error(`load worker exited with ${code}`)));
  return {
    run(job) {
      if (pending) return Promise.reject(new Error('one load run at a time'));
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage(job);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

/** One run on a load generator of its own (see startLoad). */
export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const load = startLoad();
  try {
    return await load.run(job);
  } finally {
    await load.close();
  }
}
