import type { Locator, Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n';
import { createStaff, deliverMail } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';

/**
 * Issue 8's whole path in one test: an organizer builds a two-language survey with a condition
 * in the builder, opens it and sends it; a resident answers it in Spanish at 375 px with the
 * keyboard alone, stopping halfway and resuming from the link in their email; the organizer reads
 * the response, where the question the condition hid is "not shown". axe on every page visited,
 * empty and with errors (every question type in every language: survey-respond.test.ts).
 */

/** USWDS draws radios and checkboxes on the label: the organizer (with a mouse) clicks the label. */
async function choose(control: Locator): Promise<void> {
  if (await control.isChecked()) return;
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(true);
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
/** A control by its label, which may end with "(optional)". */
const label = (page: Page, text: string) =>
  page.getByLabel(new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(optional\\))?$`));

// --- the resident's keyboard ---

/** What has the focus: its tag, name, value and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = (globalThis as any).document.activeElement;
    return {
      tag: String(el?.tagName ?? '').toLowerCase(),
      name: String(el?.getAttribute?.('name') ?? ''),
      value: String(el?.value ?? ''),
      checked: Boolean(el?.checked),
      text: String(el?.textContent ?? '').trim(),
    };
  });

/** Presses Tab until `wanted` holds for the focused element. */
async function tabUntil(
  page: Page,
  what: string,
  wanted: (f: Awaited<ReturnType<typeof focused>>) => boolean,
): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (wanted(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${what} with the keyboard`);
}

