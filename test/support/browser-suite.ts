import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { serveTestApp, type TestAppOptions, type TestContext } from './app';
import { browserAvailable, launchBrowser } from './browser';
import { TestSmtpServer } from './smtp';

export type BrowserTestContext = TestContext & { baseUrl: string };

/** `describe` when Chromium is there, `describe.skip` (with a loud notice) when it is not. */
export function describeInBrowser(name: string, fn: () => void): void {
  (browserAvailable() ? describe : describe.skip)(name, fn);
}

export interface BrowserAppOptions {
  /** Options for serveTestApp (the SMTP server comes from `smtp`). */
  app?: Omit<TestAppOptions, 'smtp'>;
  /** Start a TestSmtpServer before the app and hand it to the app. */
  smtp?: boolean;
  /** Open a fresh page (in its own browser context) before each test and close it after. */
  page?: boolean | BrowserContextOptions;
}

export interface BrowserApp {
  readonly ctx: BrowserTestContext;
  readonly browser: Browser;
  /** Only with `smtp: true`. */
  readonly smtp: TestSmtpServer;
  /** Only with `page`. */
  readonly page: Page;
}

/**
 * Registers the hooks every browser suite needs: beforeAll serves a test app and launches
 * Chromium, afterAll closes both (and the SMTP server); with `page`, beforeEach/afterEach open and
 * close a page. Returns getters, to read inside hooks and tests.
 */
export function useBrowserApp(options: BrowserAppOptions = {}): BrowserApp {
  const smtp = options.smtp ? new TestSmtpServer() : undefined;
  let ctx: BrowserTestContext | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  beforeAll(async () => {
    await smtp?.start();
    ctx = await serveTestApp({ ...options.app, smtp });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await smtp?.stop();
  });
  if (options.page) {
    const pageOptions = options.page === true ? undefined : options.page;
    beforeEach(async () => {
      page = await ready(browser, 'browser').newPage(pageOptions);
    });
    afterEach(async () => {
      await page?.context().close();
      page = undefined;
    });
  }

  return {
    get ctx() {
      return ready(ctx, 'ctx');
    },
    get browser() {
      return ready(browser, 'browser');
    },
    get smtp() {
      return ready(smtp, 'smtp (pass smtp: true)');
    },
    get page() {
      return ready(page, 'page (pass page: true)');
    },
  };
}

function ready<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`useBrowserApp: ${name} is not there yet`);
  return value;
}

/** Signs in through the login form, as a person does, and waits for the staff home page. */
export async function signInAs(
  page: Page,
  baseUrl: string,
  who: { email: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/staff`);
}
