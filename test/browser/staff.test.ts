import { sql } from 'kysely';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { PASSWORD, createStaff } from '../support/app';

describeInBrowser('staff in the browser', () => {
  const suite = useBrowserApp({ page: true });

  test('the first admin is created from the console link, then invites a colleague', async () => {
    const { ctx, browser, page } = suite;
    const link = await ctx.staff.firstAdminLink();
    await page.goto(link!);
    // The token is exchanged for the session and dropped from the address bar.
    expect(page.url()).toBe(`${ctx.baseUrl}/set-password`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Create the first admin account',
    );
    await expectNoAxeViolations(page);

    // A bad password is refused with the error summary, and what was typed is kept.
    await page.getByLabel('Your name').fill('Ana Admin');
    await page.getByLabel('Email address').fill('ana@city.test');
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('There is a problem');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Ana Admin');
    await expectNoAxeViolations(page);
    await screenshot(page, 'set-password-error');

    await page.getByLabel('New password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${ctx.baseUrl}/staff`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Welcome, Ana Admin',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'staff-home');

    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Staff accounts' })
      .click();
    await page.getByLabel('Name', { exact: true }).fill('Omar Organizer');
    await page.getByLabel('Email address').fill('omar@city.test');
    await page.getByRole('radio', { name: 'Organizer' }).check();
    await page.getByRole('button', { name: 'Send invitation' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Invitation sent to omar@city.test',
    );
    expect(await page.getByRole('row', { name: /Omar Organizer/ }).textContent()).toContain(
      'invited',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'staff-users');

    // With no SMTP server the invitation is kept and readable on the Mail log.
    await page.getByRole('link', { name: 'Mail log' }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, 'mail-log');
    await page.getByRole('link', { name: 'You have been invited to Civic Panel' }).click();
    const body = await page.locator('pre').textContent();
    const invite = /http:\/\/127\.0\.0\.1:\d+\/set-password\/[A-Za-z0-9_-]{43}/.exec(body ?? '');
    expect(invite).not.toBeNull();
    await expectNoAxeViolations(page);

    // Omar follows the link in a fresh browser context, sets a password and lands signed in.
    const omar = await browser.newPage();
    await omar.goto(invite![0]);
    expect(await omar.getByText('Signing in as').textContent()).toContain('omar@city.test');
    await omar.getByLabel('New password').fill('another good long passphrase');
    await omar.getByRole('button', { name: 'Set password' }).click();
    await omar.waitForURL(`${ctx.baseUrl}/staff`);
    expect(await omar.getByRole('heading', { level: 1 }).textContent()).toContain('Omar Organizer');
    await omar.context().close();
  });

  test('login page: a wrong password gives the generic message; the right one signs in; sign out', async () => {
    const { ctx, page } = suite;
    const who = await createStaff(ctx, 'analyst');
    await page.goto(`${ctx.baseUrl}/login`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'login');
    await page.getByLabel('Email address').fill(who.email);
    await page.getByLabel('Password').fill('not the password at all');
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    expect(await page.title()).toBe('Error: Sign in – Civic Panel');
    expect(await page.getByRole('alert').textContent()).toContain('Email or password is incorrect');
    expect(await page.getByLabel('Email address').inputValue()).toBe(who.email);
    await expectNoAxeViolations(page);

    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${ctx.baseUrl}/staff`);
    // Analysts do not see admin or organizer navigation; they have the results.
    const nav = page.getByRole('navigation', { name: 'Staff' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'Results', 'Account']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${ctx.baseUrl}/login`);
    await page.goto(`${ctx.baseUrl}/staff`);
    expect(page.url()).toContain('/login?next=%2Fstaff');
  });

  test('change password page passes axe, empty and with errors', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'facilitator'));
    await page.goto(`${ctx.baseUrl}/staff/account/password`);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.title()).toMatch(/^Error:/);
    await expectNoAxeViolations(page);
  });

  test('resident home page in all five languages; 404 and 500 pages', async () => {
    const { ctx, page } = suite;
    const expected: Record<string, string> = {
      en: 'Help make City services work better',
      es: 'Ayude a mejorar los servicios de la Ciudad',
      ko: '시 서비스를 더 좋게 만드는 데 도움을 주세요',
      hy: 'Օգնեք բարելավել քաղաքային ծառայությունները',
      'zh-Hant': '協助改善市政服務',
    };
    await page.goto(`${ctx.baseUrl}/`);
    for (const [lang, heading] of Object.entries(expected)) {
      // Switch with the language switcher, as a person would.
      await page.getByRole('navigation', { name: /.+/ }).locator(`a[lang="${lang}"]`).click();
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(heading);
      await expectNoAxeViolations(page);
      await screenshot(page, `home-${lang}`);
    }
    await page.goto(`${ctx.baseUrl}/no-such-page?lang=es`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'No se encontró la página',
    );
    await expectNoAxeViolations(page);

    // Force a server error: the organizer's mail log over a missing table.
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'organizer'));
    await sql`alter table outbox rename to outbox_away`.execute(ctx.db);
    try {
      const res = await page.goto(`${ctx.baseUrl}/staff/mail`);
      expect(res?.status()).toBe(500);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Sorry, something went wrong',
      );
      expect(await page.getByText(/Reference: [0-9a-f]{10}/).count()).toBe(1);
      expect(await page.content()).not.toMatch(/at .*\.ts:\d+/);
      await expectNoAxeViolations(page);
      await screenshot(page, 'error-500');
    } finally {
      await sql`alter table outbox_away rename to outbox`.execute(ctx.db);
    }
  });
});
