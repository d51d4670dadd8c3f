import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { readPragmas } from '../../src/db/pragmas';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('security headers', () => {
  test.each(['/', '/login', '/no-such-page'])('%s', async (url) => {
    const res = await request(ctx.app).get(url);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined(); // never stored, so never revalidated
    expect(res.headers['x-powered-by']).toBeUndefined();
    // HSTS only in production (see sessions.test.ts), not over plain http in development.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  test('pages carry no inline script', async () => {
    for (const url of ['/', '/login']) {
      const html = (await request(ctx.app).get(url)).text;
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\son[a-z]+="/);
    }
  });

  test('USWDS is served from our own origin', async () => {
    const res = await request(ctx.app).get('/assets/uswds/css/uswds.min.css');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/css/);
    expect(res.headers.etag).toBeDefined(); // assets are cached and revalidated
  });
});

describe('errors', () => {
  test('404 answers HTML or JSON by Accept', async () => {
    const html = await request(ctx.app).get('/nope').set('Accept', 'text/html');
    expect(html.status).toBe(404);
    expect(html.text).toContain('<h1>Page not found</h1>');
    const json = await request(ctx.app).get('/nope').set('Accept', 'application/json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual({ error: 'Page not found', status: 404 });
  });

  test('a body over the limit is refused with 413 before any work', async () => {
    const res = await request(ctx.app)
      .post('/login')
      .type('form')
      .send({ email: 'x', password: 'y'.repeat(200_000) });
    expect(res.status).toBe(413);
    expect(res.text).toContain('What you sent is too large');
  });

  test('a forced error shows a reference id, the same id is logged, and no stack trace', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/logger');
    const { createApp } = await import('../../src/app');
    const logger = createLogger('info', { write: (s: string) => lines.push(s) } as any);
    const app = await createApp({
      db: ctx.db,
      config: ctx.config,
      mailer: ctx.mailer,
      clock: ctx.clock,
      logger,
    });
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn({ ...ctx, app }, who);
    const { sql } = await import('kysely');
    await sql`alter table outbox rename to outbox_gone`.execute(ctx.db);
    try {
      const res = await agent.get('/staff/mail');
      expect(res.status).toBe(500);
      const ref = /Reference: ([0-9a-f]{10})/.exec(res.text)?.[1];
      expect(ref).toBeDefined();
      expect(res.text).not.toMatch(/SqliteError|no such table|\.ts:\d+/);
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.ref === ref);
      expect(logged).toBeDefined();
      expect(logged.level).toBe(50);
      expect(typeof logged.time).toBe('string');
      expect(logged.time).toMatch(/Z$/);
    } finally {
      await sql`alter table outbox_gone rename to outbox`.execute(ctx.db);
    }
  });
});

describe('health', () => {
  test('GET /healthz checks the database and answers JSON', async () => {
    const res = await request(ctx.app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });
});

describe('language', () => {
  const cookies = (res: { headers: Record<string, unknown> }) =>
    (res.headers['set-cookie'] as string[] | undefined) ?? [];
  const h1 = (html: string) => /<h1>([^<]*)<\/h1>/.exec(html)?.[1];
  test('?lang= wins, is remembered in a cookie, then Accept-Language decides', async () => {
    const agent = request.agent(ctx.app);
    const es = await agent.get('/?lang=es').set('Accept-Language', 'ko');
    expect(es.text).toContain('<html lang="es"');
    const again = await agent.get('/').set('Accept-Language', 'ko');
    expect(again.text).toContain('<html lang="es"');
    const ko = await request(ctx.app).get('/').set('Accept-Language', 'ko-KR,ko;q=0.9,en;q=0.5');
    expect(ko.text).toContain('<html lang="ko"');
    expect(h1(ko.text)).toBe('시 서비스를 더 좋게 만드는 데 도움을 주세요');
    const zh = await request(ctx.app).get('/').set('Accept-Language', 'zh-TW');
    expect(zh.text).toContain('<html lang="zh-Hant"');
    const none = await request(ctx.app).get('/?lang=xx').set('Accept-Language', 'fr');
    expect(none.text).toContain('<html lang="en"');
    // The cookie is written when the language changes, not again on every ?lang= of the same one.
    expect(cookies(es).some((c: string) => c.startsWith('lang=es'))).toBe(true);
    const same = await agent.get('/?lang=es');
    expect(same.text).toContain('<html lang="es"');
    expect(cookies(same)).not.toContainEqual(expect.stringMatching(/^lang=/));
    const ko2 = await agent.get('/?lang=ko');
    expect(cookies(ko2).some((c: string) => c.startsWith('lang=ko'))).toBe(true);
  });

  test('staff pages stay in English', async () => {
    const res = await request(ctx.app).get('/login?lang=es').set('Accept-Language', 'es');
    expect(res.text).toContain('<html lang="en"');
    expect(h1(res.text)).toBe('Sign in');
  });
});

describe('database settings on the app connection', () => {
  test('WAL, synchronous=FULL, foreign keys, busy timeout', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-pragmas-'));
    const fileCtx = await buildTestApp({ databasePath: path.join(dir, 'app.sqlite') });
    try {
      const p = await readPragmas(fileCtx.db);
      expect(p.journalMode).toBe('wal');
      expect(p.synchronous).toBe(2);
      expect(p.foreignKeys).toBe(1);
      expect(p.busyTimeout).toBeGreaterThanOrEqual(5000);
    } finally {
      await fileCtx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reference data is loaded from db/seeds', async () => {
    const count = async (
      t:
        | 'council_districts'
        | 'neighborhood_councils'
        | 'request_types'
        | 'languages'
        | 'request_sources'
        | 'cx_questions',
    ) =>
      Number(
        (
          await ctx.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('council_districts')).toBe(15);
    expect(await count('neighborhood_councils')).toBe(101);
    expect(await count('request_types')).toBe(12);
    expect(await count('languages')).toBeGreaterThanOrEqual(5);
    expect(await count('request_sources')).toBeGreaterThan(5);
    expect(await count('cx_questions')).toBe(7);
    const bulky = await ctx.db
      .selectFrom('request_types')
      .selectAll()
      .where('name', '=', 'Bulky Items')
      .executeTakeFirst();
    expect(bulky?.usual_owner).toBe('BOS');
  });
});
