import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff } from '../support/app';
import { seedResults, type Person } from '../support/results';

/*
 * An analyst reads a survey's results: from the Results index to the survey, filtered by
 * language; each chart says the same numbers as its table; a breakdown shows "fewer than 5";
 * the free-text answers; a refused filter. axe finds nothing on any of these pages.
 */

describeInBrowser('survey results in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });
  let analyst: { email: string; password: string };
  let surveyId: number;
  let people: Person[];

  beforeAll(async () => {
    analyst = await createStaff(suite.ctx, 'analyst');
    const seeded = await seedResults(suite.ctx.db);
    surveyId = seeded.survey.surveyId;
    people = seeded.people;
  });

  test('an analyst filters by language, and the charts agree with the tables', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, analyst);
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Results', exact: true })
      .click();
    await page.waitForURL(`${ctx.baseUrl}/staff/results`);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Service check' }).click();
    await page.waitForURL(`${ctx.baseUrl}/staff/results/surveys/${surveyId}`);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/work/tmp/results-survey.png', fullPage: true });

    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/language=es/);
    const es = people.filter((p) => p.language === 'es');
    await expect(page.locator('#headline').textContent()).resolves.toContain(
      `${es.length} completed`,
    );
    // The single-choice question: each bar's label says the table's count.
    const use = page.locator('#q-use');
    const tableCounts = await use
      .locator('table.cp-figures tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('th')!.textContent!.trim(),
          tr.querySelector('td.cp-count')!.textContent!.trim(),
        ]),
      );
    const barCounts = await use
      .locator('svg text.cp-chart__value')
      .evaluateAll((ts) =>
        ts.map((t) => [t.getAttribute('data-label'), t.textContent!.split(' ')[0]]),
      );
    expect(barCounts).toEqual(tableCounts);
    const never = es.filter((p) =>
      p.answers.some((a) => a.code === 'use' && a.state === 'answered' && a.value === 'never'),
    ).length;
    expect(tableCounts).toContainEqual(['Never', String(never)]);
    // The chart's text alternative names the same figures.
    const labelledBy = await use.locator('svg').first().getAttribute('aria-labelledby');
    const desc = await page.locator(`[id="${labelledBy!.split(' ')[1]}"]`).textContent();
    expect(desc).toContain(`Never: ${never} (`);
    // The NPS split agrees with the table's 0–10 counts.
    const npsRows = await page
      .locator('#q-nps table.cp-figures tbody tr td.cp-count')
      .allTextContents();
    const promoters = Number(npsRows[9]) + Number(npsRows[10]);
    await expect(page.locator('#q-nps [data-nps="promoters"]').textContent()).resolves.toBe(
      String(promoters),
    );
    await expectNoAxeViolations(page);
  });

  test('a breakdown says "fewer than 5"; a refused filter is named; free text is searched', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, analyst);
    const url = `${ctx.baseUrl}/staff/results/surveys/${surveyId}`;
    await page.goto(url);
    await page.getByLabel('Break down by').selectOption('district');
    await page.getByRole('button', { name: 'Show results' }).click();
    await page.waitForURL(/breakdown=district/);
    const d9 = page.locator('#breakdown-tables tr', { hasText: 'Council District 9' }).first();
    await expect(d9.locator('td').first().textContent()).resolves.toBe('fewer than 5');
    await expectNoAxeViolations(page);

    await page.goto(`${url}?channel=web`);
    await expect(page.locator('.cp-error-summary').textContent()).resolves.toContain(
      'Channel: this filter leaves out fewer than 5 responses',
    );
    await expect(page.locator('#headline').count()).resolves.toBe(0);
    await expectNoAxeViolations(page);

    await page.goto(`${url}?from=2027-13-01`);
    await expect(page.locator('#from-error').textContent()).resolves.toContain('date');
    await expect(page.getByLabel('Submitted from').inputValue()).resolves.toBe('2027-13-01');
    await expectNoAxeViolations(page);

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(url);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/work/tmp/results-survey-375.png', fullPage: true });
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);

    await page.getByRole('link', { name: /Read and search the \d+ answers/ }).click();
    await page.getByLabel('Search the answers').fill('crashed');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=crashed/);
    const items = await page.locator('#answers li').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((t) => t.includes('crashed'))).toBe(true);
    await expectNoAxeViolations(page);
  });
});
