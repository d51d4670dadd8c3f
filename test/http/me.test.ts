import request from 'supertest';
import { sql } from 'kysely';
import { DAY } from '../../src/clock';
import { translator } from '../../src/i18n/i18n';
import { ConsentService } from '../../src/participants/consent/consent.service';
import { endExpiredPauses, purgeStalePending } from '../../src/participants/maintenance';
import {
  answerLinkRequests,
  buildTestApp,
  createStaff,
  csrfFrom,
  deliverMail,
  latestLink,
  residentAgent,
  signUp,
  type TestContext,
} from '../support/app';
import { tableNames } from '../support/db';
import { TestSmtpServer } from '../support/smtp';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

async function form(
  agent: ReturnType<typeof request.agent>,
  page: string,
  action: string,
  fields: Record<string, unknown> = {},
) {
  const html = (await agent.get(page)).text;
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(html), ...fields });
}

test('a manage link opens only its own person, and the token leaves the address bar', async () => {
  const a = await residentAgent(ctx, 'alma@example.com', { firstName: 'Alma' });
  const b = await residentAgent(ctx, 'bea@example.com', { firstName: 'Bea' });
  const pageA = await a.get('/me');
  const pageB = await b.get('/me');
  expect(pageA.text).toContain('value="Alma"');
  expect(pageA.text).not.toContain('Bea');
  expect(pageB.text).toContain('value="Bea"');
  expect(pageB.text).not.toContain('alma@example.com');
  const fresh = request.agent(ctx.app);
  const res = await fresh.get(await latestLink(ctx, 'alma@example.com', 'm'));
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/me\?lang=/);
  expect(res.headers['referrer-policy']).toBe('no-referrer');
});

test('invalid, expired and used links all get the same friendly page', async () => {
  const agent = request.agent(ctx.app);
  const bogus = await agent.get(`/me/m/${'A'.repeat(43)}`);
  expect(bogus.headers.location).toBe('/me/expired');
  const invalid = (await agent.get('/me/expired')).text;
  expect(invalid).toContain('This link cannot be used');

  await residentAgent(ctx, 'old@example.com');
  const link = await latestLink(ctx, 'old@example.com', 'm');
  ctx.clock.advance(31 * DAY);
  const expired = await request.agent(ctx.app).get(link);
  expect(expired.headers.location).toBe('/me/expired');

  // A used confirmation link: confirming twice shows the same page as a bogus one.
  const c = await signUp(ctx, 'used@example.com');
  const confirmLink = await latestLink(ctx, 'used@example.com', 'c');
  await c.get(confirmLink);
  const ok = await form(c, '/me/confirm', '/me/confirm');
  expect(ok.status).toBe(200);
  const again = request.agent(ctx.app);
  await again.get(confirmLink);
  const used = await again.get('/me/confirm');
  expect(used.status).toBe(410);
  expect(used.text).toContain('This link cannot be used');
});

test('update profile, pause, resume, withdraw and rejoin', async () => {
  const agent = await residentAgent(ctx, 'self@example.com', { language: 'es' });
  const bad = await form(agent, '/me', '/me', {
    firstName: 'Rosa',
    email: 'self@example.com',
    contactPreference: 'email',
    language: 'es',
    zip: '12',
    myla311Use: 'often',
    format: 'online',
  });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('value="12"');
  const good = await form(agent, '/me', '/me', {
    firstName: 'Rosa María',
    email: 'self@example.com',
    contactPreference: 'email',
    language: 'es',
    zip: '90033',
    myla311Use: 'often',
    format: 'online',
    channels: ['app', 'web'],
  });
  expect(good.status).toBe(303);
  const id = (
    await ctx.db
      .selectFrom('participants')
      .select('id')
      .where('email', '=', 'self@example.com')
      .executeTakeFirstOrThrow()
  ).id;
  const row = () =>
    ctx.db.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  expect(await row()).toMatchObject({
    first_name: 'Rosa María',
    zip: '90033',
    myla311_use: 'often',
  });
  const choices = await ctx.db
    .selectFrom('participant_choices')
    .select('value')
    .where('participant_id', '=', id)
    .where('field', '=', 'channels')
    .execute();
  expect(choices.map((c) => c.value).sort()).toEqual(['app', 'web']);

  expect((await form(agent, '/me', '/me/pause', { months: '6' })).status).toBe(303);
  const paused = await row();
  expect(paused.status).toBe('paused');
  expect(new Date(paused.paused_until!).getTime() - ctx.clock.now().getTime()).toBeGreaterThan(
    180 * DAY,
  );
  expect((await agent.get('/me')).text).toMatch(/El contacto está en pausa|pausa/i);
  await form(agent, '/me', '/me/resume');
  expect((await row()).status).toBe('active');
  await form(agent, '/me', '/me/withdraw');
  expect((await row()).status).toBe('withdrawn');
  const withdrawals = await ctx.db
    .selectFrom('consent_events')
    .selectAll()
    .where('participant_id', '=', id)
    .where('action', '=', 'withdrawn')
    .execute();
  expect(withdrawals).toHaveLength(1);
  await form(agent, '/me', '/me/rejoin');
  expect((await row()).status).toBe('active');
});

