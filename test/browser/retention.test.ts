import { translator } from '../../src/i18n/i18n';
import { createStaff, latestLink, servicesOf } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';

describeInBrowser('retention pages pass axe', () => {
  const suite = useBrowserApp({ page: true });

  test('the admin settings page, empty and with an error', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'admin'));
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.waitForURL(`${ctx.baseUrl}/staff/settings`);
    await expectNoAxeViolations(page);
    const field = page.getByLabel('Delete inactive participants after (years)');
    await field.fill('11');
    await Promise.all([page.waitForEvent('load'), field.press('Enter')]);
    expect(await page.locator('.cp-error-summary').count()).toBe(1);
    expect(await field.inputValue()).toBe('11');
    await expectNoAxeViolations(page);
  });

  test.each(['es', 'zh-Hant'])('the stay page in %s', async (lang) => {
    const { ctx, page } = suite;
    const email = `stay-${lang.toLowerCase()}@example.com`;
    await addPerson(ctx.db, { email, language: lang, last_active_at: '2020-01-01T00:00:00.000Z' });
    await servicesOf(ctx).retention.run();
    const t = translator(lang);
    await page.goto(`${ctx.baseUrl}${await latestLink(ctx, email, 'stay')}`);
    expect(new URL(page.url()).pathname).toBe('/me/stay');
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await page.locator('h1').textContent()).toBe(t('retention.stayTitle'));
    await expectNoAxeViolations(page);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: t('retention.stayButton') }).press('Enter'),
    ]);
    expect(await page.locator('h1').textContent()).toBe(t('retention.stayedTitle'));
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expectNoAxeViolations(page);
  });
});
