import crypto from 'node:crypto';
import { insertParticipant } from '../../src/participants/participants.queries';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff } from '../support/app';

describeInBrowser('the Pool in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });
  let organizer: { email: string; password: string };

  beforeAll(async () => {
    const { ctx } = suite;
    organizer = await createStaff(ctx, 'organizer');
    const people: [string, string, string, number | null][] = [
      ['Rosa', 'Martinez', 'es', 1],
      ['Luis', 'Hernandez', 'es', 9],
      ['Min-jun', 'Kim', 'ko', 10],
      ['Ani', 'Petrosyan', 'hy', null],
      ['Sarah', 'Johnson', 'en', 4],
    ];
    for (const [first, last, language, district] of people) {
      const at = new Date().toISOString();
      await insertParticipant(ctx.db, {
        public_id: crypto.randomBytes(9).toString('base64url'),
        status: 'active',
        source: 'web',
        first_name: first,
        last_name: last,
        email: `${first.toLowerCase()}@example.com`,
        phone: '+12135550100',
        language,
        council_district: district,
        created_at: at,
        updated_at: at,
      });
    }
  });

  test('an organizer filters by language with the keyboard and sees the right people', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, organizer);
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Participants' })
      .click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Participant pool');
    expect(await page.locator('tbody th[data-label="Name"]').count()).toBe(5);

    // Open the filters from the keyboard, tick Spanish by its label, submit with Enter.
    await page.getByText('Filters', { exact: true }).focus();
    await page.keyboard.press('Enter');
    const spanish = page
      .getByRole('group', { name: 'Preferred language' })
      .getByLabel('Spanish', { exact: true });
    await spanish.focus();
    await page.keyboard.press('Space');
    expect(await spanish.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Apply filters' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/language=es/);

    const names = await page.locator('tbody th[data-label="Name"]').allTextContents();
    expect(names.map((n) => n.trim()).sort()).toEqual(['Luis Hernandez', 'Rosa Martinez']);
    expect(await page.getByText('Filters (1 active)').count()).toBe(1);
    const byLanguage = page.getByRole('table', { name: 'By language' });
    expect(await byLanguage.getByRole('row', { name: /Spanish/ }).textContent()).toContain('2');

    // The filter stays open-able and axe-clean with the filters showing.
    await page.getByText('Filters (1 active)').click();
    expect(await spanish.isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'pool-1280');

    await page.setViewportSize({ width: 320, height: 800 });
    // Nothing sticks out sideways at 320 px (WCAG reflow).
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);
    await screenshot(page, 'pool-320');
  });
});
