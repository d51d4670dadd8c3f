import { recordAudit } from '../../src/audit/audit.queries';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';

let ctx: TestContext;
let adminId: number;
let adminWho: Awaited<ReturnType<typeof createStaff>>;

beforeAll(async () => {
  ctx = await buildTestApp();
  adminWho = await createStaff(ctx, 'admin');
  adminId = adminWho.id;
  const t0 = ctx.clock.now().getTime();
  await recordAudit(ctx.db, {
    actorStaffId: adminId,
    action: 'participant.edit',
    subjectType: 'participant',
    subjectId: 42,
    details: { fields: ['zip'] },
    at: new Date(t0 - 60_000),
  });
  await recordAudit(ctx.db, {
    actorStaffId: null,
    action: 'participant.delete',
    subjectType: 'participant',
    subjectId: 7,
    details: { by: 'resident' },
    at: new Date(t0),
  });
});
afterAll(() => ctx.close());

const actions = (html: string) =>
  [...html.matchAll(/data-label="Action"><code>([^<]+)</g)].map((m) => m[1]);

test('an admin sees the log newest first, with who, subject links and details', async () => {
  const admin = await signedIn(ctx, adminWho);
  const res = await admin.get('/staff/audit');
  expect(res.status).toBe(200);
  // Other features may log their own actions; the two above are the participant ones.
  const mine = actions(res.text).filter((a) => a.startsWith('participant.'));
  expect(mine).toEqual(['participant.delete', 'participant.edit']);
  expect(res.text).toContain('href="/staff/participants/42"');
  expect(res.text).toContain('Resident or system');
  expect(res.text).toContain('fields: [&#34;zip&#34;]');

  const filtered = await admin.get('/staff/audit?action=participant.edit');
  expect(actions(filtered.text)).toEqual(['participant.edit']);
  const byActor = await admin.get(`/staff/audit?actor=${adminId}`);
  expect(actions(byActor.text)).toContain('participant.edit');
  expect(actions(byActor.text)).not.toContain('participant.delete');
  // Unknown filters are ignored.
  expect((await admin.get('/staff/audit?action=nope&actor=x&page=-1')).status).toBe(200);
});

test.each(['organizer', 'facilitator', 'analyst'] as const)('a %s gets 403', async (role) => {
  const agent = await signedIn(ctx, await createStaff(ctx, role));
  expect((await agent.get('/staff/audit')).status).toBe(403);
});
