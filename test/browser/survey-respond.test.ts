import type { Page } from 'playwright-core';
import { translator } from '../../src/i18n/i18n';
import type { SurveySpec } from '../../src/surveys/model/spec';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { createSurvey, sampleSurveySpec, surveyLinkFor } from '../support/surveys';

/** Tabs until the element matching `selector` has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (
      await page.evaluate((s) => (globalThis as any).document.activeElement?.matches(s), selector)
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with the keyboard`);
}

/** Tabs to a radio group and moves with the arrow keys to the wanted radio. */
async function chooseRadio(page: Page, name: string, value: string) {
  await tabTo(page, `input[name="${name}"]`);
  for (let i = 0; i < 14; i++) {
    const checked = await page.evaluate(
      ([n, v]) =>
        (globalThis as any).document.querySelector(`input[name="${n}"][value="${v}"]`).checked,
      [name, value],
    );
    if (checked) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${name}=${value}`);
}

async function pressContinue(page: Page, label: string) {
  await tabTo(page, 'button[type="submit"]');
  expect(
    await page.evaluate(() => (globalThis as any).document.activeElement.textContent.trim()),
  ).toBe(label);
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
}

const LANGS = ['en', 'es', 'ko', 'hy', 'zh-Hant'];
const all = (s: string) => Object.fromEntries(LANGS.map((l) => [l, `${s} (${l})`]));
const opts = (...codes: string[]) => codes.map((code) => ({ code, label: all(code) }));

/** Every question type, in all five languages, for the accessibility checks. */
function everyTypeSpec(): SurveySpec {
  return {
    title: 'Every type',
    kind: 'general',
    languages: LANGS,
    status: 'open',
    texts: { title: all('Every type'), introduction: all('Intro'), thankYou: all('Thanks') },
    pages: [
      {
        title: all('Choices'),
        questions: [
          { code: 'info', type: 'info', label: all('About this page'), help: all('Read me') },
          {
            code: 'single',
            type: 'single_choice',
            required: true,
            preferNot: true,
            label: all('Single'),
            options: [...opts('a', 'b'), { code: 'other', label: all('Other'), isOther: true }],
          },
          {
            code: 'multi',
            type: 'multi_choice',
            required: true,
            preferNot: true,
            label: all('Multi'),
            options: [...opts('a', 'b'), { code: 'other', label: all('Other'), isOther: true }],
          },
          {
            code: 'drop',
            type: 'dropdown',
            required: true,
            label: all('Dropdown'),
            options: opts('a', 'b'),
          },
          { code: 'yn', type: 'yes_no', required: true, label: all('Yes or no') },
          {
            code: 'agree',
            type: 'agreement',
            required: true,
            preferNot: true,
            label: all('Agree'),
          },
          {
            code: 'grid',
            type: 'agreement_grid',
            required: true,
            preferNot: true,
            label: all('Grid'),
            statements: opts('s1', 's2'),
          },
        ],
      },
      {
        title: all('Scales and text'),
        questions: [
          { code: 'rate', type: 'rating', required: true, label: all('Rating') },
          { code: 'nps', type: 'nps', required: true, label: all('NPS') },
          {
            code: 'short',
            type: 'short_text',
            required: true,
            preferNot: true,
            label: all('Short'),
          },
          {
            code: 'long',
            type: 'long_text',
            required: true,
            label: all('Long'),
            help: all('Say more'),
          },
          {
            code: 'num',
            type: 'number',
            required: true,
            label: all('Number'),
            settings: { min: 0, max: 10, integer: true },
          },
          { code: 'when', type: 'date', required: true, preferNot: true, label: all('Date') },
          {
            code: 'rank',
            type: 'ranking',
            required: true,
            label: all('Rank'),
            options: opts('x', 'y', 'z'),
          },
          { code: 'ok', type: 'consent', required: true, label: all('Consent') },
        ],
      },
    ],
  };
}

describeInBrowser('answering a survey', () => {
  const suite = useBrowserApp();

  test('a resident answers in Spanish at 375 px with the keyboard alone, stops halfway, resumes from the same link and submits', async () => {
    const { ctx, browser } = suite;
    const t = translator('es');
    const { surveyId } = await createSurvey(ctx.db, sampleSurveySpec());
    const person = await addPerson(ctx.db, {
      email: 'lucia@example.com',
      language: 'es',
      council_district: 9,
    });
    const link = await surveyLinkFor(ctx, surveyId, person);

    const first = await browser.newContext({ viewport: { width: 375, height: 740 } });
    let page = await first.newPage();
    await page.goto(`${ctx.baseUrl}${link}`);
    expect(page.url()).not.toContain(link);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    expect(await page.textContent('.cp-progress__text')).toBe(
      t('respond.progress', { page: 1, of: 2 }),
    );
    await expectNoAxeViolations(page);

    // Continue with nothing chosen: the error summary, in Spanish, links to the question.
    await pressContinue(page, t('respond.continue'));
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').getByRole('link').allTextContents()).toEqual([
      `¿Ha usado el 311?: ${t('survey.error.required')}`,
    ]);
    await expectNoAxeViolations(page);

    await chooseRadio(page, 'q_use', 'often');
    await tabTo(page, 'input[name="q_channels"][value="phone"]');
    await page.keyboard.press('Space');
    await pressContinue(page, t('respond.continue'));
    expect(await page.textContent('h1')).toBe('Su experiencia con el 311');
    expect(await page.textContent('.cp-progress__text')).toBe(
      t('respond.progress', { page: 2, of: 2 }),
    );
    await screenshot(page, 'survey-respond-page-375');
    // Stops here: the browser is closed.
    await first.close();

    // Comes back through the same link in a new browser: resumes at page 2.
    const second = await browser.newContext({ viewport: { width: 375, height: 740 } });
    page = await second.newPage();
    await page.goto(`${ctx.baseUrl}${link}`);
    expect(page.url()).toMatch(/\/s\/r\/\d+\/p\/2$/);
    await chooseRadio(page, 'q_ease', '4');
    await chooseRadio(page, 'q_nps', '9');
    await pressContinue(page, t('respond.continue'));
    expect(await page.textContent('h1')).toBe(t('respond.reviewTitle'));
    expect(await page.textContent('.cp-review')).toContain('Teléfono');
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-respond-review-375');
    await pressContinue(page, t('respond.submit'));
    expect(await page.textContent('h1')).toBe(t('respond.doneTitle'));
    expect(await page.textContent('.usa-alert__text')).toContain('¡Gracias!');
    await expectNoAxeViolations(page);
    await second.close();

    const response = await ctx.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    expect(response).toMatchObject({ status: 'submitted', language: 'es', council_district: 9 });
    const hidden = await ctx.db
      .selectFrom('survey_answers')
      .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
      .select('survey_answers.state')
      .where('survey_answers.response_id', '=', response.id)
      .where('survey_questions.code', '=', 'barrier')
      .executeTakeFirstOrThrow();
    expect(hidden.state).toBe('not_shown');
  });

  test.each(LANGS)(
    'every question type in %s: no axe violations, empty and with errors, narrow and wide',
    async (lang) => {
      const { ctx, browser } = suite;
      const t = translator(lang);
      const { surveyId } = await createSurvey(ctx.db, everyTypeSpec());
      const person = await addPerson(ctx.db, {
        email: `every-${lang}@example.com`,
        language: lang,
      });
      const link = await surveyLinkFor(ctx, surveyId, person);
      for (const width of [375, 1100]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${ctx.baseUrl}${link}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        await expectNoAxeViolations(page);
        await pressContinue(page, t('respond.continue'));
        expect(await page.title()).toMatch(new RegExp(`^${t('form.errorTitlePrefix')} `));
        await expectNoAxeViolations(page);
        if (lang === 'es') await screenshot(page, `survey-every-type-errors-${width}`);
        // Page 2 (through the stored page 1) and the review.
        const base = page.url().replace(/\/p\/\d+.*$/, '');
        await page.goto(`${base}/p/2`);
        await expectNoAxeViolations(page);
        await pressContinue(page, t('respond.continue'));
        await expectNoAxeViolations(page);
        if (lang === 'es' && width === 375)
          await screenshot(page, 'survey-every-type-page2-errors');
        await context.close();
      }
    },
  );

  test('the open link at 320 px: start, answer, one response per browser', async () => {
    const { ctx, browser } = suite;
    const { surveyId } = await createSurvey(ctx.db, sampleSurveySpec());
    await ctx.db
      .updateTable('surveys')
      .set({ open_slug: 'parkfair' })
      .where('id', '=', surveyId)
      .execute();
    const context = await browser.newContext({ viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/s/o/parkfair?lang=es`);
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await expectNoAxeViolations(page);
    await pressContinue(page, translator('es')('respond.start'));
    expect(page.url()).toMatch(/\/s\/r\/\d+\/p\/1$/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-open-link-320');
    // The same browser coming back gets the same response.
    await page.goto(`${ctx.baseUrl}/s/o/parkfair`);
    expect(page.url()).toMatch(/\/s\/r\/\d+\/p\/1$/);
    const n = await ctx.db
      .selectFrom('survey_responses')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    await context.close();
  });
});
