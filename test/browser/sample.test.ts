import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { createStaff, signedIn } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { createStudy, studyForm } from '../support/studies';

const SHOTS = '/work/tmp';
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/sample-${name}.png`, fullPage: true });
}

const WIDTHS = [1280, 375];

describeInBrowser('the sample builder in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer opens it from the study page, sets a district quota and draws', async () => {
    const { ctx, page } = suite;
    const who = await createStaff(ctx, 'organizer');
    const studyId = await createStudy(
      await signedIn(ctx, who),
      studyForm({ organizer: who.id }, { targetParticipants: '10' }),
    );
    for (let i = 0; i < 24; i++)
      await addPerson(ctx.db, {
        first_name: `Person${i}`,
        last_name: 'Tester',
        council_district: 1 + (i % 4),
        language: i % 3 ? 'en' : 'es',
        myla311_use: 'few',
      });
    await signInAs(page, ctx.baseUrl, who);
    await page.goto(`${ctx.baseUrl}/staff/studies/${studyId}`);
    await page.getByRole('link', { name: 'Draw a sample' }).click();
    await page.waitForURL(/\/sample$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Draw a sample');
    expect(await page.getByLabel('Sample size').inputValue()).toBe('10');
    const emptyUrl = page.url();

    // With errors: a size of 0 and a quota without a value.
    await page.getByLabel('Sample size').fill('0');
    const quota1 = page.getByRole('group', { name: 'Quota 1', exact: true });
    await quota1.getByLabel('Quota on').selectOption({ label: 'Council district' });
    await quota1.getByLabel('Min count').fill('3');
    await page.getByRole('button', { name: 'Draw sample' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.getByRole('alert').textContent();
    expect(summary).toContain('Enter a sample size: a whole number from 1 to 500');
    expect(summary).toContain('Choose a council district for quota 1');
    expect(await page.getByLabel('Sample size').inputValue()).toBe('0');
    expect(await quota1.getByLabel('Min count').inputValue()).toBe('3');
    const errorsUrl = page.url();

    // Fixed: at least 3 in Council District 4, by label.
    await page.getByLabel('Sample size').fill('10');
    await quota1.getByLabel('Value').selectOption({ label: 'Council District 4' });
    await page.getByRole('button', { name: 'Draw sample' }).click();
    await page.getByRole('heading', { name: 'Preview — no one has been contacted' }).waitFor();
    const fill = page.getByRole('table', { name: /Each quota/ });
    const row = fill.getByRole('row', { name: /Council District 4/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      'at least 3',
      'at least 4',
      '6',
      expect.stringMatching(/^[4-6]$/),
      '✓ Met',
    ]);
    expect(
      await page
        .getByText('over-recruits by 20% because there is no attendance history yet')
        .count(),
    ).toBe(1);
    const people = page.getByRole('table', { name: /The people drawn/ }).getByRole('link');
    expect(await people.count()).toBe(12);
    const resultsUrl = page.url();

    // The same URL draws the same people (a shared link shows the same preview).
    const names = await people.allTextContents();
    await page.reload();
    expect(await people.allTextContents()).toEqual(names);

    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, url] of [
        ['empty', emptyUrl],
        ['errors', errorsUrl],
        ['results', resultsUrl],
      ]) {
        await page.goto(url);
        await expectNoAxeViolations(page);
        await shot(page, `${name}-${width}`);
        if (name === 'results')
          await page
            .getByRole('region', { name: 'Quota fill' })
            .screenshot({ path: `${SHOTS}/sample-fill-${width}.png` });
      }
    }
  });
});
