import type { Page } from 'playwright-core';
import { LOCALES } from '../../src/i18n/i18n';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, useBrowserApp } from '../support/browser-suite';
import { latestLink, residentAgent } from '../support/app';

describeInBrowser('resident pages in every language pass axe', () => {
  const suite = useBrowserApp();

  test.each(LOCALES)('%s', async (lang) => {
    const { ctx, browser } = suite;
    const email = `axe-${lang}@example.com`;
    await residentAgent(ctx, email, { language: lang });
    const page: Page = await browser.newPage();
    const check = async (path: string, shot?: string) => {
      const res = await page.goto(
        `${ctx.baseUrl}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`,
      );
      expect(res?.status()).toBeLessThan(500);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectNoAxeViolations(page);
      if (shot) await screenshot(page, `${shot}-${lang}`);
    };
    for (const path of [
      '/',
      '/join/check-email',
      '/join/thanks',
      '/me/link',
      '/me/link/sent',
      '/me/expired',
      '/me/deleted',
      '/no-such-page',
    ]) {
      await check(path);
    }
    // The "get my link" form with an error.
    await page.goto(`${ctx.baseUrl}/me/link?lang=${lang}`);
    await page.locator('#email').fill('not an email');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('form[action="/me/link"] button').press('Enter'),
    ]);
    expect(await page.locator('.cp-error-summary').count()).toBe(1);
    await expectNoAxeViolations(page);

    // Signed in through the manage link: the manage page, empty of errors and with errors, and the delete step.
    await page.goto(`${ctx.baseUrl}${await latestLink(ctx, email, 'm')}`);
    expect(new URL(page.url()).pathname).toBe('/me');
    await check('/me', lang === 'es' ? 'me-manage' : undefined);
    await page.locator('#zip').fill('12');
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('form[action="/me"] button[type="submit"]').press('Enter'),
    ]);
    expect(await page.locator('.cp-error-summary').count()).toBe(1);
    await expectNoAxeViolations(page);
    await check('/me/delete');
    await page.context().close();
  });
});
