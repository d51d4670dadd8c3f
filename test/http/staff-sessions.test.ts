import request from 'supertest';
import {
  buildTestApp,
  createStaff,
  PASSWORD,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';

const NEW_PASSWORD = 'a brand new passphrase for me';

async function sessionsOf(ctx: TestContext, staffId: number): Promise<number> {
  const rows = await ctx.db
    .selectFrom('sessions')
    .select('sid')
    .where('staff_user_id', '=', staffId)
    .execute();
  return rows.length;
}

/** The set-password link in the newest mail kept for this address. */
async function setPasswordPath(ctx: TestContext, to: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('outbox')
    .select('text_body')
    .where('to_address', '=', to)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const m = /\/set-password\/[A-Za-z0-9_-]{43}/.exec(row.text_body);
  if (!m) throw new Error('no set-password link in the mail');
  return m[0];
}

function expectSentToLogin(res: request.Response) {
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/login/);
}

describe('a staff session is tied to its account', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await buildTestApp();
  });
  afterAll(() => ctx.close());

  test('the session row names the signed-in staff member', async () => {
    const who = await createStaff(ctx, 'analyst');
    await signedIn(ctx, who);
    await signedIn(ctx, who);
    expect(await sessionsOf(ctx, who.id)).toBe(2);
  });

  test('a password change ends the other sessions; the browser that changed it stays signed in', async () => {
    const who = await createStaff(ctx, 'organizer');
    const mine = await signedIn(ctx, who);
    const other = await signedIn(ctx, who);
    expect((await other.get('/staff')).status).toBe(200);

    const res = await postForm(mine, '/staff/account/password', '/staff/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(303);

    expectSentToLogin(await other.get('/staff'));
    expect((await mine.get('/staff')).status).toBe(200);
    expect(await sessionsOf(ctx, who.id)).toBe(1);
  });

  test('a session written back after a password change (a request in flight) is still signed out', async () => {
    const who = await createStaff(ctx, 'organizer');
    const mine = await signedIn(ctx, who);
    const other = await signedIn(ctx, who);
    const before = await ctx.db.selectFrom('sessions').selectAll().execute();
    ctx.clock.advance(60_000);
    const res = await postForm(mine, '/staff/account/password', '/staff/account/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(303);
    // The other browser's request, started before the change, saves its session as it ends.
    const gone = before.filter((row) => row.staff_user_id === who.id);
    for (const row of gone)
      await ctx.db
        .insertInto('sessions')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .execute();
    expectSentToLogin(await other.get('/staff'));
    // The browser that changed it was given a new session id, started after the change.
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    expect(cookies.some((c) => c.startsWith('cp.sid='))).toBe(true);
    expect((await mine.get('/staff')).status).toBe(200);
  });

  test('a reset link ends every earlier session; the browser that used it is signed in', async () => {
    const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
    const who = await createStaff(ctx, 'facilitator');
    const mine = await signedIn(ctx, who);
    const other = await signedIn(ctx, who);
    const sent = await postForm(
      admin,
      `/staff/users/${who.id}`,
      `/staff/users/${who.id}/password-link`,
      {},
    );
    expect(sent.status).toBe(303);

    expect((await mine.get(await setPasswordPath(ctx, who.email))).status).toBe(303);
    const res = await postForm(mine, '/set-password', '/set-password', { password: NEW_PASSWORD });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/staff');

    expectSentToLogin(await other.get('/staff'));
    expect((await mine.get('/staff')).status).toBe(200);
    expect((await admin.get('/staff/users')).status).toBe(200);
    expect(await sessionsOf(ctx, who.id)).toBe(1);
  });

  test('deactivation deletes the sessions too, not only refuses them', async () => {
    const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
    const who = await createStaff(ctx, 'analyst');
    const theirs = await signedIn(ctx, who);
    const res = await postForm(
      admin,
      `/staff/users/${who.id}`,
      `/staff/users/${who.id}/deactivate`,
      {},
    );
    expect(res.status).toBe(303);
    expect(await sessionsOf(ctx, who.id)).toBe(0);
    expectSentToLogin(await theirs.get('/staff'));
  });
});
