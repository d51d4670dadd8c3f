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
  const page = await agent.get('/login');
  return agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email, password });
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
