import { sql } from 'kysely';
import type request from 'supertest';
import { HOUR } from '../../src/clock';
import { buildTestApp, createStaff, csrfFrom, signedIn, type TestContext } from '../support/app';
import { addPerson, fingerprint } from '../support/db';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let organizer: Agent;
let organizerId: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  const who = await createStaff(ctx, 'organizer');
  organizerId = who.id;
  organizer = await signedIn(ctx, who);
});
afterAll(() => ctx.close());

const HEADER = 'First name,Last name,Email,Phone,Language,ZIP,Council district,Contact preference';
const LONG_NAME = 'N'.repeat(10 * 1024);
/** Rows 2 and 10 are good; 3–7 are bad; 8 repeats row 2; 9 is someone already in the pool. */
const FILE =
  '\uFEFF' +
  [
    HEADER,
    'Ana,García,ana@example.com,213-555-0101,Spanish,90012,CD 1,email',
    'Ben,Lee,ben@example,,en,90013,,',
    'Cara,Kim,cara@example.com,,ko,9001,,',
    'Dan,,,,en,90014,,',
    `${LONG_NAME},Long,long@example.com,,en,90015,,`,
    '<script>alert(1)</script>,Html,html@example.com,,en,90016,,',
    'Ana,García,ANA@example.com,,es,90012,,',
    'Eve,Pool,pool@example.com,,en,90017,,',
    'Fay,"O""Neil, Jr",,(310) 555-0199,Korean,90018,5,phone',
  ].join('\r\n') +
  '\r\n';

async function upload(agent: Agent, content: string | Buffer, filename = 'list.csv') {
  const page = await agent.get('/staff/participants/import');
  return agent
    .post('/staff/participants/import')
    .field('_csrf', csrfFrom(page.text))
    .attach('file', Buffer.from(content), { filename, contentType: 'text/csv' });
}

/** Upload → accept the pre-selected columns → the preview page. Returns the draft id. */
async function uploadAndMap(agent: Agent, content: string | Buffer): Promise<number> {
  const res = await upload(agent, content);
  expect(res.status).toBe(303);
  const id = Number(/\/import\/(\d+)\/map$/.exec(res.headers.location)![1]);
  const map = await agent.get(`/staff/participants/import/${id}/map`);
  expect(map.status).toBe(200);
  const fields = Object.fromEntries(
    [...map.text.matchAll(/<select[^>]*name="(\w+)"[\s\S]*?<\/select>/g)].map((m) => [
      m[1],
      /<option value="([^"]*)" selected>/.exec(m[0])?.[1] ?? '',
    ]),
  );
  const mapped = await agent
    .post(`/staff/participants/import/${id}/map`)
    .type('form')
    .send({ _csrf: csrfFrom(map.text), ...fields });
  expect(mapped.status).toBe(303);
  return id;
}

