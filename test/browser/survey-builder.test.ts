import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { createStaff } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';

/** USWDS draws radios and checkboxes on the label: a person (and this helper) clicks the label. */
async function choose(control: Locator): Promise<void> {
  if (await control.isChecked()) return;
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(true);
}

const SHOTS = '/work/tmp';
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/survey-builder-${name}.png`, fullPage: true });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
/** A control by its label, which may end with "(optional)". */
const label = (page: Page, text: string) =>
  page.getByLabel(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(optional\\))?$`));

describeInBrowser('the survey builder in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer builds a two-language survey with a condition and opens it', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'organizer'));

    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Surveys' })
      .click();
    expect(await heading(page)).toBe('Surveys');
    await expectNoAxeViolations(page);

    // New survey: with errors, then in English and Spanish.
    await page.getByRole('link', { name: 'New survey' }).click();
    expect(await heading(page)).toBe('New survey');
    await expectNoAxeViolations(page);
    await label(page, 'Response limit').fill('none');
    await page.getByRole('button', { name: 'Create survey' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('Enter a name for the survey');
    expect(await label(page, 'Response limit').inputValue()).toBe('none');
    await expectNoAxeViolations(page);
    await label(page, 'Name').fill('Bulky item pickup check-in');
    await label(page, 'Response limit').fill('');
    await choose(page.getByRole('checkbox', { name: 'Spanish' }));
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.waitForURL(/\/staff\/surveys\/\d+$/);
    const surveyUrl = page.url();
    expect(await heading(page)).toBe('Bulky item pickup check-in');
    await expectNoAxeViolations(page);

    // Page 1: a single-choice question (type first), with errors, then two options.
    await page.getByRole('link', { name: 'Add a question to page 1' }).click();
    await expectNoAxeViolations(page);
    await choose(page.getByRole('radio', { name: 'Single choice' }));
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await heading(page)).toBe('New single choice question on page 1');
    await expectNoAxeViolations(page);
    await label(page, 'Code').fill('Use 311');
    await page.getByRole('button', { name: 'Add question' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain(
      'A code is up to 40 lower-case letters',
    );
    await expectNoAxeViolations(page);
    await label(page, 'Code').fill('use');
    await label(page, 'Question in English').fill('How often do you use 311?');
    await label(page, 'Question in Spanish').fill('¿Con qué frecuencia usa el 311?');
    await choose(page.getByRole('checkbox', { name: 'Required' }));
    await page.getByRole('button', { name: 'Add question' }).click();
    expect(await heading(page)).toBe('Question “use”');
    await expectNoAxeViolations(page);
    await shot(page, 'question');
    for (const [code, en, es] of [
      ['never', 'Never', 'Nunca'],
      ['often', 'Often', 'A menudo'],
    ]) {
      await page.getByRole('link', { name: 'Add an option' }).click();
      await label(page, 'Code').fill(code);
      await label(page, 'Label in English').fill(en);
      await label(page, 'Label in Spanish').fill(es);
      await page.getByRole('button', { name: 'Add option' }).click();
    }
    await page.getByRole('link', { name: 'Add an option' }).click();
    await page.getByRole('button', { name: 'Add option' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter a code for the option');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Cancel' }).click();
    expect(await page.getByRole('table', { name: /Options/ }).textContent()).toContain('A menudo');

    // Page 2: an agreement question shown only to those who answered "often".
    await page.goto(surveyUrl);
    await page.getByRole('button', { name: 'Add a page' }).click();
    await page.getByRole('link', { name: 'Add a question to page 2' }).click();
    await choose(page.getByRole('radio', { name: '5-point agreement' }));
    await page.getByRole('button', { name: 'Continue' }).click();
    await label(page, 'Code').fill('ease');
    await label(page, 'Question in English').fill('It was easy to report my problem.');
    await label(page, 'Question in Spanish').fill('Fue fácil reportar mi problema.');
    await page.getByRole('button', { name: 'Add question' }).click();
    await page.getByRole('link', { name: 'Show it only when…' }).click();
    expect(await heading(page)).toBe('Condition of question "ease"');
    await expectNoAxeViolations(page);
    await page.locator('#rule1Question').selectOption('use');
    await page.locator('#rule1Op').selectOption('is');
    await page.locator('#rule1Value').selectOption('often');
    await page.getByRole('button', { name: 'Save the condition' }).click();
    expect(await page.locator('#condition + p').textContent()).toBe(
      'Shown only when "use" is Often (often)',
    );

    // Opening before the Spanish texts are in: refused, the gap listed.
    await page.goto(surveyUrl);
    await page.getByRole('button', { name: 'Open the survey' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('Missing in es: survey title');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Texts in Spanish' }).click();
    await expectNoAxeViolations(page);
    await label(page, 'Title').fill('Control de recogida de artículos voluminosos');
    await page.getByRole('button', { name: 'Save texts in Spanish' }).click();
    expect(await page.getByRole('region', { name: 'Translations' }).textContent()).not.toContain(
      'Missing',
    );
    await page.getByRole('button', { name: 'Open the survey' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'The survey is now open',
    );
    expect(await page.locator('.cp-facts').textContent()).toContain('Open');
    await expectNoAxeViolations(page);
    await shot(page, 'survey');

    // The other builder pages, empty, and the condition form with an error.
    for (const path of [
      '/settings',
      '/pages/1',
      '/pages/2/delete',
      '/questions/use/delete',
      '/questions/use/options/often',
    ]) {
      await page.goto(surveyUrl + path);
      await expectNoAxeViolations(page);
    }
    await page.goto(`${surveyUrl}/questions/ease/condition`);
    await page.locator('#rule1Question').selectOption('');
    await page.getByRole('button', { name: 'Save the condition' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Rule 1: choose a question');
    await expectNoAxeViolations(page);
  });
});
