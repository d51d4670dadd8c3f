import request from 'supertest';
import { MINUTE, HOUR } from '../../src/clock';
import { buildTestApp, createStaff, csrfFrom, signedIn, type TestContext } from '../support/app';

function sessionCookie(res: request.Response, name = 'cp.sid'): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith(`${name}=`));
}

async function loginRaw(
  app: TestContext['app'],
  email: string,
  password: string,
  cookieName = 'cp.sid',
) {
  const page = await request(app).get('/login');
  const before = sessionCookie(page, cookieName)!;
  const res = await request(app)
    .post('/login')
    .set('Cookie', before.split(';')[0])
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
  return { before, res, after: sessionCookie(res, cookieName) };
}

describe('session cookie', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await buildTestApp();
  });
  afterAll(() => ctx.close());

  test('development: plain name, HttpOnly, SameSite=Lax, no Domain; id changes at login', async () => {
    const who = await createStaff(ctx, 'analyst');
    const { before, res, after } = await loginRaw(ctx.app, who.email, who.password);
    expect(res.status).toBe(303);
    expect(before).toMatch(/HttpOnly/);
    expect(before).toMatch(/SameSite=Lax/);
    expect(before).not.toMatch(/Domain=/i);
    expect(before).not.toMatch(/Secure/);
    expect(after).toBeDefined();
    expect(after!.split(';')[0]).not.toBe(before.split(';')[0]);
  });

  test('a page that has no form sets no cookie (no session row for every visitor)', async () => {
    const res = await request(ctx.app).get('/');
    expect(sessionCookie(res)).toBeUndefined();
  });

  test('after logout the old cookie is useless', async () => {
    const who = await createStaff(ctx, 'organizer');
    const { after } = await loginRaw(ctx.app, who.email, who.password);
    const cookie = after!.split(';')[0];
    expect((await request(ctx.app).get('/staff').set('Cookie', cookie)).status).toBe(200);
    const page = await request(ctx.app).get('/staff').set('Cookie', cookie);
    const out = await request(ctx.app)
      .post('/logout')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(out.status).toBe(303);
    const again = await request(ctx.app).get('/staff').set('Cookie', cookie);
    expect(again.status).toBe(303);
    expect(again.headers.location).toMatch(/^\/login/);
    const rows = await ctx.db.selectFrom('sessions').select('data').execute();
    expect(
      rows.some((r) => r.data.includes('"passport"') && r.data.includes(`"user":${who.id}`)),
    ).toBe(false);
  });

  test('30 minutes idle ends the session; activity keeps it alive; 12 hours ends it regardless', async () => {
    const who = await createStaff(ctx, 'facilitator');
    const agent = await signedIn(ctx, who);
    ctx.clock.advance(29 * MINUTE);
    expect((await agent.get('/staff')).status).toBe(200);
    ctx.clock.advance(29 * MINUTE);
    expect((await agent.get('/staff')).status).toBe(200);
    ctx.clock.advance(31 * MINUTE);
    expect((await agent.get('/staff')).status).toBe(303);

    const agent2 = await signedIn(ctx, who);
    for (let i = 0; i < 25; i++) {
      ctx.clock.advance(29 * MINUTE);
      const res = await agent2.get('/staff');
      if (i * 29 * MINUTE + 29 * MINUTE > 12 * HOUR) {
        expect(res.status).toBe(303);
        return;
      }
      expect(res.status).toBe(200);
    }
    throw new Error('the absolute timeout never ended the session');
  });

  test('sessions are stored in the database, not in memory', async () => {
    const who = await createStaff(ctx, 'analyst');
    await signedIn(ctx, who);
    const rows = await ctx.db.selectFrom('sessions').select('data').execute();
    expect(rows.some((r) => r.data.includes(`"user":${who.id}`))).toBe(true);
    // Only the id is kept, not the whole user.
    expect(rows.some((r) => r.data.includes(who.email))).toBe(false);
  });
});

describe('production cookie', () => {
  test('__Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain', async () => {
    const ctx = await buildTestApp({
      config: { env: 'production', secureCookies: true, trustProxy: 1 },
    });
    try {
      const res = await request(ctx.app).get('/login').set('X-Forwarded-Proto', 'https');
      const cookie = sessionCookie(res, '__Host-cp.sid');
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    } finally {
      await ctx.close();
    }
  });
});

describe('login throttling', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await buildTestApp();
  });
  afterAll(() => ctx.close());

  const attempt = async (email: string, password: string) => {
    const agent = request.agent(ctx.app);
    const page = await agent.get('/login');
    return agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email, password });
  };
  const message = (html: string) =>
    /<span class="usa-error-message" id="email-error">([^<]*)<\/span>/.exec(html)?.[1];

  test('unknown user and wrong password get the identical answer', async () => {
    const who = await createStaff(ctx, 'analyst');
    const unknown = await attempt('nobody@city.test', 'whatever it is here');
    const wrong = await attempt(who.email, 'whatever it is here');
    expect(unknown.status).toBe(wrong.status);
    expect(message(unknown.text)).toBe('Email or password is incorrect');
    expect(message(wrong.text)).toBe(message(unknown.text));
  });

  test('five failures throttle the account, even with the right password; it passes after 15 minutes', async () => {
    const who = await createStaff(ctx, 'organizer');
    for (let i = 0; i < 5; i++)
      expect((await attempt(who.email, `wrong password ${i}`)).status).toBe(400);
    const blocked = await attempt(who.email, who.password);
    expect(blocked.status).toBe(429);
    expect(message(blocked.text)).toMatch(/Too many failed attempts/);
    // An unknown address is throttled the same way, so throttling reveals nothing.
    for (let i = 0; i < 5; i++) await attempt('ghost@city.test', `wrong password ${i}`);
    expect((await attempt('ghost@city.test', 'x'.repeat(12))).status).toBe(429);
    ctx.clock.advance(16 * MINUTE);
    expect((await attempt(who.email, who.password)).status).toBe(303);
  });

  test('failures are counted per IP address across accounts', async () => {
    for (let i = 0; i < 20; i++) await attempt(`person${i}@city.test`, 'wrong password here');
    const who = await createStaff(ctx, 'analyst');
    expect((await attempt(who.email, who.password)).status).toBe(429);
    ctx.clock.advance(16 * MINUTE);
    expect((await attempt(who.email, who.password)).status).toBe(303);
  });

  test('failures are logged without the email address', async () => {
    const rows = await ctx.db.selectFrom('login_failures').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/@/);
  });
});
