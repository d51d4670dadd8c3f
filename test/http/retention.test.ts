import request from 'supertest';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { DAY, HOUR, MINUTE } from '../../src/clock';
import { residentDate } from '../../src/i18n/dates';
import { translator } from '../../src/i18n/i18n';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  latestLink,
  postForm,
  residentAgent,
  servicesOf,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson, tableNames } from '../support/db';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await buildTestApp();
});
afterEach(() => ctx.close());

const run = () => servicesOf(ctx).retention.run();
const plusYears = (d: Date, years: number) =>
  DateTime.fromJSDate(d, { zone: 'utc' }).plus({ years }).toJSDate();
const person = (email: string) =>
  ctx.db.selectFrom('participants').selectAll().where('email', '=', email).executeTakeFirst();
const mailTo = (to: string, template: string) =>
  ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('to_address', '=', to)
    .where('template', '=', template)
    .execute();

test('warned 30 days before in their language with the date, deleted when the period is up, nothing personal left', async () => {
  const values = {
    firstName: 'Quirino',
    lastName: 'Retention-Uniq',
    email: 'quirino.unique@example.com',
    phone: '213 555 0142',
    zip: '90068',
    language: 'ko',
  };
  await residentAgent(ctx, values.email, values);
  const p = (await person(values.email))!;
  const joined = ctx.clock.now(); // the manage-link sign-in was their last activity
  expect(p.last_active_at).toBe(joined.toISOString());
  await ctx.db
    .insertInto('contact_log')
    .values({
      participant_id: p.id,
      at: joined.toISOString(),
      staff_id: null,
      channel: 'phone',
      outcome: 'reached',
      note: 'Talked to Quirino Retention-Uniq',
    })
    .execute();
  const due = plusYears(joined, 3);

  ctx.clock.set(new Date(due.getTime() - 30 * DAY - HOUR));
  await run();
  expect(await mailTo(values.email, 'participant-retention-warning')).toHaveLength(0);

  ctx.clock.set(new Date(due.getTime() - 30 * DAY));
  expect(await run()).toEqual({ deleted: 0, warned: 1 });
  const [warning] = await mailTo(values.email, 'participant-retention-warning');
  const ko = translator('ko');
  expect(warning.language).toBe('ko');
  expect(warning.subject).toBe(ko('retention.warningMail.subject'));
  const date = residentDate(due, 'ko', ctx.config.cityTimeZone);
  expect(warning.text_body).toContain(ko('retention.warningMail.body', { date }));
  expect(warning.text_body).toMatch(/\/me\/stay\/[A-Za-z0-9_-]{43}/);
  expect(warning.html_body).toContain(date);
  // Idempotent: the next runs warn nobody again.
  ctx.clock.advance(DAY);
  expect(await run()).toEqual({ deleted: 0, warned: 0 });

  ctx.clock.set(new Date(due.getTime() - MINUTE));
  expect(await run()).toEqual({ deleted: 0, warned: 0 });
  expect((await person(values.email))?.status).toBe('active');

  ctx.clock.set(due);
  expect(await run()).toEqual({ deleted: 1, warned: 0 });
  const after = await ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('id', '=', p.id)
    .executeTakeFirstOrThrow();
  expect(after.status).toBe('deleted');
  expect(after.language).toBe('ko');
  const goodbye = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('template', '=', 'participant-retention-deleted')
    .execute();
  expect(goodbye.map((m) => m.subject)).toEqual([ko('retention.deletedMail.subject')]);

  // The same scan as the deletion on request: every text column of every table.
  const needles = ['Quirino', 'Retention-Uniq', 'quirino.unique', '2135550142', '90068'];
  const found: string[] = [];
  for (const table of await tableNames(ctx.db)) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(
      ctx.db,
    );
    for (const row of rows)
      for (const [col, v] of Object.entries(row))
        if (typeof v === 'string' && needles.some((n) => v.includes(n)))
          found.push(`${table}.${col}`);
  }
  expect(found).toEqual([]);
  expect(
    await ctx.db
      .selectFrom('magic_links')
      .select('id')
      .where('participant_id', '=', p.id)
      .execute(),
  ).toHaveLength(0);
});

