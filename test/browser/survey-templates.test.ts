import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { createStaff } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';

/** USWDS draws radios and checkboxes on the label: a person (and this helper) clicks the label. */
async function setTick(control: Locator, on: boolean): Promise<void> {
  if ((await control.isChecked()) === on) return;
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(on);
}

const SHOTS = '/work/tmp';
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/templates-${name}.png`, fullPage: true });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describeInBrowser('survey templates in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer creates the A-11 survey about Bulky Items from its template', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'organizer'));

    await page.goto(`${ctx.baseUrl}/staff/surveys/templates`);
    expect(await heading(page)).toBe('Survey templates');
    await expectNoAxeViolations(page);
    await shot(page, 'list');

    await page.getByRole('link', { name: /Use this template.*Customer experience/ }).click();
    expect(await heading(page)).toBe('New survey: Customer experience (OMB A-11 §280)');
    await expectNoAxeViolations(page);

    // With errors: no title, no service, no stage, no language.
    await page.getByLabel('Title').fill('');
    for (const lang of ['English', 'Spanish', 'Korean', 'Armenian', 'Chinese (Traditional)'])
      await setTick(page.getByRole('checkbox', { name: lang, exact: true }), false);
    await page.getByRole('button', { name: 'Create the draft survey' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.getByRole('alert').textContent();
    for (const message of [
      'Enter a title for the survey',
      'Choose the service the survey is about',
      'Choose the life-cycle stage',
      'Choose at least one language',
    ])
      expect(summary).toContain(message);
    await expectNoAxeViolations(page);
    await shot(page, 'form-errors');

    // The error summary's link takes the keyboard to the field.
    await page.getByRole('link', { name: 'Choose the service the survey is about' }).click();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.id)).toBe(
      'service',
    );

    await page.getByLabel('Title').fill('Bulky Items: intake CX');
    await page.getByLabel('Service the survey is about').selectOption('Bulky Items');
    await setTick(page.getByRole('radio', { name: /Intake/ }), true);
    await setTick(page.getByRole('checkbox', { name: 'English', exact: true }), true);
    await setTick(page.getByRole('checkbox', { name: 'Spanish', exact: true }), true);
    await shot(page, 'form-filled');
    await page.getByRole('button', { name: 'Create the draft survey' }).click();
    // The survey's own page belongs to the builder: here it is enough that we got there.
    await page.waitForURL(/\/staff\/surveys\/\d+$/);
    const id = Number(page.url().split('/').pop());

    const survey = await ctx.db
      .selectFrom('surveys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect([survey.title, survey.status, survey.languages]).toEqual([
      'Bulky Items: intake CX',
      'draft',
      '["en","es"]',
    ]);
    const questions = await ctx.db
      .selectFrom('survey_questions as q')
      .innerJoin('survey_versions as v', 'v.id', 'q.version_id')
      .select(['q.code', 'q.driver', 'q.service', 'q.stage'])
      .where('v.survey_id', '=', id)
      .execute();
    expect(questions).toHaveLength(9);
    expect(questions.filter((q) => q.driver).map((q) => [q.service, q.stage])).toEqual(
      Array(7).fill(['Bulky Items', 'intake']),
    );
  });
});
