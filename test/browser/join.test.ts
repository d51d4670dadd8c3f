import type { Page } from 'playwright-core';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff, deliverMail } from '../support/app';
import { LOCALES, translator } from '../../src/i18n/i18n';

/** Presses Tab until the element with this label has focus, then returns; fails after 200 presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (
      await page.evaluate((s) => (globalThis as any).document.activeElement?.matches(s), selector)
    )
      return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${selector} with the keyboard`);
}

/** The text of the element that has the keyboard focus. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() =>
    String((globalThis as any).document.activeElement?.textContent ?? '').trim(),
  );
}

/** The error summary is shown, with its translated heading and links to the fields in error. */
async function expectErrorSummary(page: Page, t: (key: string) => string): Promise<void> {
  const summary = page.getByRole('alert').filter({ hasText: t('form.errorSummary') });
  expect(await summary.isVisible()).toBe(true);
  expect(await summary.getByRole('heading').textContent()).toBe(t('form.errorSummary'));
  const links = await summary.getByRole('link').allTextContents();
  // The empty form misses at least the first name, a way to reach them and the consent.
  expect(links).toEqual(
    expect.arrayContaining([
      t('fields.firstName.required'),
      t('fields.contact.missing'),
      t('fields.consent.required'),
    ]),
  );
}

async function typeInto(page: Page, selector: string, text: string) {
  await tabTo(page, selector);
  await page.keyboard.type(text);
}

/** Tabs to a radio group's first radio and moves with the arrow keys to the wanted one. */
async function chooseRadio(page: Page, name: string, value: string) {
  await tabTo(page, `input[name="${name}"]`);
  for (let i = 0; i < 12; i++) {
    if (
      await page.evaluate(
        ([n, v]) =>
          (globalThis as any).document.querySelector(`input[name="${n}"][value="${v}"]`).checked,
        [name, value],
      )
    )
      return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${name}=${value}`);
}

async function tick(page: Page, selector: string) {
  await tabTo(page, selector);
  await page.keyboard.press('Space');
}

describeInBrowser('joining the panel', () => {
  const suite = useBrowserApp({ smtp: true });
  let organizer: Awaited<ReturnType<typeof createStaff>>;

  beforeAll(async () => {
    organizer = await createStaff(suite.ctx, 'organizer');
  });

  test.each([
    ['es', 'maria@example.com', 'María José'],
    ['ko', 'jiwoo@example.com', '지우'],
  ])('in %s, with the keyboard alone, then confirm from the email', async (lang, email, name) => {
    const { ctx, browser, smtp } = suite;
    const t = translator(lang);
    // The texts below come from the catalogue; they must not be the English ones by mistake.
    for (const key of ['mail.confirm.subject', 'me.confirmButton', 'join.submit'])
      expect(t(key)).not.toBe(translator('en')(key));
    const page = await browser.newPage();
    await page.goto(`${ctx.baseUrl}/join?lang=${lang}`);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await expectNoAxeViolations(page);

    // Submitting empty shows the error summary in the page's language.
    await tabTo(page, 'button[type="submit"]');
    expect(await focusedText(page)).toBe(t('join.submit'));
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.title()).toMatch(new RegExp(`^${t('form.errorTitlePrefix')} `));
    await expectErrorSummary(page, t);
    await expectNoAxeViolations(page);
    await screenshot(page, `join-${lang}-errors`);

    await typeInto(page, '#firstName', name);
    await typeInto(page, '#email', email);
    await chooseRadio(page, 'contactPreference', 'email');
    await typeInto(page, '#zip', '90012');
    await chooseRadio(page, 'myla311Use', 'few');
    await tick(page, '#channels'); // the app
    await chooseRadio(page, 'format', 'either');
    await tick(page, '#consent');
    await tabTo(page, 'button[type="submit"]');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    if (!page.url().endsWith('/join/check-email'))
      throw new Error(await page.locator('.cp-error-summary').innerText());
    expect(page.url()).toBe(`${ctx.baseUrl}/join/check-email`);
    await expectNoAxeViolations(page);

    await deliverMail(ctx, smtp);
    const mail = smtp.to(email).at(-1)!;
    expect(mail).toBeDefined();
    expect(mail.subject).toBe(t('mail.confirm.subject'));
    const link = /http:\/\/127\.0\.0\.1:\d+\/me\/c\/[A-Za-z0-9_-]{43}/.exec(mail.text)![0];
    await page.goto(link);
    expect(page.url()).toBe(`${ctx.baseUrl}/me/confirm`);
    await expectNoAxeViolations(page);
    await tabTo(page, 'form[action="/me/confirm"] button');
    expect(await focusedText(page)).toBe(t('me.confirmButton'));
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    const person = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(person.status).toBe('active');
    expect(person.first_name).toBe(name);
    expect(person.language).toBe(lang);
    await expectNoAxeViolations(page);
    await screenshot(page, `join-${lang}-confirmed`);
    await page.context().close();

    // An organizer finds the new person in the pool by their email.
    const staff = await browser.newPage();
    await signInAs(staff, ctx.baseUrl, organizer);
    await staff
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Participants' })
      .click();
    await staff.getByLabel('Search by name, email or phone').fill(email);
    await Promise.all([
      staff.waitForEvent('load'),
      staff.getByRole('button', { name: 'Search', exact: true }).click(),
    ]);
    const row = staff.getByRole('row', { name: new RegExp(name) });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(email);
    await staff.context().close();
  });

  test.each(LOCALES)('the sign-up page in %s passes axe, empty and with errors', async (lang) => {
    const { ctx, browser } = suite;
    const page = await browser.newPage();
    await page.goto(`${ctx.baseUrl}/join?lang=${lang}`);
    await expectNoAxeViolations(page);
    const t = translator(lang);
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: t('join.submit'), exact: true }).click(),
    ]);
    expect(await page.title()).toMatch(new RegExp(`^${t('form.errorTitlePrefix')} `));
    await expectErrorSummary(page, t);
    await expectNoAxeViolations(page);
    if (lang === 'zh-Hant') await screenshot(page, 'join-zh-errors');
    await page.context().close();
  });
});
