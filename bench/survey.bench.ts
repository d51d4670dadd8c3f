import type { SurveySpec } from '../src/surveys/model/spec';
import { addSurveyLink } from '../src/surveys/survey-links';
import { insertSurvey, loadDefinition } from '../src/surveys/surveys.queries';
import { cookieJar, startApp } from './app';
import { startBareSurvey } from './bare-survey';
import { copyDataset } from './dataset';
import { startLoad, type LoadGenerator, type LoadRequest, type LoadResult } from './load';
import type { Measurement } from './measurement';
import { formatSummary, summarize } from './stats';

/**
 * A page of a survey answered through the respondent pages (session cookie, CSRF, the page read
 * and validated by the survey model, its rows replaced in one transaction), against a bare
 * Express + better-sqlite3 endpoint that stores the same rows, in the same run, both at
 * CONNECTIONS requests in flight from a worker thread. Each resident first follows their
 * personal link (GET /s/<token>, then the page it leads to, for the cookie and the form).
 *
 * The target's figures come from a closed loop (each connection posts again as soon as it is
 * answered), after WARM_UP posts, in rounds that alternate between the two endpoints. There a
 * post waits for the CONNECTIONS - 1 ahead of it, so its latency measures the server's time per
 * post times CONNECTIONS more than the stack; an open loop at a steady pace both sides can keep
 * up with shows the latency of the stack itself.
 */
const PEOPLE = 2000;
const CONNECTIONS = 32;
const TARGET_RATIO = 0.5;
const TARGET_P99 = 100;
/** Posts sent before the closed-loop run (compiled code, warm caches), not counted. */
const WARM_UP = 200;
/** Posts of the open-loop run (the first residents', posted again). */
const OPEN_LOOP = 1000;

const en = (s: string) => ({ en: s });
const choice = (code: string, options: string[]) => ({
  code,
  type: 'single_choice' as const,
  required: true,
  label: en(`Question ${code}`),
  options: options.map((o) => ({ code: o, label: en(o) })),
});

/** Ten questions of the common kinds on the first page; a second page so the first is a save. */
function benchSpec(): SurveySpec {
  const agree = (code: string) => ({
    code,
    type: 'agreement' as const,
    required: true,
    label: en(code),
  });
  const multi = (code: string, options: string[]) => ({
    ...choice(code, options),
    type: 'multi_choice' as const,
    required: false,
  });
  return {
    title: 'Bench survey',
    kind: 'general',
    languages: ['en'],
    status: 'open',
    texts: { title: en('Bench survey') },
    pages: [
      {
        questions: [
          choice('use', ['never', 'once', 'few', 'often']),
          choice('last', ['week', 'month', 'year', 'longer']),
          choice('device', ['phone', 'computer', 'tablet']),
          multi('channels', ['app', 'phone', 'web', 'in_person']),
          multi('types', ['bulky', 'graffiti', 'dumping', 'streetlight', 'tree']),
          agree('ease'),
          agree('speed'),
          agree('fair'),
          { code: 'nps', type: 'nps', label: en('Recommend?') },
          { code: 'comment', type: 'short_text', label: en('Anything else?') },
        ],
      },
      { questions: [{ code: 'why', type: 'long_text', label: en('Why?') }] },
    ],
  };
}

/** The answers each resident posts (the same for everyone: the work per request is what differs). */
const ANSWERS: Record<string, string | string[]> = {
  q_use: 'often',
  q_last: 'month',
  q_device: 'phone',
  q_channels: ['app', 'web'],
  q_types: ['bulky', 'graffiti'],
  q_ease: '4',
  q_speed: '3',
  q_fair: '5',
  q_nps: '9',
  q_comment: 'The app was quick but I never heard back about the couch.',
};

/** The respondent page's form: its action and CSRF token (the form holding the q_ fields). */
function formOf(html: string): { action: string; token: string } | null {
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const form = m[0];
    if (!/name="q_/.test(form)) continue;
    const action = /action="([^"]+)"/.exec(form)?.[1];
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1];
    if (action && token) return { action: action.replace(/&amp;/g, '&'), token };
  }
  return null;
}

/** Closed-loop rounds per endpoint, taken in turns (see closedLoops). */
const ROUNDS = 4;

interface Side {
  baseUrl: string;
  requests: LoadRequest[];
  /** This side's clients, kept warm (connected, compiled) from the warm-up on. */
  load: LoadGenerator;
}

