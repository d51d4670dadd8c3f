import request from 'supertest';
import { MINUTE } from '../../src/clock';
import { createLogger } from '../../src/logger';
import { OutboxDelivery, type MailTransport } from '../../src/mail/delivery';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  deliverMail,
  signedIn,
  type TestContext,
} from '../support/app';
import { TestSmtpServer } from '../support/smtp';

const silent = createLogger('silent');

async function invite(
  ctx: TestContext,
  agent: ReturnType<typeof request.agent>,
  email: string,
  name = 'New Colleague',
) {
  const page = await agent.get('/staff/users');
  return agent
    .post('/staff/users')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), name, email, role: 'analyst' });
}

describe('outbox with a real SMTP server', () => {
  const smtp = new TestSmtpServer();
  let ctx: TestContext;
  let admin: ReturnType<typeof request.agent>;

  beforeAll(async () => {
    await smtp.start();
    ctx = await buildTestApp({ smtp });
  });
  // Each test signs in afresh: some move the clock past the 30-minute idle timeout.
  beforeEach(async () => {
    admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
  });
  afterAll(async () => {
    await ctx.close();
    await smtp.stop();
  });

  test('the message is written in the same action and delivered once, with its stable Message-ID', async () => {
    const res = await invite(ctx, admin, 'first@city.test');
    expect(res.status).toBe(303);
    const row = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'first@city.test')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('queued');
    expect(await deliverMail(ctx, smtp)).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await deliverMail(ctx, smtp)).toEqual({ sent: 0, retried: 0, failed: 0 });
    const got = smtp.to('first@city.test');
    expect(got).toHaveLength(1);
    expect(got[0].messageId).toBe(row.message_id);
    expect(got[0].subject).toBe('You have been invited to Civic Panel');
    expect(got[0].text).toMatch(/http:\/\/127\.0\.0\.1:3000\/set-password\/[A-Za-z0-9_-]{43}/);
  });

  test('SMTP down: the action still succeeds, the message waits; when it returns it is delivered exactly once', async () => {
    const port = smtp.port;
    await smtp.stop();
    const res = await invite(ctx, admin, 'during-outage@city.test');
    expect(res.status).toBe(303);
    const tally = await deliverMail(ctx, smtp);
    expect(tally).toEqual({ sent: 0, retried: 1, failed: 0 });
    const waiting = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'during-outage@city.test')
      .executeTakeFirstOrThrow();
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting.last_error).toBeTruthy();
    expect(waiting.next_attempt_at > ctx.clock.now().toISOString()).toBe(true);

    await smtp.start(port);
    // Not yet due: nothing is sent before the backoff has passed.
    expect((await deliverMail(ctx, smtp)).sent).toBe(0);
    ctx.clock.advance(2 * MINUTE);
    expect((await deliverMail(ctx, smtp)).sent).toBe(1);
    ctx.clock.advance(60 * MINUTE);
    expect((await deliverMail(ctx, smtp)).sent).toBe(0);
    expect(smtp.to('during-outage@city.test')).toHaveLength(1);
  });

  test('a name with a line break is refused by the form, and adds no header even if it got through', async () => {
    const refused = await invite(ctx, admin, 'header@city.test', 'Eve\r\nBcc: victim@evil.test');
    expect(refused.status).toBe(400);
    const boss = await ctx.db
      .selectFrom('staff_users')
      .select(['id', 'name', 'email', 'role'])
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    await ctx.staff.invite(boss, {
      name: 'Eve\r\nBcc: victim@evil.test',
      email: 'header@city.test',
      role: 'analyst',
    });
    await deliverMail(ctx, smtp);
    const got = smtp.to('header@city.test');
    expect(got).toHaveLength(1);
    expect(got[0].to).toEqual(['header@city.test']);
    const headers = got[0].raw.split(/\r?\n\r?\n/)[0];
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(smtp.to('victim@evil.test')).toHaveLength(0);
  });
});