test('a new consent version is asked for before anything else', async () => {
  const agent = await residentAgent(ctx, 'consent@example.com');
  const admin = await createStaff(ctx, 'admin');
  const consent = new ConsentService(ctx.db, ctx.clock);
  await consent.publish(admin.id, {
    en: 'New text v2',
    es: 'Texto nuevo v2',
    ko: '새 문구 v2',
    hy: 'Նոր տեքստ v2',
    'zh-Hant': '新文字 v2',
  });
  const res = await agent.get('/me');
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/me/consent');
  const page = await agent.get('/me/consent');
  expect(page.text).toContain('Texto nuevo v2');
  await agent
    .post('/me/consent')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), decision: 'agree' });
  expect((await agent.get('/me')).status).toBe(200);
  const p = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('email', '=', 'consent@example.com')
    .executeTakeFirstOrThrow();
  const events = await ctx.db
    .selectFrom('consent_events')
    .innerJoin('consent_versions', 'consent_versions.id', 'consent_events.version_id')
    .select(['version', 'language'])
    .where('participant_id', '=', p.id)
    .orderBy('consent_events.id')
    .execute();
  expect(events.map((e) => e.version)).toEqual([1, 2]);
  expect(events[1].language).toBe('es');
});

test('"get my link" never reveals whether an address is in the panel', async () => {
  await residentAgent(ctx, 'member@example.com');
  const rows = async () => ({
    requests: (await ctx.db.selectFrom('link_requests').selectAll().execute()).length,
    outbox: (await ctx.db.selectFrom('outbox').select('id').execute()).length,
  });
  const mailTo = (to: string) =>
    ctx.db
      .selectFrom('outbox')
      .select('template')
      .where('to_address', '=', to)
      .where('template', '=', 'participant-manage-link')
      .execute();
  // The request does the same database work for both: one request row, no mail.
  const before = await rows();
  const known = await form(request.agent(ctx.app), '/me/link', '/me/link', {
    email: ' Member@Example.com ',
  });
  const afterKnown = await rows();
  const unknown = await form(request.agent(ctx.app), '/me/link', '/me/link', {
    email: 'stranger@example.com',
  });
  const afterUnknown = await rows();
  expect(known.status).toBe(303);
  expect(unknown.status).toBe(known.status);
  expect(unknown.headers.location).toBe(known.headers.location);
  expect(afterKnown).toEqual({ requests: before.requests + 1, outbox: before.outbox });
  expect(afterUnknown).toEqual({ requests: afterKnown.requests + 1, outbox: before.outbox });
  const stored = await ctx.db.selectFrom('link_requests').select('email').execute();
  expect(stored.map((r) => r.email)).toEqual(['member@example.com', 'stranger@example.com']);

  // The job answers: one email to the known person, none to the stranger, and no address kept.
  expect(await answerLinkRequests(ctx)).toBe(2);
  expect(await mailTo('member@example.com')).toHaveLength(1);
  expect(
    await ctx.db
      .selectFrom('outbox')
      .where('to_address', '=', 'stranger@example.com')
      .select('id')
      .execute(),
  ).toHaveLength(0);
  expect(await rows()).toEqual({ requests: 0, outbox: before.outbox + 1 });

  // A request the job did not reach within an hour is dropped unanswered.
  ctx.clock.advance(11 * 60_000); // past the per-person limit
  await form(request.agent(ctx.app), '/me/link', '/me/link', { email: 'member@example.com' });
  ctx.clock.advance(61 * 60_000);
  expect(await answerLinkRequests(ctx)).toBe(0);
  expect(await mailTo('member@example.com')).toHaveLength(1);
  expect((await rows()).requests).toBe(0);
});

test('pending sign-ups older than 7 days are purged with their mail blanked', async () => {
  await signUp(ctx, 'late@example.com');
  ctx.clock.advance(8 * DAY);
  expect(await purgeStalePending(ctx.db, ctx.mailer, ctx.clock.now())).toBeGreaterThanOrEqual(1);
  expect(
    await ctx.db
      .selectFrom('participants')
      .select('id')
      .where('email', '=', 'late@example.com')
      .executeTakeFirst(),
  ).toBeUndefined();
  expect(
    await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', 'late@example.com')
      .executeTakeFirst(),
  ).toBeUndefined();
});

