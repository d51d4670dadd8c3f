import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff } from '../support/app';
import { addPerson } from '../support/db';
import { resultsWithPeople } from '../support/results-data';

describeInBrowser('representativeness, city shares and the scorecard in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });
  let admin: { email: string; password: string };
  let analyst: { email: string; password: string };

  beforeAll(async () => {
    const { ctx } = suite;
    admin = await createStaff(ctx, 'admin');
    analyst = await createStaff(ctx, 'analyst');
    await resultsWithPeople(ctx);
    // The active pool: 6 in district 5 (3 English, 3 Spanish), 14 more in English and 5 in
    // Spanish in district 1: English 17 of 25, Spanish 8.
    for (let i = 0; i < 14; i++) await addPerson(ctx.db, { council_district: 1, language: 'en' });
    for (let i = 0; i < 5; i++) await addPerson(ctx.db, { council_district: 1, language: 'es' });
  });

  test('an admin enters the language shares with source and year, then sees the gap', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, admin);
    await page.goto(`${ctx.baseUrl}/staff/results/representation`);
    const prompt = page.locator('#language-no-city-shares');
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-representation-empty');
    await prompt.getByRole('link', { name: 'Enter the city’s shares' }).click();

    // A first try that is refused: shares over 100 % and no source.
    const form = page.locator('#language-form');
    await form.getByLabel('English', { exact: true }).fill('70');
    await form.getByLabel('Spanish', { exact: true }).fill('40');
    await form.getByRole('button', { name: 'Save the shares by language' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error:/);
    const summary = await page.locator('.cp-error-summary').innerText();
    expect(summary).toContain('The shares add up to 110.0 %');
    expect(summary).toContain('Enter where the shares come from');
    expect(await form.getByLabel('Spanish', { exact: true }).inputValue()).toBe('40');
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-city-shares-errors');

    await form.getByLabel('English', { exact: true }).fill('56.2');
    await form.getByLabel('Spanish', { exact: true }).fill('36.4');
    await form.getByLabel('Source').fill('Census ACS 2019–2023 5-year, table C16001');
    await form.getByLabel('Year').fill('2023');
    await form.getByRole('button', { name: 'Save the shares by language' }).click();
    await page.getByText('Saved the city’s shares by language.').waitFor();
    await expectNoAxeViolations(page);

    await page.goto(`${ctx.baseUrl}/staff/results/representation`);
    const english = page.locator('#language-table tr', { hasText: 'English' });
    // 17 of the 25 active people speak English: 68.0 %, against 56.2 %; Spanish 8: 32.0 %.
    expect(await english.locator('td').allInnerTexts()).toEqual([
      '17',
      '68.0 %',
      '56.2 %',
      'over by 11.8 points LARGE GAP',
    ]);
    const spanish = page.locator('#language-table tr', { hasText: 'Spanish' });
    expect(await spanish.locator('td').allInnerTexts()).toEqual([
      '8',
      '32.0 %',
      '36.4 %',
      'under by 4.4 points',
    ]);
    expect(await page.locator('#language-no-city-shares').count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-representation');
  });

  test('an analyst reads the scorecard, refused dates and the city shares (read only)', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, analyst);
    await page.goto(`${ctx.baseUrl}/staff/results/scorecard`);
    await page.getByRole('heading', { name: '311 in general' }).waitFor();
    const intake = page.locator('table', { hasText: 'Stage' }).first().locator('tbody tr').first();
    expect(await intake.locator('th').innerText()).toBe('Intake');
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-scorecard');

    await page.getByLabel('From').fill('2026-02-30');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.getByLabel('From').inputValue()).toBe('2026-02-30');
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-scorecard-errors');

    await page.goto(`${ctx.baseUrl}/staff/results/city-shares`);
    await page.locator('#read-only').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-city-shares-read-only');
  });
});
