import http from 'node:http';
import { parentPort } from 'node:worker_threads';
import type { LoadJob, LoadRequest, LoadResult } from './load';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keep-alive connections, kept between jobs. Plain `http.request` rather than `fetch`: on this
 * machine the client shares the cores with the server it measures, and fetch spent about half
 * as much CPU per post as the server did.
 */
const agent = new http.Agent({ keepAlive: true });

/** The form body as a browser sends it; a list repeats the field (a multi-select). */
function bodyOf(form: LoadRequest['form']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form))
    for (const x of Array.isArray(v) ? v : [v]) params.append(k, x);
  return params.toString();
}

/** Posts one form; resolves with the status once the whole answer has arrived. */
function post(base: URL, r: LoadRequest): Promise<number> {
  const body = bodyOf(r.form);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: r.path,
        method: 'POST',
        headers: {
          cookie: r.cookie,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume(); // read to the last byte, keeping none of it
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The load generator's thread: sends the job's form posts over `concurrency` connections, each
 * timed to the last byte of its answer. Without a rate, each connection sends its next request
 * as soon as the last one is answered (a closed loop). With `ratePerSecond`, request i is due at
 * i / rate seconds (an open loop) and is timed from when it was due, so a request that had to
 * wait for a free connection counts that wait.
 */
async function run(job: LoadJob): Promise<LoadResult> {
  const base = new URL(job.baseUrl);
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
        const due = dueAt(i);
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const status = await post(base, job.requests[i]);
        latencies.push(performance.now() - due);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return { latencies, statuses, seconds: (performance.now() - started) / 1000 };
}

// One job per message, one at a time (see startLoad); the connections stay open between them.
parentPort!.on('message', (job: LoadJob) => {
  void run(job).then((result) => parentPort!.postMessage(result));
});