describe('deletion', () => {
  test('two steps, a goodbye email, and no personal value left anywhere in the database', async () => {
    const smtp = new TestSmtpServer();
    await smtp.start();
    const d = await buildTestApp({ smtp });
    try {
      const values = {
        firstName: 'Zelda<b>',
        lastName: 'Quintanilla-Uniq',
        email: 'zelda.unique@example.com',
        phone: '213 555 0199',
        zip: '90077',
        needs: ['other'],
        needsOther: 'Needs a quiet room xyzzy',
      };
      const agent = await residentAgent(d, values.email, values);
      await deliverMail(d, smtp);
      const id = (
        await d.db
          .selectFrom('participants')
          .select('id')
          .where('email', '=', values.email)
          .executeTakeFirstOrThrow()
      ).id;
      // Contact notes and a queued email must go too.
      await d.db
        .insertInto('contact_log')
        .values({
          participant_id: id,
          at: new Date().toISOString(),
          staff_id: null,
          channel: 'phone',
          outcome: 'reached',
          note: 'Spoke with Zelda Quintanilla-Uniq',
        })
        .execute();
      await d.db
        .updateTable('outbox')
        .set({ status: 'queued' })
        .where('participant_id', '=', id)
        .execute();
      // An organizer's CSV import in progress that holds the same person.
      const organizer = await createStaff(d, 'organizer');
      await d.db
        .insertInto('import_drafts')
        .values({
          staff_id: organizer.id,
          created_at: new Date().toISOString(),
          filename: 'list.csv',
          rows_json: JSON.stringify({ headers: ['email'], rows: [[values.email]] }),
          mapping_json: null,
        })
        .execute();
      // Another one that typed the address in capitals, and a "get my link" not answered yet.
      await d.db
        .insertInto('import_drafts')
        .values({
          staff_id: organizer.id,
          created_at: new Date().toISOString(),
          filename: 'other.csv',
          rows_json: JSON.stringify({ headers: ['email'], rows: [['Zelda.Unique@Example.com']] }),
          mapping_json: null,
        })
        .execute();
      const linkPage = await request(d.app).get('/me/link');
      const asked = await request(d.app)
        .post('/me/link')
        .set('Cookie', linkPage.headers['set-cookie'] ?? [])
        .type('form')
        .send({ _csrf: csrfFrom(linkPage.text), email: values.email });
      expect(asked.status).toBe(303);

      const sessionsBefore = await d.db
        .selectFrom('sessions')
        .select('sid')
        .where('participant_id', '=', id)
        .execute();
      expect(sessionsBefore.length).toBeGreaterThan(0);
      const confirmPage = await agent.get('/me/delete');
      expect(confirmPage.text).toContain(translator('es')('me.deleteConfirmTitle'));
      expect(
        await d.db
          .selectFrom('participants')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow(),
      ).toEqual({ status: 'active' });
      const res = await agent
        .post('/me/delete')
        .type('form')
        .send({ _csrf: csrfFrom(confirmPage.text) });
      expect(res.headers.location).toBe('/me/deleted');
      expect((await agent.get('/me')).status).toBe(410);

      expect((await deliverMail(d, smtp)).sent).toBe(1);
      const goodbye = smtp.to(values.email).at(-1)!;
      expect(goodbye.subject).toBe(translator('es')('mail.deleted.subject'));

      const needles = ['Zelda', 'Quintanilla-Uniq', 'zelda.unique', '2135550199', '90077', 'xyzzy'];
      expect(await d.db.selectFrom('link_requests').selectAll().execute()).toEqual([]);
      const found: string[] = [];
      for (const table of await tableNames(d.db)) {
        const { rows } = await sql<
          Record<string, unknown>
        >`select * from ${sql.table(table)}`.execute(d.db);
        for (const row of rows)
          for (const [col, v] of Object.entries(row))
            if (typeof v === 'string' && needles.some((n) => v.includes(n)))
              found.push(`${table}.${col}`);
      }
      expect(found).toEqual([]);
      const p = await d.db
        .selectFrom('participants')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(p.status).toBe('deleted');
      expect(p.language).toBe('es'); // de-identified answers remain
      expect(
        await d.db
          .selectFrom('magic_links')
          .select('id')
          .where('participant_id', '=', id)
          .execute(),
      ).toHaveLength(0);
      expect(
        await d.db.selectFrom('sessions').select('sid').where('participant_id', '=', id).execute(),
      ).toHaveLength(0);
    } finally {
      await d.close();
      await smtp.stop();
    }
  });
});