/**
 * Closed-loop runs of each endpoint after WARM_UP posts to warm it up, taken in turns: ROUNDS
 * rounds, each endpoint posting its next slice of the requests in every round. A slow stretch
 * of a shared machine then falls on both sides instead of on whichever ran during it. Each
 * side's figures are its rounds together, and the server's event loop time per post (CPU and
 * synchronous disk syncs, which other processes disturb less than the rate).
 */
async function closedLoops(sides: Side[]) {
  for (const side of sides)
    await side.load.run({
      baseUrl: side.baseUrl,
      concurrency: CONNECTIONS,
      requests: side.requests.slice(0, WARM_UP),
    });
  const out = sides.map(() => ({
    result: { latencies: [], statuses: {}, seconds: 0 } as LoadResult,
    busyMs: 0,
    rates: [] as number[],
  }));
  for (let round = 0; round < ROUNDS; round++)
    for (const [i, side] of sides.entries()) {
      const size = Math.ceil(side.requests.length / ROUNDS);
      const requests = side.requests.slice(round * size, (round + 1) * size);
      const busy = performance.eventLoopUtilization();
      const r = await side.load.run({ baseUrl: side.baseUrl, concurrency: CONNECTIONS, requests });
      const o = out[i];
      o.busyMs += performance.eventLoopUtilization(busy).active;
      o.result.latencies.push(...r.latencies);
      o.result.seconds += r.seconds;
      for (const [status, n] of Object.entries(r.statuses))
        o.result.statuses[+status] = (o.result.statuses[+status] ?? 0) + n;
      o.rates.push(requests.length / r.seconds);
    }
  for (const o of out) o.busyMs /= o.result.latencies.length;
  return out;
}

function show(label: string, r: LoadResult, busyMs?: number) {
  const s = summarize(r.latencies);
  console.log(
    `${label}: ${r.latencies.length} posts in ${r.seconds.toFixed(2)} s → ${(r.latencies.length / r.seconds).toFixed(0)} pages/s; answers ${Object.entries(
      r.statuses,
    )
      .map(([k, v]) => `${k}×${v}`)
      .join(', ')}`,
  );
  console.log(`  ${formatSummary('POST a page', s)}`);
  if (busyMs !== undefined)
    console.log(`  server event loop busy ${busyMs.toFixed(2)} ms per post`);
  return { rate: r.latencies.length / r.seconds, p99: s.p99 };
}

