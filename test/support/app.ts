import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { createApp } from '../../src/app';
import { prepareDatabase } from '../../src/bootstrap';
import { FakeClock } from '../../src/clock';
import { testConfig, type Config } from '../../src/config';
import { openDatabase, type DB } from '../../src/db/database';
import { createLogger } from '../../src/logger';
import { OutboxDelivery, smtpTransport } from '../../src/mail/delivery';
import { Mailer } from '../../src/mail/mailer';
import { participantServices } from '../../src/participants/participants.feature';
import { StaffService } from '../../src/staff/staff.service';
import type { StaffRole } from '../../src/db/schema';
import type { TestSmtpServer } from './smtp';

export interface TestContext {
  app: Awaited<ReturnType<typeof createApp>>;
  db: DB;
  clock: FakeClock;
  config: Config;
  mailer: Mailer;
  staff: StaffService;
  close(): Promise<void>;
}

export interface TestAppOptions {
  smtp?: TestSmtpServer;
  config?: Partial<Config>;
  loginRateLimit?: number;
  joinRateLimit?: number;
  /** Database file; default in memory. */
  databasePath?: string;
  /** Reference CSVs to load instead of db/seeds (another city's). */
  seedsDir?: string;
}

export const PASSWORD = 'correct horse battery staple';

/** A fresh app on an in-memory database, migrated and seeded, with a fake clock at real time. */
export async function buildTestApp(o: TestAppOptions = {}): Promise<TestContext> {
  const opened = openDatabase(o.databasePath ?? ':memory:');
  const config = testConfig({ smtpUrl: o.smtp?.url, ...o.config });
  const logger = createLogger('silent');
  const { sessionSecret } = await prepareDatabase(opened.db, config, {
    logger,
    seedsDir: o.seedsDir,
  });
  const clock = new FakeClock(new Date());
  const mailer = new Mailer(config, clock);
  const app = await createApp({
    db: opened.db,
    config,
    mailer,
    clock,
    logger,
    sessionSecret,
    loginRateLimit: o.loginRateLimit ?? 1000,
    joinRateLimit: o.joinRateLimit ?? 1000,
  });
  const staff = new StaffService({ db: opened.db, mailer, clock, config, logger });
  return { app, db: opened.db, clock, config, mailer, staff, close: () => opened.db.destroy() };
}

let counter = 0;
/** Creates an active staff account with PASSWORD. */
export async function createStaff(ctx: TestContext, role: StaffRole, email?: string) {
  counter++;
  const address = email ?? `${role}${counter}@city.test`;
  const id = await ctx.staff.createUser({
    email: address,
    name: `${role[0].toUpperCase()}${role.slice(1)} ${counter}`,
    role,
    password: PASSWORD,
  });
  return { id, email: address, password: PASSWORD, role };
}

/** The CSRF token of the first form on a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token on the page');
  return m[1];
}

/** A supertest agent (keeps cookies) signed in as this person. */
export async function signedIn(ctx: TestContext, who: { email: string; password: string }) {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/login');
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email: who.email, password: who.password });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return agent;
}

/** GET a page with the agent, then POST a form with that page's CSRF token. */
export async function postForm(
  agent: ReturnType<typeof request.agent>,
  formPage: string,
  action: string,
  fields: Record<string, string | string[]>,
) {
  const page = await agent.get(formPage);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

/** Runs outbox delivery to the test SMTP server until nothing is due. */
export async function deliverMail(ctx: TestContext, smtp: TestSmtpServer) {
  const delivery = new OutboxDelivery({
    db: ctx.db,
    transport: smtpTransport(smtp.url),
    clock: ctx.clock,
    logger: createLogger('silent'),
    from: ctx.config.mailFrom,
  });
  return delivery.deliverDue(100);
}

/** The participants feature's services on the test app's database and clock (what jobs use). */
export function servicesOf(ctx: TestContext) {
  return participantServices({
    db: ctx.db,
    mailer: ctx.mailer,
    clock: ctx.clock,
    config: ctx.config,
    logger: createLogger('silent'),
  });
}

/** Runs the "get my link" job once: waiting requests are answered (mail written to the outbox). */
export function answerLinkRequests(ctx: TestContext): Promise<number> {
  return servicesOf(ctx).linkRequests.processWaiting();
}

/** Serves a fresh test app on 127.0.0.1 with BASE_URL matching its port (for browsers). */
export async function serveTestApp(
  o: TestAppOptions = {},
): Promise<TestContext & { baseUrl: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ctx = await buildTestApp({ ...o, config: { baseUrl, ...o.config } });
  server.on('request', ctx.app);
  return {
    ...ctx,
    baseUrl,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}

/** The newest link of a kind ("c" confirm, "m" manage, "e" email change, "stay" retention) in mail written to this address. */
export async function latestLink(
  ctx: TestContext,
  to: string,
  kind: 'c' | 'm' | 'e' | 'stay' = 'm',
): Promise<string> {
  const rows = await ctx.db
    .selectFrom('outbox')
    .select('text_body')
    .where('to_address', '=', to.toLowerCase())
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) {
    const m = new RegExp(`https?://[^\\s]+/me/${kind}/[A-Za-z0-9_-]{43}`).exec(r.text_body);
    if (m) return new URL(m[0]).pathname;
  }
  throw new Error(`no /me/${kind}/ link in mail to ${to}`);
}

/** A minimal valid sign-up form. */
export function joinForm(
  over: Record<string, string | string[]> = {},
): Record<string, string | string[]> {
  return {
    firstName: 'Rosa',
    email: 'rosa@example.com',
    contactPreference: 'email',
    language: 'es',
    zip: '90012',
    myla311Use: 'few',
    format: 'either',
    consent: 'yes',
    ...over,
  };
}

/** Signs up through /join as a resident would; returns the agent (its session holds nothing yet). */
export async function signUp(
  ctx: TestContext,
  email: string,
  over: Record<string, string | string[]> = {},
) {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/join');
  const res = await agent
    .post('/join')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...joinForm({ email, ...over }) });
  if (res.status !== 303) throw new Error(`join failed: ${res.status}`);
  return agent;
}

/** Signs up through /join (kept mail), confirms, and returns an agent in the resident's manage session. */
export async function residentAgent(
  ctx: TestContext,
  email: string,
  over: Record<string, string | string[]> = {},
) {
  const agent = await signUp(ctx, email, over);
  await agent.get(await latestLink(ctx, email, 'c'));
  const confirm = await agent.get('/me/confirm');
  await agent
    .post('/me/confirm')
    .type('form')
    .send({ _csrf: csrfFrom(confirm.text) });
  const manage = await agent.get(await latestLink(ctx, email, 'm'));
  if (manage.status !== 303) throw new Error(`manage link failed: ${manage.status}`);
  await agent.get(manage.headers.location); // as a browser would: sets the person's language
  return agent;
}
