import {
  buildTestApp,
  createStaff,
  csrfFrom,
  residentAgent,
  signedIn,
  type TestContext,
} from '../support/app';
import { listRoutes } from '../support/routes';

/**
 * Every POST route, fed malformed, oversized, missing and wrong-type fields by a signed-in admin
 * (and a resident for /me), answers below 500: bad input is the person's problem to fix, never a
 * crash. GET routes get junk query strings the same way.
 */
let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedIn>>;
let resident: Awaited<ReturnType<typeof residentAgent>>;
let participantId: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
  resident = await residentAgent(ctx, 'fuzz@example.com');
  participantId = (await ctx.db.selectFrom('participants').select('id').executeTakeFirstOrThrow())
    .id;
});
afterAll(() => ctx.close());

function junk(seed: number): Record<string, unknown> {
  const values: unknown[] = [
    '',
    ' ',
    'x'.repeat(5000),
    ['a', 'b'],
    '<script>alert(1)</script>',
    '\u0000\u0007\u202e',
    '-1',
    '1e309',
    '9'.repeat(40),
    '2026-02-30',
    'NaN',
    '{"a":1}',
    '🌵',
  ];
  const fields = [
    'email',
    'name',
    'role',
    'password',
    'currentPassword',
    'newPassword',
    'firstName',
    'lastName',
    'phone',
    'zip',
    'language',
    'months',
    'decision',
    'status',
    'channel',
    'outcome',
    'note',
    'source',
    'reason',
    'text_en',
    'councilDistrict',
    'needs',
    'consent',
    'page',
    'id',
    'mapping',
    'duplicates',
    'consentChannel',
    'consentSource',
    'confirm',
  ];
  const out: Record<string, unknown> = {};
  fields.forEach((f, i) => {
    out[f] = values[(seed * 7 + i * 3) % values.length];
  });
  return out;
}

test('POST routes never answer 5xx to junk', async () => {
  const failures: string[] = [];
  for (const route of listRoutes(ctx.app).filter((r) => r.method === 'POST')) {
    // Steps that end the session or the account under test are left to their own tests.
    if (
      ['/logout', '/me/delete', '/me/withdraw'].includes(route.path) ||
      route.path.endsWith('/delete') ||
      route.path.endsWith('/deactivate')
    )
      continue;
    const agent = route.path.startsWith('/me') ? resident : admin;
    const path = route.path.replace(':id', String(participantId));
    for (let seed = 0; seed < 4; seed++) {
      const page = await agent.get(route.path.startsWith('/me') ? '/me' : '/staff');
      const res = await agent
        .post(path)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...(junk(seed) as object) });
      if (res.status >= 500) failures.push(`${route.path} seed ${seed}: ${res.status}`);
    }
  }
  expect(failures).toEqual([]);
  // The requests were made as a signed-in admin and resident throughout (not bounced to login).
  expect((await admin.get('/staff')).status).toBe(200);
  expect((await resident.get('/me')).status).toBe(200);
});

test('GET routes never answer 5xx to junk query strings', async () => {
  const failures: string[] = [];
  const query =
    '?page=-5&sort=%3Cx%3E&status=%00&language=' +
    'x'.repeat(3000) +
    '&q=%25_%5C&from=2026-13-45&councilDistrict=abc&attendedMin=1e999';
  for (const route of listRoutes(ctx.app).filter((r) => r.method === 'GET')) {
    const agent = route.path.startsWith('/me') ? resident : admin;
    const path = route.path.replace(':id', String(participantId)).replace(':token', 'x'.repeat(43));
    const res = await agent.get(path + query);
    if (res.status >= 500) failures.push(`${route.path}: ${res.status}`);
  }
  expect(failures).toEqual([]);
});
