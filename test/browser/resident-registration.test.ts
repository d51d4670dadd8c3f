import type { Locator, Page } from 'playwright-core';
import { LOCALES, translator } from '../../src/i18n/i18n';
import { createStaff, signedIn } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import {
  addSession,
  createStudy,
  invite,
  openStudy,
  sessionForm,
  studyForm,
} from '../support/studies';

/** USWDS draws the radio on its label and moves the input off screen: a person clicks the label. */
async function choose(control: Locator): Promise<void> {
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(true);
}

const PHONE = { viewport: { width: 375, height: 740 } };

describeInBrowser('residents register through their invitation link', () => {
  const suite = useBrowserApp({ page: PHONE });
  let studyId: number;
  let sessionId: number;

  beforeAll(async () => {
    const { ctx } = suite;
    ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn(ctx, who);
    studyId = await createStudy(agent, studyForm({ organizer: who.id }));
    const everyone = ['es', 'ko', 'hy', 'zh-Hant'];
    sessionId = await addSession(agent, studyId, sessionForm({ interpretation: everyone }));
    await addSession(
      agent,
      studyId,
      sessionForm({ interpretation: everyone, startsAt: '2027-07-22T10:00' }),
    );
    await openStudy(agent, studyId);
  });

  const link = async (lang: string, email: string) =>
    invite(
      suite.ctx,
      studyId,
      await addPerson(suite.ctx.db, { email, language: lang, first_name: 'Rosa' }),
    );

  const press = (page: Page, name: string) =>
    Promise.all([page.waitForEvent('load'), page.getByRole('button', { name }).click()]);

  test('a resident on a phone opens the link, registers, then cancels', async () => {
    const { ctx, page } = suite;
    const t = translator('es');
    await page.goto(`${ctx.baseUrl}${await link('es', 'rosa@example.com')}`);
    expect(new URL(page.url()).pathname).toMatch(/^\/r\/i\/\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('register.title'));
    const times = page.getByRole('group', { name: t('register.sessionsLegend') });
    expect(await times.getByRole('radio').count()).toBe(2);
    await choose(times.getByRole('radio', { name: /jueves, 15 de julio de 2027/ }));
    const needs = page.getByLabel(t('register.accommodationsLabel'));
    await needs.fill('Necesito intérprete de español');
    await press(page, t('register.submit'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      t('register.confirmedTitle'),
    );
    expect(await page.getByRole('status').first().textContent()).toContain(
      t('register.registeredFlash'),
    );
    await screenshot(page, 'register-confirmed-es');
    const reg = await ctx.db
      .selectFrom('registrations')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(reg).toMatchObject({
      status: 'confirmed',
      accommodations: 'Necesito intérprete de español',
    });

    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: t('register.cancelButton') }).click(),
    ]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      t('register.cancelTitle'),
    );
    await press(page, t('register.cancelConfirm'));
    expect(await page.getByRole('status').first().textContent()).toContain(t('register.cancelled'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t('register.title'));
    const after = await ctx.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', reg.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('cancelled');
    // Wide enough for a phone: nothing scrolls sideways.
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(375);
  });

  test.each(LOCALES)('%s: every resident page passes axe, empty and with errors', async (lang) => {
    const { ctx, page } = suite;
    const t = translator(lang);
    const check = async (shot?: string) => {
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await expectNoAxeViolations(page);
      if (shot && lang === 'es') await screenshot(page, shot);
    };
    // The polite page for a link that cannot be used.
    await page.goto(`${ctx.baseUrl}/r/${'A'.repeat(43)}?lang=${lang}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      t('register.invalidTitle'),
    );
    await check('register-invalid');

    await page.goto(`${ctx.baseUrl}${await link(lang, `axe-r-${lang}@example.com`)}`);
    await check('register-choose');
    // No time chosen: the error summary, focusable, in their language.
    await press(page, t('register.submit'));
    expect(await page.title()).toMatch(new RegExp(`^${t('form.errorTitlePrefix')}`));
    expect(await page.getByRole('alert').textContent()).toContain(
      t('register.errors.sessionRequired'),
    );
    await check('register-choose-error');

    await choose(page.getByRole('radio').first());
    await press(page, t('register.submit'));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      t('register.confirmedTitle'),
    );
    await check('register-registered');
    // The same page for someone on the waitlist (their place in line), and once it has begun.
    const email = `axe-r-${lang}@example.com`;
    const reg = () =>
      ctx.db
        .updateTable('registrations')
        .where('participant_id', 'in', (eb) =>
          eb.selectFrom('participants').select('id').where('email', '=', email),
        );
    await reg().set({ status: 'waitlisted' }).execute();
    await page.reload();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      t('register.waitlistedTitle'),
    );
    await check('register-waitlisted');
    await reg().set({ status: 'attended' }).execute();
    await page.reload();
    expect(await page.getByText(t('register.begun')).count()).toBe(1);
    await check('register-begun');
    await reg().set({ status: 'confirmed' }).execute();
    await page.reload();

    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: t('register.switchButton') }).click(),
    ]);
    await check('register-switch');
    await press(page, t('register.switchSubmit'));
    expect(await page.getByRole('alert').textContent()).toContain(
      t('register.errors.sessionRequired'),
    );
    await check('register-switch-error');

    await page.goBack();
    await page.goto(page.url().replace(/\/switch.*$/, '/cancel'));
    await check('register-cancel');
  });
});
