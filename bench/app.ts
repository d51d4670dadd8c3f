import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { systemClock } from '../src/clock';
import type { StaffRole } from '../src/db/schema';
import { createLogger } from '../src/logger';
import { Mailer } from '../src/mail/mailer';
import { StaffService } from '../src/staff/staff.service';
import type { BenchEnv } from './dataset';

const PASSWORD = 'bench password that is long enough';

/** A signed-in staff member's browser, reduced to its cookie. */
export interface BenchClient {
  get(path: string): Promise<{ status: number; body: string }>;
  /** Submits a form as a browser would: the CSRF token read from `page`, then POST `action`. */
  post(
    page: string,
    action: string,
    form: Record<string, string | string[]>,
  ): Promise<{ status: number; location: string }>;
}

export interface RunningApp {
  baseUrl: string;
  signIn(role: StaffRole): Promise<BenchClient>;
  close(): Promise<void>;
}

/** A browser's cookies, kept from every answer it is given (a later one replaces its namesake). */
export function cookieJar() {
  const jar = new Map<string, string>();
  return {
    keep(res: Response): void {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        jar.set(pair.slice(0, pair.indexOf('=')), pair);
      }
    },
    header: (): string => [...jar.values()].join('; '),
  };
}

/** The CSRF token of a page's form. */
export const csrfFrom = (html: string): string =>
  /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** The whole app (createApp, every middleware) on a real HTTP server on 127.0.0.1. */
export async function startApp(env: BenchEnv): Promise<RunningApp> {
  const logger = createLogger('silent');
  const { db } = env.opened;
  const app = await createApp({
    db,
    config: env.config,
    mailer: new Mailer(env.config, systemClock),
    clock: systemClock,
    logger,
    sessionSecret: env.sessionSecret,
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const staff = new StaffService({
    db,
    mailer: new Mailer(env.config, systemClock),
    clock: systemClock,
    config: env.config,
    logger,
  });

  async function signIn(role: StaffRole): Promise<BenchClient> {
    const email = `bench-${role}@city.test`;
    const known = await db
      .selectFrom('staff_users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirst();
    if (!known) await staff.createUser({ email, name: `Bench ${role}`, role, password: PASSWORD });
    const jar = cookieJar();
    const login = await fetch(`${baseUrl}/login`);
    jar.keep(login);
    const csrf = csrfFrom(await login.text());
    const res = await fetch(`${baseUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }),
    });
    if (res.status !== 303) throw new Error(`bench login failed: ${res.status}`);
    jar.keep(res);
    const cookie = jar.header();
    return {
      async get(path) {
        const r = await fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
        return { status: r.status, body: await r.text() };
      },
      async post(page, action, form) {
        const html = await (await fetch(`${baseUrl}${page}`, { headers: { cookie } })).text();
        const body = new URLSearchParams({ _csrf: csrfFrom(html) });
        for (const [k, v] of Object.entries(form))
          for (const one of ([] as string[]).concat(v)) body.append(k, one);
        const r = await fetch(`${baseUrl}${action}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
        await r.text();
        return { status: r.status, location: r.headers.get('location') ?? '' };
      },
    };
  }

  return {
    baseUrl,
    signIn,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