async function commit(agent: Agent, id: number, fields: Record<string, string>) {
  const page = await agent.get(`/staff/participants/import/${id}/preview`);
  return agent
    .post(`/staff/participants/import/${id}/commit`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

const consent = {
  consentSource: 'Paper sign-up forms, library event',
  consentChannel: 'paper',
  consentCollected: 'yes',
};

const count = async (table: 'participants' | 'participant_imports' | 'import_drafts') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function addPoolPerson(email: string) {
  const now = new Date().toISOString();
  return addPerson(ctx.db, {
    public_id: `pool-${email}`,
    first_name: 'Eve',
    email,
    contact_preference: 'email',
    myla311_use: 'often',
    format_preference: 'online',
    created_at: now,
    updated_at: now,
    confirmed_at: now,
  });
}

describe('an import with good, bad and duplicate rows', () => {
  let poolId: number;
  let draftId: number;

  beforeAll(async () => {
    poolId = await addPoolPerson('pool@example.com');
    draftId = await uploadAndMap(organizer, FILE);
  });

  test('the columns are pre-selected by their header names', async () => {
    const map = await organizer.get(`/staff/participants/import/${draftId}/map`);
    expect(map.text).toMatch(/name="firstName"[\s\S]*?<option value="0" selected>/);
    expect(map.text).toMatch(/name="councilDistrict"[\s\S]*?<option value="6" selected>/);
  });

  test('one column cannot be used for two fields', async () => {
    const map = await organizer.get(`/staff/participants/import/${draftId}/map`);
    const res = await organizer
      .post(`/staff/participants/import/${draftId}/map`)
      .type('form')
      .send({ _csrf: csrfFrom(map.text), firstName: '0', lastName: '0', email: '2' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('This column is already used for First name');
  });

  test('the preview reports every problem by row and field, and shows markup as text', async () => {
    const res = await organizer.get(`/staff/participants/import/${draftId}/preview`);
    expect(res.status).toBe(200);
    const report = res.text.replace(/\s+/g, ' ');
    expect(report).toMatch(/<th scope="row">3<\/th> <td>Email<\/td> <td>Enter an email address/);
    expect(report).toMatch(/<th scope="row">4<\/th> <td>ZIP code<\/td>/);
    expect(report).toMatch(/<th scope="row">5<\/th> <td>Email<\/td>/);
    expect(report).toMatch(
      /<th scope="row">6<\/th> <td>First name<\/td> <td>This answer is too long/,
    );
    expect(report).toMatch(
      /<th scope="row">7<\/th> <td>First name<\/td> <td>Names cannot contain &lt; or &gt;/,
    );
    expect(report).toMatch(/<th scope="row">8<\/th> <td>Duplicate<\/td> <td>Same email as row 2/);
    expect(report).toMatch(
      new RegExp(
        `<th scope="row">9</th> <td>Duplicate</td> <td>Same email as participant ${poolId}`,
      ),
    );
    expect(res.text).not.toContain('<script>alert');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The 10 KB name is not sent back whole.
    expect(res.text).not.toContain(LONG_NAME);
    // Nothing is stored by a preview.
    expect(await count('participant_imports')).toBe(0);
  });

  test('consent source, channel and confirmation are required', async () => {
    const before = await count('participants');
    const res = await commit(organizer, draftId, { duplicatePolicy: 'merge' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('Describe where the consent comes from');
    expect(res.text).toContain('Choose how the consent was collected');
    expect(res.text).toContain('Confirm that every person in the file gave their consent');
    expect(await count('participants')).toBe(before);
  });

  test('merge: good rows are created with consent, duplicates merged, the import recorded', async () => {
    const res = await commit(organizer, draftId, { duplicatePolicy: 'merge', ...consent });
    expect(res.status).toBe(303);
    const importId = Number(/\/imports\/(\d+)$/.exec(res.headers.location)![1]);

    const imp = await ctx.db
      .selectFrom('participant_imports')
      .selectAll()
      .where('id', '=', importId)
      .executeTakeFirstOrThrow();
    expect(imp).toMatchObject({
      staff_id: organizerId,
      filename: 'list.csv',
      consent_source: consent.consentSource,
      consent_channel: 'paper',
      duplicate_policy: 'merge',
      rows_total: 9,
      rows_created: 2,
      rows_merged: 2,
      rows_skipped: 0,
      rows_invalid: 5,
    });
    const report = JSON.parse(imp.report) as { row: number; field: string; outcome: string }[];
    expect(report.filter((e) => e.outcome === 'invalid').map((e) => e.row)).toEqual([
      3, 4, 5, 6, 7,
    ]);
    expect(report.filter((e) => e.outcome === 'merged').map((e) => e.row)).toEqual([8, 9]);

    const created = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('import_id', '=', importId)
      .orderBy('id')
      .execute();
    expect(created.map((p) => [p.first_name, p.last_name, p.email, p.phone])).toEqual([
      ['Ana', 'García', 'ana@example.com', '+12135550101'],
      ['Fay', 'O"Neil, Jr', null, '+13105550199'],
    ]);
    expect(created.map((p) => [p.status, p.source, p.language, p.council_district])).toEqual([
      ['active', 'import', 'es', 1],
      ['active', 'import', 'ko', 5],
    ]);
    // What the file did not say stays unknown.
    expect(created[0].myla311_use).toBeNull();
    expect(created[0].format_preference).toBeNull();
    const events = await ctx.db
      .selectFrom('consent_events')
      .selectAll()
      .where(
        'participant_id',
        'in',
        created.map((p) => p.id),
      )
      .execute();
    expect(events).toHaveLength(2);
    for (const e of events)
      expect(e).toMatchObject({
        channel: 'paper',
        action: 'given',
        recorded_by_staff_id: organizerId,
      });

    // The pool person got their empty fields filled, nothing overwritten.
    const eve = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', poolId)
      .executeTakeFirstOrThrow();
    expect([eve.first_name, eve.last_name, eve.zip, eve.myla311_use, eve.source]).toEqual([
      'Eve',
      'Pool',
      '90017',
      'often',
      'web',
    ]);
    // Bad rows left no trace.
    for (const email of ['ben@example', 'cara@example.com', 'long@example.com', 'html@example.com'])
      expect(
        await ctx.db
          .selectFrom('participants')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirst(),
      ).toBeUndefined();
    // The draft is gone, and so is its copy of the file.
    expect(await count('import_drafts')).toBe(0);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'participants.import')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ created: 2, merged: 2, invalid: 5 });

    const page = await organizer.get(`/staff/participants/imports/${importId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Paper sign-up forms, library event');
    expect(page.text).toContain('Organizer');
    const list = await organizer.get('/staff/participants/imports');
    expect(list.text).toContain(`/staff/participants/imports/${importId}`);
  });

  test('skip: the same file again finds everyone already in the panel and changes nothing', async () => {
    const before = await count('participants');
    const id = await uploadAndMap(organizer, FILE);
    const res = await commit(organizer, id, { duplicatePolicy: 'skip', ...consent });
    expect(res.status).toBe(303);
    const imp = await ctx.db
      .selectFrom('participant_imports')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(imp).toMatchObject({
      rows_created: 0,
      rows_merged: 0,
      rows_skipped: 4,
      rows_invalid: 5,
    });
    expect(await count('participants')).toBe(before);
  });
});

test('a failure in the middle of the commit leaves nothing behind', async () => {
  // A row that the database refuses, after a good row has been written in the same transaction.
  await sql`create trigger refuse_boom before insert on participants when new.first_name = 'Boom'
            begin select raise(abort, 'refused'); end`.execute(ctx.db);
  try {
    const id = await uploadAndMap(
      organizer,
      'First name,Email,ZIP\nGood,good1@example.com,90012\nBoom,boom@example.com,90012\n',
    );
    const before = {
      people: await count('participants'),
      imports: await count('participant_imports'),
    };
    const events = await ctx.db.selectFrom('consent_events').select('id').execute();
    const res = await commit(organizer, id, { duplicatePolicy: 'merge', ...consent });
    expect(res.status).toBe(500);
    expect(await count('participants')).toBe(before.people);
    expect(await count('participant_imports')).toBe(before.imports);
    expect(await ctx.db.selectFrom('consent_events').select('id').execute()).toHaveLength(
      events.length,
    );
    expect(
      await ctx.db
        .selectFrom('participants')
        .select('id')
        .where('email', '=', 'good1@example.com')
        .executeTakeFirst(),
    ).toBeUndefined();
    // The draft is still there: once the database accepts the row, the same draft imports both.
    await sql`drop trigger refuse_boom`.execute(ctx.db);
    const again = await commit(organizer, id, { duplicatePolicy: 'merge', ...consent });
    expect(again.status).toBe(303);
    expect(await count('participants')).toBe(before.people + 2);
  } finally {
    await sql`drop trigger if exists refuse_boom`.execute(ctx.db);
  }
});

describe('the file', () => {
  test('a file that is not UTF-8 is refused with a clear message', async () => {
    const latin1 = Buffer.from('First name,Email,ZIP\nJos\xe9,jose@example.com,90012\n', 'latin1');
    const res = await upload(organizer, latin1);
    expect(res.status).toBe(400);
    expect(res.text).toContain('not UTF-8');
    expect(res.text).toContain('CSV UTF-8 (Comma delimited)');
  });

  test('no file, an empty file and a file over 5 MB are refused', async () => {
    const page = await organizer.get('/staff/participants/import');
    const none = await organizer
      .post('/staff/participants/import')
      .field('_csrf', csrfFrom(page.text));
    expect(none.status).toBe(400);
    expect(none.text).toContain('Choose a CSV file');
    const header = await upload(organizer, 'First name,Email\n');
    expect(header.status).toBe(400);
    expect(header.text).toContain('no people in it');
    const big = await upload(organizer, 'First name\n' + 'x\n'.repeat(3 * 1024 * 1024));
    expect(big.status).toBe(400);
    expect(big.text).toContain('larger than 5 MB');
  });

  test('a draft is private to who uploaded it and gone after 24 hours', async () => {
    const res = await upload(organizer, 'First name,Email,ZIP\nAna,x@example.com,90012\n');
    const path = res.headers.location as string;
    const other = await signedIn(ctx, await createStaff(ctx, 'organizer'));
    expect((await other.get(path)).status).toBe(404);
    expect((await organizer.get(path)).status).toBe(200);
    await ctx.db
      .updateTable('import_drafts')
      .set({ created_at: new Date(ctx.clock.now().getTime() - 25 * HOUR).toISOString() })
      .execute();
    expect((await organizer.get(path)).status).toBe(404);
    // And the next upload purges it.
    await upload(organizer, 'First name,Email,ZIP\nBo,y@example.com,90012\n');
    expect(await count('import_drafts')).toBe(1);
  });

  test('cancel discards the draft', async () => {
    const res = await upload(organizer, 'First name,Email,ZIP\nAna,z@example.com,90012\n');
    const id = Number(/\/import\/(\d+)\/map$/.exec(res.headers.location)![1]);
    const map = await organizer.get(`/staff/participants/import/${id}/map`);
    const cancel = await organizer
      .post(`/staff/participants/import/${id}/cancel`)
      .type('form')
      .send({ _csrf: csrfFrom(map.text) });
    expect(cancel.status).toBe(303);
    expect(
      await ctx.db.selectFrom('import_drafts').select('id').where('id', '=', id).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('access and CSRF', () => {
  test.each(['facilitator', 'analyst'] as const)('a %s gets 403', async (role) => {
    const agent = await signedIn(ctx, await createStaff(ctx, role));
    expect((await agent.get('/staff/participants/import')).status).toBe(403);
    expect((await agent.get('/staff/participants/imports')).status).toBe(403);
    const page = await agent.get('/staff/account/password');
    const res = await agent
      .post('/staff/participants/import')
      .field('_csrf', csrfFrom(page.text))
      .attach('file', Buffer.from(FILE), 'list.csv');
    expect(res.status).toBe(403);
  });

  test.each([
    ['without a token', undefined],
    ['with a wrong token', 'x'.repeat(40)],
  ])('a multipart upload %s gets 403 and stores nothing', async (_label, token) => {
    await organizer.get('/staff/participants/import'); // the session has a token of its own
    const before = await fingerprint(ctx.db);
    let req = organizer.post('/staff/participants/import');
    if (token) req = req.field('_csrf', token);
    const res = await req.attach('file', Buffer.from(FILE), 'list.csv');
    expect(res.status).toBe(403);
    expect(await fingerprint(ctx.db)).toBe(before);
  });
});
