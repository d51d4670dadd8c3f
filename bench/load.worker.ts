import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The load generator's thread: sends the job's form posts over `concurrency` connections, each
 * timed to the last byte of its answer. Without a rate, each connection sends its next request
 * as soon as the last one is answered (a closed loop). With `ratePerSecond`, request i is due at
 * i / rate seconds (an open loop) and is timed from when it was due, so a request that had to
 * wait for a free connection counts that wait.
 */
async function run(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  const dueAt = (i: number) =>
    job.ratePerSecond ? started + (i * 1000) / job.ratePerSecond : performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests.length) {
        const i = next++;
        const r = job.requests[i];
        const due = dueAt(i);
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const res = await fetch(`${job.baseUrl}${r.path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: r.cookie ?? '', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(
            Object.entries(r.form).flatMap(([k, v]) =>
              (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]),
            ),
          ),
        });
        await res.text();
        latencies.push(performance.now() - due);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return { latencies, statuses, seconds: (performance.now() - started) / 1000 };
}

void run(workerData as LoadJob).then((result) => parentPort!.postMessage(result));