test('only a pause can be resumed: someone who left comes back through rejoin, with consent', async () => {
  const agent = await residentAgent(ctx, 'guard@example.com');
  const id = (
    await ctx.db
      .selectFrom('participants')
      .select('id')
      .where('email', '=', 'guard@example.com')
      .executeTakeFirstOrThrow()
  ).id;
  const status = async () =>
    (
      await ctx.db
        .selectFrom('participants')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  await form(agent, '/me', '/me/withdraw');
  await form(agent, '/me', '/me/resume');
  expect(await status()).toBe('withdrawn');
  await form(agent, '/me', '/me/pause', { months: '3' });
  expect(await status()).toBe('withdrawn');
  await form(agent, '/me', '/me/rejoin');
  expect(await status()).toBe('active');
  const given = await ctx.db
    .selectFrom('consent_events')
    .select('action')
    .where('participant_id', '=', id)
    .orderBy('id')
    .execute();
  expect(given.map((g) => g.action)).toEqual(['given', 'withdrawn', 'given']);
});

test('a pause ends by itself when its time is up', async () => {
  const agent = await residentAgent(ctx, 'pause-end@example.com');
  await form(agent, '/me', '/me/pause', { months: '3' });

  expect(await endExpiredPauses(ctx.db, ctx.clock.now())).toBe(0);
  ctx.clock.advance(93 * DAY);
  expect(await endExpiredPauses(ctx.db, ctx.clock.now())).toBeGreaterThanOrEqual(1);
  const p = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('email', '=', 'pause-end@example.com')
    .executeTakeFirstOrThrow();
  expect(p).toMatchObject({ status: 'active', paused_until: null });
});

test('a new email address is used only once its owner follows the link; a taken one gets the same answer', async () => {
  const agent = await residentAgent(ctx, 'move@example.com');
  await residentAgent(ctx, 'taken@example.com');
  const id = (
    await ctx.db
      .selectFrom('participants')
      .select('id')
      .where('email', '=', 'move@example.com')
      .executeTakeFirstOrThrow()
  ).id;
  const fields = {
    firstName: 'Rosa',
    contactPreference: 'email',
    language: 'es',
    zip: '90012',
    myla311Use: 'few',
    format: 'either',
  };
  const flashText = async () =>
    /<p class="usa-alert__text">([^<]*)<\/p>\s*<\/div>\s*<\/div>\s*<h1>/.exec(
      (await agent.get('/me')).text,
    )?.[0];

  await form(agent, '/me', '/me', { ...fields, email: 'taken@example.com' });
  const takenAnswer = await flashText();
  expect(
    await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('template', '=', 'participant-email-change')
      .execute(),
  ).toHaveLength(0);

  await form(agent, '/me', '/me', { ...fields, email: 'moved@example.com' });
  expect(await flashText()).toBe(takenAnswer);
  const stillOld = await ctx.db
    .selectFrom('participants')
    .select('email')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(stillOld.email).toBe('move@example.com');
  const link = await latestLink(ctx, 'moved@example.com', 'e');
  const other = request.agent(ctx.app);
  await other.get(link);
  const page = await other.get('/me/email');
  expect(page.status).toBe(200);
  const done = await other
    .post('/me/email')
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
  expect(done.headers.location).toBe('/me');
  const moved = await ctx.db
    .selectFrom('participants')
    .select('email')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(moved.email).toBe('moved@example.com');
  // The link works once.
  const again = request.agent(ctx.app);
  await again.get(link);
  const used = await again.get('/me/email');
  const res = await again
    .post('/me/email')
    .type('form')
    .send({ _csrf: csrfFrom(used.text) });
  expect(res.status).toBe(410);
});

test('"get my link" asked many times sends one email per person every few minutes', async () => {
  await residentAgent(ctx, 'flood@example.com');
  for (let i = 0; i < 5; i++) {
    const res = await form(request.agent(ctx.app), '/me/link', '/me/link', {
      email: 'flood@example.com',
    });
    expect(res.headers.location).toBe('/me/link/sent');
  }
  await answerLinkRequests(ctx);
  const count = async () =>
    (
      await ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('to_address', '=', 'flood@example.com')
        .where('template', '=', 'participant-manage-link')
        .execute()
    ).length;
  expect(await count()).toBe(1);
  ctx.clock.advance(11 * 60_000);
  await form(request.agent(ctx.app), '/me/link', '/me/link', { email: 'flood@example.com' });
  await answerLinkRequests(ctx);
  expect(await count()).toBe(2);
});
