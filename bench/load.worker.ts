import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load';

/**
 * The load generator's thread: sends the job's form posts with at most `concurrency` in flight
 * and times each from the request to the last byte of the answer.
 */
async function run(job: LoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.requests.length) {
        const r = job.requests[next++];
        const start = performance.now();
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
        latencies.push(performance.now() - start);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      }
    }),
  );
  return { latencies, statuses, seconds: (performance.now() - started) / 1000 };
}

void run(workerData as LoadJob).then((result) => parentPort!.postMessage(result));