export const surveyBench: Measurement = {
  name: 'survey',
  title: `Survey page submission: ${PEOPLE} residents, a page of 10 questions, ${CONNECTIONS} connections, full stack vs bare Express + better-sqlite3`,
  async run(base) {
    const { env, remove } = copyDataset(base, 'survey');
    const { opened } = env;
    const app = await startApp(env);
    const { db } = opened;
    const now = new Date();
    try {
      const { surveyId, versionId } = await db
        .transaction()
        .execute((trx) =>
          insertSurvey(trx, benchSpec(), { now: now.toISOString(), createdBy: null }),
        );
      const people = (
        await db
          .selectFrom('participants')
          .select('id')
          .where('status', '=', 'active')
          .orderBy('id')
          .limit(PEOPLE)
          .execute()
      ).map((p) => p.id);
      const links = await db.transaction().execute(async (trx) => {
        const out: string[] = [];
        for (const id of people) {
          const recipient = await trx
            .insertInto('survey_recipients')
            .values({
              survey_id: surveyId,
              participant_id: id,
              sent_at: now.toISOString(),
              sent_by: null,
            })
            .returning(['id', 'participant_id'])
            .executeTakeFirstOrThrow();
          out.push(await addSurveyLink(trx, recipient, now));
        }
        return out;
      });

      // Each resident follows their link: the cookie, then the first page's form (a few at once).
      const requests: LoadRequest[] = [];
      const follow = async (link: string): Promise<LoadRequest> => {
        const jar = cookieJar();
        const first = await fetch(`${app.baseUrl}${link}`, { redirect: 'manual' });
        await first.text();
        jar.keep(first);
        let at = first.headers.get('location');
        let html = '';
        for (let hops = 0; at && hops < 5; hops++) {
          const page = await fetch(`${app.baseUrl}${at}`, {
            headers: { cookie: jar.header() },
            redirect: 'manual',
          });
          html = await page.text();
          jar.keep(page);
          at = page.status >= 300 && page.status < 400 ? page.headers.get('location') : null;
        }
        const form = formOf(html);
        if (!form) throw new Error(`no question form behind ${link.slice(0, 4)}…`);
        return { path: form.action, cookie: jar.header(), form: { ...ANSWERS, _csrf: form.token } };
      };
      let taken = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (taken < links.length) {
            const i = taken++;
            requests[i] = await follow(links[i]);
          }
        }),
      );

      // The bare endpoint stores the same rows for responses of its own.
      const def = await loadDefinition(db, versionId);
      const questions = def.pages[0].questions.map((q) => ({
        id: q.id,
        code: q.code,
        type: q.type,
        options: q.options.map((o) => o.code),
      }));
      const bareIds: number[] = [];
      for (let i = 0; i < PEOPLE; i++) {
        const { id } = await db
          .insertInto('survey_responses')
          .values({
            survey_id: surveyId,
            version_id: versionId,
            respondent_key: `bare-${i}`,
            channel: 'web',
            language: 'en',
            submission_key: `bare-${i}-${now.getTime()}`,
            started_at: now.toISOString(),
            updated_at: now.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        bareIds.push(id);
      }
      const bareRequests = bareIds.map((id) => ({
        path: `/bare/${id}`,
        cookie: '',
        form: ANSWERS,
      }));
      const bareServer = await startBareSurvey(env.file, questions);
      const fullLoad = startLoad();
      const bareLoad = startLoad();
      try {
        const counted = { ...opened.counts };
        const [full, bare] = await closedLoops([
          { baseUrl: app.baseUrl, requests, load: fullLoad },
          { baseUrl: bareServer.baseUrl, requests: bareRequests, load: bareLoad },
        ]);
        const stored = await db
          .selectFrom('survey_responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('survey_id', '=', surveyId)
          .where('page_position', '>', 0)
          .executeTakeFirstOrThrow();
        console.log(
          `closed loop (each connection posts again as soon as it is answered), after ${WARM_UP} posts to warm up, in ${ROUNDS} rounds taken in turns:`,
        );
        const f = show('full stack', full.result, full.busyMs);
        const commits = opened.counts.commits - counted.commits;
        const perCommit = (opened.counts.transactions - counted.transactions) / commits;
        console.log(
          `  ${commits} COMMITs, ${perCommit.toFixed(1)} transactions each (group commit, src/db/group-commit.ts)`,
        );
        const b = show('bare Express + better-sqlite3', bare.result, bare.busyMs);
        console.log(`responses moved past page 1: ${Number(stored.n)} of ${PEOPLE * 2}`);
        const ratio = f.rate / b.rate;
        const rounds = full.rates.map((r, i) => (r / bare.rates[i]).toFixed(2)).join(', ');
        console.log(`ratio of each round: ${rounds}`);
        console.log(
          `ratio full/bare throughput: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'MET' : 'NOT MET'})`,
        );
        console.log(
          `target p99 < ${TARGET_P99} ms at ${CONNECTIONS} connections: ${f.p99 < TARGET_P99 ? 'MET' : 'NOT MET'} (p99 ${f.p99.toFixed(1)} ms; the bare endpoint's own p99 ${b.p99.toFixed(1)} ms)`,
        );
        console.log(
          `  in a closed loop a post waits for the ${CONNECTIONS - 1} ahead of it: p50 ≈ ${CONNECTIONS} × the server's time per post`,
        );

        // Both at the same steady pace, half of what the full stack managed above.
        const rate = Math.max(1, Math.round(f.rate / 2));
        console.log(
          `open loop at ${rate} posts/s (half the full stack's rate above) over ${CONNECTIONS} connections, each post timed from when it was due:`,
        );
        for (const [label, baseUrl, r, load] of [
          ['full stack', app.baseUrl, requests, fullLoad],
          ['bare Express + better-sqlite3', bareServer.baseUrl, bareRequests, bareLoad],
        ] as const)
          show(
            label,
            await load.run({
              baseUrl,
              concurrency: CONNECTIONS,
              requests: r.slice(0, OPEN_LOOP),
              ratePerSecond: rate,
            }),
          );
      } finally {
        await fullLoad.close();
        await bareLoad.close();
        await bareServer.close();
      }
    } finally {
      await app.close();
      await remove();
    }
  },
};
