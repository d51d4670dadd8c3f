import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { FakeClock, MINUTE } from '../../src/clock';
import { DEFAULT_CITY_NAMES } from '../../src/config';
import { openDatabase, type DB } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { appJobs } from '../../src/jobs/jobs';
import { createLogger } from '../../src/logger';
import { Mailer } from '../../src/mail/mailer';
import { DatabaseRateLimitStore, rateLimits } from '../../src/web/rate-limit';
import { buildTestApp, csrfFrom, joinForm, postForm, type TestContext } from '../support/app';

const WINDOW = 15 * MINUTE;

describe('the rate-limit store in the database', () => {
  let db: DB;
  let clock: FakeClock;
  const store = (name = 'join') => {
    const s = new DatabaseRateLimitStore(db, clock, name);
    s.init({ windowMs: WINDOW } as any);
    return s;
  };

  beforeEach(async () => {
    db = openDatabase(':memory:').db;
    await migrateToLatest(db);
    clock = new FakeClock();
  });
  afterEach(() => db.destroy());

  test('increment counts per key within one window that ends 15 minutes after the first hit', async () => {
    const s = store();
    const end = new Date(clock.now().getTime() + WINDOW);
    expect(await s.increment('203.0.113.7')).toEqual({ totalHits: 1, resetTime: end });
    clock.advance(5 * MINUTE);
    expect(await s.increment('203.0.113.7')).toEqual({ totalHits: 2, resetTime: end });
    expect(await s.increment('198.51.100.1')).toMatchObject({ totalHits: 1 });
    expect(await s.get('203.0.113.7')).toEqual({ totalHits: 2, resetTime: end });
  });

  test('stores under one name share counts; another name counts apart', async () => {
    await store('join').increment('203.0.113.7');
    expect(await store('join').increment('203.0.113.7')).toMatchObject({ totalHits: 2 });
    expect(await store('login').increment('203.0.113.7')).toMatchObject({ totalHits: 1 });
    const keys = await db.selectFrom('rate_limit_hits').select('key').orderBy('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['join:203.0.113.7', 'login:203.0.113.7']);
  });

  test('decrement takes one hit back, never below zero', async () => {
    const s = store();
    await s.increment('k');
    await s.increment('k');
    await s.decrement('k');
    expect(await s.get('k')).toMatchObject({ totalHits: 1 });
    await s.decrement('k');
    await s.decrement('k');
    expect(await s.get('k')).toMatchObject({ totalHits: 0 });
    expect(await s.increment('k')).toMatchObject({ totalHits: 1 });
  });

  test('resetKey forgets one key only', async () => {
    const s = store();
    await s.increment('k');
    await s.increment('other');
    await s.resetKey('k');
    expect(await s.get('k')).toBeUndefined();
    expect(await s.get('other')).toMatchObject({ totalHits: 1 });
    expect(await s.increment('k')).toMatchObject({ totalHits: 1 });
  });

  test('after the window the count starts again at 1 with a new end', async () => {
    const s = store();
    await s.increment('k');
    await s.increment('k');
    clock.advance(WINDOW);
    expect(await s.get('k')).toBeUndefined();
    const next = await s.increment('k');
    expect(next).toEqual({ totalHits: 1, resetTime: new Date(clock.now().getTime() + WINDOW) });
  });

  test('the purge job removes ended windows and keeps current ones', async () => {
    await store().increment('old');
    clock.advance(10 * MINUTE);
    await store().increment('new');
    clock.advance(6 * MINUTE);
    const job = appJobs({
      db,
      clock,
      logger: createLogger('silent'),
      mailer: new Mailer(
        { smtpUrl: undefined, baseUrl: 'http://city.test', cityNames: DEFAULT_CITY_NAMES },
        clock,
      ),
      mailFrom: 'x@city.test',
      config: {
        baseUrl: 'http://city.test',
        cityTimeZone: 'America/Los_Angeles',
        cityNames: DEFAULT_CITY_NAMES,
      },
    }).find((j) => j.name === 'purge-rate-limits');
    await job!.run();
    const keys = await db.selectFrom('rate_limit_hits').select('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['join:new']);
  });

  test('one name per limiter in an app', () => {
    const limits = rateLimits(db, clock);
    limits.perIp('join', 3);
    expect(() => limits.perIp('join', 5)).toThrow(/defined twice/);
  });
});

describe('two app processes on one database file', () => {
  let dir: string;
  let a: TestContext;
  let b: TestContext;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-rate-limit-'));
    const databasePath = path.join(dir, 'app.sqlite');
    // Each has its own connection, as two processes would.
    a = await buildTestApp({ databasePath, joinRateLimit: 3, loginRateLimit: 3 });
    b = await buildTestApp({ databasePath, joinRateLimit: 3, loginRateLimit: 3 });
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  const join = async (ctx: TestContext) => {
    const agent = request.agent(ctx.app);
    const page = await agent.get('/join');
    n++;
    return agent
      .post('/join')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...joinForm({ email: `r${n}@example.com` }) });
  };
  const statuses = async (...apps: TestContext[]) => {
    const out = [];
    for (const ctx of apps) out.push((await join(ctx)).status);
    return out;
  };

  test('sign-ups on either app count against one limit; both refuse the fourth', async () => {
    expect(await statuses(a, a, b)).toEqual([303, 303, 303]);
    const refused = await join(b);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many attempts');
    expect(await statuses(a)).toEqual([429]);
  });

  test('the window ends 15 minutes later on the injected clock', async () => {
    expect(await statuses(a, b, a, b)).toEqual([303, 303, 303, 429]);
    for (const ctx of [a, b]) ctx.clock.advance(14 * MINUTE);
    expect(await statuses(a, b)).toEqual([429, 429]);
    for (const ctx of [a, b]) ctx.clock.advance(1 * MINUTE + 1000);
    expect(await statuses(b, a, b, a)).toEqual([303, 303, 303, 429]);
  });

  test('the sign-up limit does not count logins', async () => {
    expect(await statuses(a, b, a, b)).toEqual([303, 303, 303, 429]);
    const res = await postForm(request.agent(b.app), '/login', '/login', {
      email: 'nobody@city.test',
      password: 'not the password',
    });
    expect(res.status).toBe(400);
  });
});
