import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { DAY } from '../../src/clock';
import type { NewParticipant } from '../../src/db/schema';
import { addPerson } from '../support/db';
import { buildTestApp, createStaff, csrfFrom, signedIn, type TestContext } from '../support/app';

type Agent = ReturnType<typeof request.agent>;
let ctx: TestContext;
let organizer: Agent;
let organizerId: number;

let n = 0;
/** Someone on the call list unless a test says otherwise: prefers phone, active, district 1. */
async function person(over: Partial<NewParticipant>): Promise<number> {
  n++;
  const now = ctx.clock.now().toISOString();
  return addPerson(ctx.db, {
    public_id: `p${n}`,
    source: 'phone',
    first_name: `Person${n}`,
    last_name: 'Test',
    phone: `+1213555${String(1000 + n)}`,
    contact_preference: 'phone',
    zip: '90012',
    council_district: 1,
    created_at: now,
    updated_at: now,
    confirmed_at: now,
    ...over,
  });
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const who = await createStaff(ctx, 'organizer');
  organizerId = who.id;
  organizer = await signedIn(ctx, who);
  const maria = await person({
    first_name: "=cmd|' /C calc'!A0",
    last_name: 'García',
    phone: '+12135550101',
    language: 'es',
    council_district: 5,
    interpreter_language: 'es',
  });
  await ctx.db
    .insertInto('participant_choices')
    .values([
      { participant_id: maria, field: 'needs', value: 'interpreter' },
      { participant_id: maria, field: 'availability', value: 'weekend' },
    ])
    .execute();
  await person({
    first_name: 'Texter',
    contact_preference: 'text',
    email: 'texter@example.com',
    language: 'ko',
  });
  await person({
    first_name: 'Recent',
    last_contacted_at: new Date(ctx.clock.now().getTime() - 2 * DAY).toISOString(),
  });
  // Not on the list: email people, inactive people.
  await person({ first_name: 'Emailer', contact_preference: 'email', email: 'e@example.com' });
  await person({ first_name: 'Paused', status: 'paused' });
});
afterAll(() => ctx.close());

const names = (html: string) =>
  [...html.matchAll(/<th scope="row" data-label="Name"><a [^>]*>([^<]*)</g)].map((m) => m[1]);

test('lists active people to reach by phone, with phone, language, time and interpreter', async () => {
  const res = await organizer.get('/staff/participants/call-list');
  expect(res.status).toBe(200);
  expect(names(res.text).sort()).toEqual([
    '=cmd|&#39; /C calc&#39;!A0 García',
    'Recent Test',
    'Texter Test',
  ]);
  expect(res.text).toContain('(213) 555-0101');
  expect(res.text).toContain('Weekends');
  expect(res.text).toContain('Yes (Spanish)');
});

test('filters by language, district and "not contacted in N days"', async () => {
  expect(names((await organizer.get('/staff/participants/call-list?language=ko')).text)).toEqual([
    'Texter Test',
  ]);
  expect(
    names((await organizer.get('/staff/participants/call-list?district=5')).text),
  ).toHaveLength(1);
  const days = names((await organizer.get('/staff/participants/call-list?days=7')).text);
  expect(days).not.toContain('Recent Test');
  expect(days).toHaveLength(2);
  expect(names((await organizer.get('/staff/participants/call-list?days=1')).text)).toContain(
    'Recent Test',
  );
  // A filter that does not parse is ignored, not a 500.
  expect((await organizer.get('/staff/participants/call-list?district=99&days=abc')).status).toBe(
    200,
  );
});

async function exportCsv(fields: Record<string, string>) {
  const page = await organizer.get('/staff/participants/call-list');
  return organizer
    .post('/staff/participants/call-list/export')
    .type('form')
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

const exportsLogged = () =>
  ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'participants.export').execute();

test('the export needs a reason', async () => {
  const res = await exportCsv({ language: 'es' });
  expect(res.status).toBe(400);
  expect(res.body.toString()).toContain('Say why you need this export');
  expect(await exportsLogged()).toHaveLength(0);
});

test('the export is an audited, Excel-safe CSV attachment', async () => {
  const res = await exportCsv({
    language: 'es',
    district: '',
    days: '30',
    reason: 'Calls for the Bulky Item study',
  });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(
    /^attachment; filename="call-list-\d{4}-\d{2}-\d{2}\.csv"$/,
  );
  const body = res.body as Buffer;
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = parse(body.toString('utf8').slice(1)) as string[][];
  expect(rows[0]).toEqual([
    'Participant id',
    'Name',
    'Phone',
    'Language',
    'Contact by',
    'Preferred time',
    'Needs interpreter',
    'Last contacted (UTC)',
  ]);
  expect(rows).toHaveLength(2);
  expect(rows[1][1]).toBe("'=cmd|' /C calc'!A0 García");
  expect(rows[1][2]).toBe('(213) 555-0101');
  expect(rows[1].slice(3, 7)).toEqual(['Spanish', 'Phone call', 'Weekends', 'Yes (Spanish)']);

  const [entry] = await exportsLogged();
  expect(entry.actor_staff_id).toBe(organizerId);
  const details = JSON.parse(entry.details);
  expect(details).toEqual({
    export: 'call-list',
    filter: { language: 'es', notContactedDays: 30 },
    reason: 'Calls for the Bulky Item study',
    rows: 1,
  });
  // No names or phone numbers in the audit log.
  expect(entry.details).not.toMatch(/García|555/);
});

test('facilitators and analysts cannot see or export the list', async () => {
  for (const role of ['facilitator', 'analyst'] as const) {
    const agent = await signedIn(ctx, await createStaff(ctx, role));
    expect((await agent.get('/staff/participants/call-list')).status).toBe(403);
    const page = await agent.get('/staff/account/password');
    const res = await agent
      .post('/staff/participants/call-list/export')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), reason: 'x' });
    expect(res.status).toBe(403);
  }
});