describe('a message that keeps failing', () => {
  test('ends as failed after the maximum attempts, shows on the Mail log, and can be sent again', async () => {
    const down = new TestSmtpServer();
    await down.start();
    const ctx = await buildTestApp({ smtp: down });
    await down.stop();
    try {
      const who = await createStaff(ctx, 'organizer');
      const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
      await invite(ctx, admin, 'never@city.test');
      const failing: MailTransport = {
        sendMail: () => Promise.reject(new Error('connect ECONNREFUSED')),
      };
      const delivery = new OutboxDelivery({
        db: ctx.db,
        transport: failing,
        clock: ctx.clock,
        logger: silent,
        from: 'x@y',
        maxAttempts: 4,
      });
      const results = [];
      for (let i = 0; i < 4; i++) {
        results.push(await delivery.deliverDue());
        ctx.clock.advance(24 * 60 * MINUTE);
      }
      expect(results.map((r) => r.failed)).toEqual([0, 0, 0, 1]);
      const row = await ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('to_address', '=', 'never@city.test')
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'failed',
        attempts: 4,
        last_error: 'connect ECONNREFUSED',
      });

      const organizer = await signedIn(ctx, who);
      const log = await organizer.get('/staff/mail?status=failed');
      expect(log.status).toBe(200);
      expect(log.text).toContain('never@city.test');
      expect(log.text).toContain('connect ECONNREFUSED');

      const page = await organizer.get(`/staff/mail/${row.id}`);
      const retry = await organizer
        .post(`/staff/mail/${row.id}/retry`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
      expect(retry.status).toBe(303);
      const again = await ctx.db
        .selectFrom('outbox')
        .select(['status', 'attempts'])
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      expect(again).toEqual({ status: 'queued', attempts: 0 });
    } finally {
      await ctx.close();
    }
  });
});

describe('two workers at once', () => {
  test('never send the same message twice (lease)', async () => {
    const ctx = await buildTestApp({ config: { smtpUrl: 'smtp://127.0.0.1:9' } });
    try {
      const admin = await createStaff(ctx, 'admin');
      for (let i = 0; i < 12; i++) {
        await ctx.staff.invite(
          { id: admin.id, name: 'A', email: admin.email, role: 'admin' },
          { name: `P${i}`, email: `p${i}@city.test`, role: 'analyst' },
        );
      }
      const sent: string[] = [];
      const slow: MailTransport = {
        sendMail: async (m) => {
          await new Promise((r) => setTimeout(r, 5));
          sent.push(String(m.messageId));
        },
      };
      const make = () =>
        new OutboxDelivery({
          db: ctx.db,
          transport: slow,
          clock: ctx.clock,
          logger: silent,
          from: 'x@y',
        });
      const [a, b] = await Promise.all([make().deliverDue(100), make().deliverDue(100)]);
      expect(a.sent + b.sent).toBe(12);
      expect(new Set(sent).size).toBe(12);
      expect(sent).toHaveLength(12);
    } finally {
      await ctx.close();
    }
  });
});

describe('without SMTP_URL', () => {
  test('mail is kept in the database and readable on the Mail log', async () => {
    const ctx = await buildTestApp();
    try {
      const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
      await invite(ctx, admin, 'kept@city.test');
      const row = await ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('to_address', '=', 'kept@city.test')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('kept');
      const page = await admin.get(`/staff/mail/${row.id}`);
      expect(page.text).toMatch(/set-password\/[A-Za-z0-9_-]{43}/);
      expect((await admin.get('/staff/mail')).text).toContain('No SMTP server is configured');
    } finally {
      await ctx.close();
    }
  });
});

describe('links in mail are not handed to staff who read the Mail log', () => {
  test('kept mail: an organizer sees the link hidden, an admin (the only way on a laptop) sees it', async () => {
    const ctx = await buildTestApp();
    try {
      const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
      const organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
      await invite(ctx, admin, 'newadmin@city.test');
      const row = await ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('to_address', '=', 'newadmin@city.test')
        .executeTakeFirstOrThrow();
      const asOrganizer = await organizer.get(`/staff/mail/${row.id}`);
      expect(asOrganizer.text).not.toMatch(/set-password\/[A-Za-z0-9_-]{43}/);
      expect(asOrganizer.text).toContain('/set-password/[link hidden]');
      const asAdmin = await admin.get(`/staff/mail/${row.id}`);
      expect(asAdmin.text).toMatch(/set-password\/[A-Za-z0-9_-]{43}/);
    } finally {
      await ctx.close();
    }
  });

  test('sent mail is stored without a usable link', async () => {
    const smtp = new TestSmtpServer();
    await smtp.start();
    const ctx = await buildTestApp({ smtp });
    try {
      const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
      await invite(ctx, admin, 'stored@city.test');
      await deliverMail(ctx, smtp);
      expect(smtp.to('stored@city.test')[0].text).toMatch(/set-password\/[A-Za-z0-9_-]{43}/);
      const row = await ctx.db
        .selectFrom('outbox')
        .selectAll()
        .where('to_address', '=', 'stored@city.test')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');
      expect(row.text_body + row.html_body).not.toMatch(/set-password\/[A-Za-z0-9_-]{43}/);
      expect(row.text_body).toContain('/set-password/[link hidden]');
      expect((await admin.get(`/staff/mail/${row.id}`)).text).not.toMatch(
        /set-password\/[A-Za-z0-9_-]{43}/,
      );
    } finally {
      await ctx.close();
      await smtp.stop();
    }
  });
});
