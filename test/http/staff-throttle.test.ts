import request from 'supertest';
import { MINUTE } from '../../src/clock';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  PASSWORD,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';

const NEW_PASSWORD = 'a brand new passphrase for me';

/** The error message shown for a field, if any. */
function fieldError(html: string, field: string): string | undefined {
  return new RegExp(`<span class="usa-error-message" id="${field}-error">([^<]*)</span>`).exec(
    html,
  )?.[1];
}

/** A login from a browser (agent) or, without one, from a fresh browser. */
async function login(
  ctx: TestContext,
  email: string,
  password: string,
  agent = request.agent(ctx.app),
) {
  return postForm(agent, '/login', '/login', { email, password });
}

describe('the current password on the change-password form is throttled like a login', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await buildTestApp();
  });
  afterAll(() => ctx.close());

  test('five wrong current passwords throttle the account: 429, even with the right one, and at /login too', async () => {
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn(ctx, who);
    const change = (currentPassword: string) =>
      postForm(agent, '/staff/account/password', '/staff/account/password', {
        currentPassword,
        newPassword: NEW_PASSWORD,
      });

    for (let i = 1; i <= 5; i++) {
      const res = await change(`wrong password ${i}`);
      expect(res.status).toBe(400);
      expect(fieldError(res.text, 'currentPassword')).toBe('Your current password is incorrect');
    }
    for (let i = 6; i <= 8; i++) expect((await change(`wrong password ${i}`)).status).toBe(429);
    const ninth = await change(PASSWORD);
    expect(ninth.status).toBe(429);
    expect(fieldError(ninth.text, 'currentPassword')).toMatch(/^Too many failed attempts/);

    // The password did not change, and the failures count for the login page as well.
    const fresh = await login(ctx, who.email, PASSWORD);
    expect(fresh.status).toBe(429);
    expect(fieldError(fresh.text, 'email')).toBe(fieldError(ninth.text, 'currentPassword'));
    ctx.clock.advance(16 * MINUTE);
    expect((await login(ctx, who.email, NEW_PASSWORD)).status).toBe(400);
    expect((await login(ctx, who.email, PASSWORD)).status).toBe(303);
  });
});

function setCookie(res: request.Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return cookies.find((c) => c.startsWith(`${name}=`));
}

/** A login from a fresh browser that presents this device cookie value. */
async function loginWithDevice(ctx: TestContext, email: string, password: string, device: string) {
  const page = await request(ctx.app).get('/login');
  const sid = setCookie(page, 'cp.sid')!.split(';')[0];
  return request(ctx.app)
    .post('/login')
    .set('Cookie', [sid, `cp.device=${device}`])
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
}

describe('a browser that signed in before is not locked out by others (device cookie)', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await buildTestApp();
  });
  afterAll(() => ctx.close());
  // Each test starts with an empty window (per-IP failures add up: every agent is 127.0.0.1).
  beforeEach(() => ctx.clock.advance(16 * MINUTE));

  /** The owner signs in (getting a device cookie), then signs out as at the end of a day. */
  async function ownerBrowser(who: { email: string; password: string }) {
    const owner = await signedIn(ctx, who);
    expect((await postForm(owner, '/staff', '/logout', {})).status).toBe(303);
    return owner;
  }

  async function throttleAccount(email: string) {
    for (let i = 1; i <= 5; i++)
      expect((await login(ctx, email, `wrong password ${i}`)).status).toBe(400);
    expect((await login(ctx, email, PASSWORD)).status).toBe(429);
  }

  test('the owner signs in with the right password while the account is throttled; a fresh browser still gets 429', async () => {
    const who = await createStaff(ctx, 'admin');
    const owner = await ownerBrowser(who);
    await throttleAccount(who.email);

    const back = await login(ctx, who.email, PASSWORD, owner);
    expect(back.status).toBe(303);
    expect((await owner.get('/staff')).status).toBe(200);
    // The owner's login did not reset the count of someone else's guesses.
    expect((await login(ctx, who.email, PASSWORD)).status).toBe(429);
  });

  test("the device cookie's failures are its own; after five it is trusted no more", async () => {
    const who = await createStaff(ctx, 'admin');
    const owner = await ownerBrowser(who);
    for (let i = 1; i <= 5; i++)
      expect((await login(ctx, who.email, `typo ${i}`, owner)).status).toBe(400);
    // Not counted against the account: another browser of the owner still signs in.
    expect((await login(ctx, who.email, PASSWORD)).status).toBe(303);

    await throttleAccount(who.email);
    const refused = await login(ctx, who.email, PASSWORD, owner);
    expect(refused.status).toBe(429);
    expect(fieldError(refused.text, 'email')).toMatch(/^Too many failed attempts/);
  });

  test("another account's device cookie, a forged one or none does not open a throttled account", async () => {
    const victim = await createStaff(ctx, 'admin');
    const other = await createStaff(ctx, 'analyst');
    const res = await login(ctx, other.email, other.password);
    const device = setCookie(res, 'cp.device')!.split(';')[0].slice('cp.device='.length);
    const parts = device.split('.');
    await throttleAccount(victim.email);

    expect((await loginWithDevice(ctx, victim.email, PASSWORD, device)).status).toBe(429);
    const forged = [parts[0], parts[1], 'A'.repeat(22), parts[3], parts[4]].join('.');
    expect((await loginWithDevice(ctx, other.email, other.password, forged)).status).toBe(303);
    expect((await loginWithDevice(ctx, victim.email, PASSWORD, forged)).status).toBe(429);
    // The genuine one still works for its own account.
    expect((await loginWithDevice(ctx, other.email, other.password, device)).status).toBe(303);
  });

  test('the cookie: HttpOnly, SameSite=Lax, Path=/, long-lived, no email; a new one at each login', async () => {
    const who = await createStaff(ctx, 'organizer');
    const first = setCookie(await login(ctx, who.email, PASSWORD), 'cp.device')!;
    const second = setCookie(await login(ctx, who.email, PASSWORD), 'cp.device')!;
    expect(first).toMatch(/; HttpOnly/);
    expect(first).toMatch(/; SameSite=Lax/);
    expect(first).toMatch(/; Path=\//);
    expect(first).not.toMatch(/Domain=/i);
    expect(Number(/Max-Age=(\d+)/.exec(first)?.[1])).toBeGreaterThanOrEqual(90 * 24 * 3600);
    expect(decodeURIComponent(first)).not.toContain(who.email);
    expect(first.split(';')[0]).not.toBe(second.split(';')[0]);
  });
});

test('production: the device cookie is __Host- prefixed and Secure', async () => {
  const ctx = await buildTestApp({
    config: { env: 'production', secureCookies: true, trustProxy: 1 },
  });
  try {
    const who = await createStaff(ctx, 'analyst');
    const page = await request(ctx.app).get('/login').set('X-Forwarded-Proto', 'https');
    const sid = setCookie(page, '__Host-cp.sid')!.split(';')[0];
    const res = await request(ctx.app)
      .post('/login')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', sid)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), email: who.email, password: PASSWORD });
    expect(res.status).toBe(303);
    const device = setCookie(res, '__Host-cp.device');
    expect(device).toMatch(/; Secure/);
    expect(device).toMatch(/; Path=\//);
    expect(device).not.toMatch(/Domain=/i);
  } finally {
    await ctx.close();
  }
});
