import { buildTestApp, createStaff, csrfFrom, signedIn, type TestContext } from '../support/app';
import { fingerprint } from '../support/db';
import { listRoutes } from '../support/routes';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedIn>>;
let adminWho: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  ctx = await buildTestApp();
  adminWho = await createStaff(ctx, 'admin');
  admin = await signedIn(ctx, adminWho);
  await createStaff(ctx, 'analyst');
});
afterAll(() => ctx.close());

const fieldsFor: Record<string, Record<string, string>> = {
  '/login': { email: 'someone@city.test', password: 'correct horse battery staple' },
  '/staff/users': { name: 'New Person', email: 'new@city.test', role: 'analyst' },
  '/staff/users/:id/role': { role: 'organizer' },
  '/staff/account/password': {
    currentPassword: 'correct horse battery staple',
    newPassword: 'a brand new long password',
  },
};

const posts = () => listRoutes(ctx.app).filter((r) => r.method === 'POST');

test('there are POST routes to check', () => {
  expect(posts().length).toBeGreaterThanOrEqual(8);
});

describe('every POST without a CSRF token is refused and changes nothing', () => {
  test.each(['missing', 'wrong'])('%s token', async (kind) => {
    for (const route of posts()) {
      const path = route.path.replace(':id', '2');
      const before = await fingerprint(ctx.db);
      const body = {
        ...(fieldsFor[route.path] ?? {}),
        ...(kind === 'wrong' ? { _csrf: 'x'.repeat(40) } : {}),
      };
      const res = await admin.post(path).type('form').send(body);
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(await fingerprint(ctx.db)).toBe(before);
    }
  });

  test('a token from another session is refused too', async () => {
    const other = await signedIn(ctx, adminWho);
    await other.get('/staff/users'); // the other session has a token of its own
    const page = await admin.get('/staff/users');
    const before = await fingerprint(ctx.db);
    const res = await other
      .post('/staff/users')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fieldsFor['/staff/users'] });
    expect(res.status).toBe(403);
    expect(await fingerprint(ctx.db)).toBe(before);
  });
});

test('with the token, the same POST works (the refusal above is about the token)', async () => {
  const page = await admin.get('/staff/users');
  const res = await admin
    .post('/staff/users')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fieldsFor['/staff/users'] });
  expect(res.status).toBe(303);
});