/** Tabs into a radio group, then arrows to the wanted answer (arrows choose as they move). */
async function chooseRadio(page: Page, name: string, value: string): Promise<void> {
  await tabUntil(page, `the ${name} radios`, (f) => f.tag === 'input' && f.name === name);
  for (let i = 0; i < 12; i++) {
    const f = await focused(page);
    if (f.value === value && f.checked) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${name}=${value} with the arrow keys`);
}

/** Tabs to the form's button with this text and presses Enter, waiting for the next page. */
async function pressButton(page: Page, text: string): Promise<void> {
  await tabUntil(page, `the “${text}” button`, (f) => f.tag === 'button' && f.text === text);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

describeInBrowser('the whole survey path', () => {
  const suite = useBrowserApp({ smtp: true, page: { viewport: { width: 1280, height: 900 } } });

  test('built with a condition in two languages, answered in Spanish at 375 px by keyboard with a stop halfway, read by staff with the hidden question “not shown”', async () => {
    const { ctx, page, smtp, browser } = suite;
    const t = translator('es');
    const organizer = await createStaff(ctx, 'organizer');
    const lucia = await addPerson(ctx.db, {
      first_name: 'Lucía',
      last_name: 'Reyes Domínguez',
      email: 'lucia@example.com',
      language: 'es',
    });

    // --- the organizer builds the survey ---
    await signInAs(page, ctx.baseUrl, organizer);
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Surveys' })
      .click();
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'New survey' }).click();
    await page.getByRole('button', { name: 'Create survey' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Enter a name for the survey');
    await expectNoAxeViolations(page);
    await label(page, 'Name').fill('Bulky item pickup');
    await choose(page.getByRole('checkbox', { name: 'Spanish' }));
    await page.getByRole('button', { name: 'Create survey' }).click();
    await page.waitForURL(/\/staff\/surveys\/\d+$/);
    const surveyUrl = page.url();
    const surveyId = Number(surveyUrl.split('/').pop());
    await expectNoAxeViolations(page);

    /** Adds a question to a page through the type step and the question form. */
    const addQuestion = async (
      pageNo: number,
      type: string,
      code: string,
      en: string,
      es: string,
      required: boolean,
    ) => {
      await page.goto(surveyUrl);
      await page.getByRole('link', { name: `Add a question to page ${pageNo}` }).click();
      await expectNoAxeViolations(page);
      await choose(page.getByRole('radio', { name: type }));
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectNoAxeViolations(page);
      await label(page, 'Code').fill(code);
      await label(page, 'Question in English').fill(en);
      await label(page, 'Question in Spanish').fill(es);
      if (required) await choose(page.getByRole('checkbox', { name: 'Required' }));
      await page.getByRole('button', { name: 'Add question' }).click();
      expect(await heading(page)).toBe(`Question “${code}”`);
      await expectNoAxeViolations(page);
    };

    // Page 1: how often they use 311 (required), with two options.
    await addQuestion(
      1,
      'Single choice',
      'use',
      'How often do you use 311?',
      '¿Con qué frecuencia usa el 311?',
      true,
    );
    for (const [code, en, es] of [
      ['never', 'Never', 'Nunca'],
      ['often', 'Often', 'A menudo'],
    ]) {
      await page.getByRole('link', { name: 'Add an option' }).click();
      await expectNoAxeViolations(page);
      await label(page, 'Code').fill(code);
      await label(page, 'Label in English').fill(en);
      await label(page, 'Label in Spanish').fill(es);
      await page.getByRole('button', { name: 'Add option' }).click();
    }

    // Page 2: ease, shown only to those who use 311 often; a comment for everyone.
    await page.goto(surveyUrl);
    await page.getByRole('button', { name: 'Add a page' }).click();
    await addQuestion(
      2,
      '5-point agreement',
      'ease',
      'It was easy to report my problem.',
      'Fue fácil reportar mi problema.',
      true,
    );
    await page.getByRole('link', { name: 'Show it only when…' }).click();
    await expectNoAxeViolations(page);
    // A rule without its answer: refused, the summary names the rule.
    await page.getByLabel('Question', { exact: true }).first().selectOption('use');
    await page.getByRole('button', { name: 'Save the condition' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Rule 1: choose how the answer is compared',
    );
    await expectNoAxeViolations(page);
    await page.getByLabel('Answer', { exact: true }).first().selectOption('is');
    await page.getByLabel('Value', { exact: true }).first().selectOption('often');
    await page.getByRole('button', { name: 'Save the condition' }).click();
    expect(await page.locator('#condition + p').textContent()).toBe(
      'Shown only when "use" is Often (often)',
    );
    await addQuestion(2, 'Short text', 'comment', 'Anything else?', '¿Algo más?', false);

    // The Spanish title, then open it.
    await page.goto(surveyUrl);
    await page.getByRole('link', { name: 'Texts in Spanish' }).click();
    await expectNoAxeViolations(page);
    await label(page, 'Title').fill('Recogida de artículos voluminosos');
    await page.getByRole('button', { name: 'Save texts in Spanish' }).click();
    await page.getByRole('button', { name: 'Open the survey' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'The survey is now open',
    );
    await expectNoAxeViolations(page);

    // --- sent to Spanish speakers of the pool: Lucía's email holds her personal link ---
    await page.goto(`${surveyUrl}/send`);
    await page.locator('label[for="audience-1"]').click();
    await page.locator('#filters > summary').click();
    await page
      .getByRole('group', { name: 'Preferred language' })
      .locator('label', { hasText: /^Spanish$/ })
      .click();
    await page.getByRole('button', { name: 'Preview who gets it' }).click();
    await page.getByRole('heading', { name: 'Preview — nothing has been sent' }).waitFor();
    await page.getByRole('button', { name: 'Send to 1 person' }).click();
    await page.waitForURL(/\/send#sent$/);
    await deliverMail(ctx, smtp);
    const mail = smtp.messages.find((m) => m.to.includes('lucia@example.com'));
    const link = mail?.text.match(/\/s\/[A-Za-z0-9_-]{43}/)?.[0];
    if (!link) throw new Error('no personal link in Lucía’s email');

    // --- Lucía answers at 375 px, keyboard only ---
    const phone = { viewport: { width: 375, height: 740 } };
    const first = await browser.newContext(phone);
    let resident = await first.newPage();
    await resident.goto(`${ctx.baseUrl}${link}`);
    expect(await resident.getAttribute('html', 'lang')).toBe('es');
    expect(await resident.textContent('h1')).toBe('Recogida de artículos voluminosos');
    await expectNoAxeViolations(resident);
    // Nothing chosen: the summary says so in Spanish.
    await pressButton(resident, t('respond.continue'));
    expect(await resident.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      `¿Con qué frecuencia usa el 311?: ${t('survey.error.required')}`,
    ]);
    await expectNoAxeViolations(resident);
    await chooseRadio(resident, 'q_use', 'never');
    await pressButton(resident, t('respond.continue'));
    // Page 2 without the question the condition hides.
    expect(resident.url()).toMatch(/\/p\/2(\?|$)/);
    expect(await resident.getByText('¿Algo más?').count()).toBe(1);
    expect(await resident.locator('[name^="q_ease"]').count()).toBe(0);
    await expectNoAxeViolations(resident);
    await screenshot(resident, 'survey-path-page2-375');
    // She stops here: the browser is closed.
    await first.close();

    // Back through the same link in a new browser: she resumes on page 2.
    const second = await browser.newContext(phone);
    resident = await second.newPage();
    await resident.goto(`${ctx.baseUrl}${link}`);
    expect(resident.url()).toMatch(/\/s\/r\/\d+\/p\/2$/);
    await tabUntil(resident, 'the comment', (f) => f.name === 'q_comment');
    await resident.keyboard.type('El sofá sigue en la acera.');
    await pressButton(resident, t('respond.continue'));
    expect(await resident.textContent('h1')).toBe(t('respond.reviewTitle'));
    expect(await resident.textContent('.cp-review')).toContain('Nunca');
    await expectNoAxeViolations(resident);
    await pressButton(resident, t('respond.submit'));
    expect(await resident.textContent('h1')).toBe(t('respond.doneTitle'));
    await expectNoAxeViolations(resident);
    await second.close();

    // --- the organizer reads it ---
    await page.goto(`${surveyUrl}/responses`);
    expect(await page.locator('#counts').textContent()).toMatch(/Submitted:\s*1/);
    await screenshot(page, 'survey-path-responses');
    await expectNoAxeViolations(page);
    const response = await ctx.db
      .selectFrom('survey_responses')
      .select(['id', 'status', 'language', 'participant_id'])
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    expect(response).toMatchObject({ status: 'submitted', language: 'es', participant_id: lucia });
    await page.getByRole('link', { name: `Respondent R${response.id}` }).click();
    expect(await page.locator('#q-use').textContent()).toContain('Nunca');
    expect(await page.locator('#q-ease').textContent()).toContain('Not shown (condition)');
    expect(await page.locator('#q-comment').textContent()).toContain('El sofá sigue en la acera.');
    await expectNoAxeViolations(page);
    const states = await ctx.db
      .selectFrom('survey_answers')
      .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
      .select(['survey_questions.code', 'survey_answers.state'])
      .where('survey_answers.response_id', '=', response.id)
      .orderBy('survey_questions.code')
      .execute();
    expect(states).toEqual([
      { code: 'comment', state: 'answered' },
      { code: 'ease', state: 'not_shown' },
      { code: 'use', state: 'answered' },
    ]);
  });
});