test('someone who clicks stay (and presses the button) is kept, and not warned again until a new period passes', async () => {
  const email = 'stays@example.com';
  await residentAgent(ctx, email, { language: 'hy' });
  const joined = ctx.clock.now();
  ctx.clock.set(new Date(plusYears(joined, 3).getTime() - 30 * DAY));
  await run();
  const link = await latestLink(ctx, email, 'stay');

  ctx.clock.advance(10 * DAY);
  const agent = request.agent(ctx.app);
  const opened = await agent.get(link);
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toBe('/me/stay?lang=hy');
  const page = await agent.get(opened.headers.location);
  const hy = translator('hy');
  expect(page.text).toContain(`<h1>${hy('retention.stayTitle')}</h1>`);
  // Opening the link (a mail scanner would) changes nothing.
  expect((await person(email))?.retention_warned_at).not.toBeNull();

  const clicked = ctx.clock.now();
  const res = await agent
    .post('/me/stay')
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
  expect(res.status).toBe(200);
  expect(res.text).toContain('<html lang="hy"');
  const keptUntil = plusYears(clicked, 3);
  expect(res.text).toContain(
    hy('retention.stayedBody', { date: residentDate(keptUntil, 'hy', ctx.config.cityTimeZone) }),
  );
  const p = (await person(email))!;
  expect(p.retention_warned_at).toBeNull();
  expect(p.last_active_at).toBe(clicked.toISOString());
  // The link works once.
  const again = request.agent(ctx.app);
  expect((await again.get(link)).headers.location).toBe('/me/expired');

  ctx.clock.set(plusYears(joined, 3));
  expect(await run()).toEqual({ deleted: 0, warned: 0 });
  ctx.clock.set(new Date(keptUntil.getTime() - 30 * DAY - HOUR));
  expect(await run()).toEqual({ deleted: 0, warned: 0 });
  ctx.clock.set(new Date(keptUntil.getTime() - 30 * DAY));
  expect(await run()).toEqual({ deleted: 0, warned: 1 });
  expect(await mailTo(email, 'participant-retention-warning')).toHaveLength(2);
});

test('signing in by the manage link clears a warning; a staff contact restarts the period', async () => {
  const email = 'signs-in@example.com';
  await residentAgent(ctx, email);
  const joined = ctx.clock.now();
  ctx.clock.set(new Date(plusYears(joined, 3).getTime() - 30 * DAY));
  await run();
  expect((await person(email))?.retention_warned_at).not.toBeNull();
  // The warning carries a manage link too; following it is activity.
  await request.agent(ctx.app).get(await latestLink(ctx, email, 'm'));
  const p = (await person(email))!;
  expect(p.retention_warned_at).toBeNull();
  expect(p.last_active_at).toBe(ctx.clock.now().toISOString());

  ctx.clock.advance(400 * DAY);
  const organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
  const logged = await postForm(
    organizer,
    `/staff/participants/${p.id}`,
    `/staff/participants/${p.id}/contacts`,
    { channel: 'phone', outcome: 'reached', note: '' },
  );
  expect(logged.status).toBe(303);
  expect((await person(email))?.last_active_at).toBe(ctx.clock.now().toISOString());
});

describe('the settings page', () => {
  const old = (years: number) =>
    DateTime.fromJSDate(ctx.clock.now()).minus({ years }).toUTC().toISO()!;

  test('shows the period and what the next run would do, and refuses what is not 1–10', async () => {
    const warnedLongAgo = DateTime.fromJSDate(ctx.clock.now()).minus({ days: 31 }).toUTC().toISO();
    // Two due for deletion (warned over 30 days ago), three due for a warning, one recent.
    for (const n of [1, 2])
      await addPerson(ctx.db, {
        email: `gone${n}@example.com`,
        last_active_at: old(4),
        retention_warned_at: warnedLongAgo,
      });
    for (const n of [1, 2, 3])
      await addPerson(ctx.db, { email: `warn${n}@example.com`, last_active_at: old(3) });
    await addPerson(ctx.db, { email: 'recent@example.com', last_active_at: old(1) });

    const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
    const page = await admin.get('/staff/settings');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="retentionYears" name="retentionYears" type="text" value="3"');
    expect(page.text).toContain('id="retention-to-delete">2<');
    expect(page.text).toContain('id="retention-to-warn">3<');
    expect(page.text).toMatch(/<a[^>]*href="\/staff\/settings"[^>]*aria-current="page"/);

    for (const bad of ['0', '11', 'abc', '2.5', '']) {
      const res = await postForm(admin, '/staff/settings', '/staff/settings', {
        retentionYears: bad,
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('cp-error-summary');
      expect(res.text).toContain(
        '<a href="#retentionYears">Enter a whole number of years from 1 to 10</a>',
      );
      expect(res.text).toMatch(/<title>Error: /);
      expect(res.text).toContain(`name="retentionYears" type="text" value="${bad}"`);
      expect(res.text).toContain('id="retention-to-delete">2<');
    }
    expect(
      await ctx.db
        .selectFrom('app_settings')
        .select('value')
        .where('key', '=', 'retention_years')
        .execute(),
    ).toEqual([]);

    const saved = await postForm(admin, '/staff/settings', '/staff/settings', {
      retentionYears: ' 1 ',
    });
    expect(saved.status).toBe(303);
    const after = await admin.get('/staff/settings');
    expect(after.text).toContain('value="1"');
    // With one year: the recent person is due a warning now; the two warned long ago still go.
    expect(after.text).toContain('id="retention-to-warn">4<');
    expect(after.text).toContain('id="retention-to-delete">2<');
    expect(await run()).toEqual({ deleted: 2, warned: 4 });
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'settings.retention')
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ from: 3, to: 1 }]);
  });

  test('a longer period voids warnings that no longer apply', async () => {
    await addPerson(ctx.db, { email: 'w@example.com', last_active_at: old(3) });
    expect(await run()).toEqual({ deleted: 0, warned: 1 });
    const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
    await postForm(admin, '/staff/settings', '/staff/settings', { retentionYears: '5' });
    expect((await person('w@example.com'))?.retention_warned_at).toBeNull();
  });
});
