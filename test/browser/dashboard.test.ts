import { insertMessage } from '../../src/mail/outbox.queries';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff } from '../support/app';
import { addPerson } from '../support/db';

describeInBrowser('the staff dashboard in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });
  let organizer: { email: string; password: string };

  beforeAll(async () => {
    const { ctx } = suite;
    organizer = await createStaff(ctx, 'organizer');
    const now = ctx.clock.now().toISOString();
    const people = [
      { status: 'active', phone: '+12135550101', contact_preference: 'phone' },
      { status: 'active', email: 'ana@example.com', contact_preference: 'email' },
      { status: 'active', email: 'lee@example.com', contact_preference: 'email', created_at: now },
      { status: 'pending', email: 'kim@example.com', contact_preference: 'email', created_at: now },
      { status: 'paused', email: 'sam@example.com', contact_preference: 'email' },
      { status: 'withdrawn', email: 'ari@example.com', contact_preference: 'email' },
    ] as const;
    for (const p of people) await addPerson(ctx.db, { first_name: 'Test', ...p });
    await insertMessage(ctx.db, {
      message_id: '<failed@civic-panel.test>',
      template: 'participant-manage-link',
      to_address: 'ana@example.com',
      language: 'en',
      subject: 'Your link',
      text_body: 'Hello',
      html_body: '<p>Hello</p>',
      status: 'failed',
      next_attempt_at: now,
      staff_user_id: null,
      created_at: now,
      last_error: 'connection refused',
    });
  });

  test('an organizer reads the figures at 1280 and 320 px and follows one', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, organizer);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Participant pool',
      'Sign-ups this week',
      'Call list',
      'What needs doing',
      'Mail',
      'Upcoming sessions',
      'Other pages',
    ]);
    // Each figure is one link whose name says what the number counts.
    for (const name of [
      '3 active participants',
      '1 pending participant',
      '2 sign-ups in the last 7 days',
      '1 pending confirmation',
      '1 person waiting on the call list',
      '1 failed message',
    ])
      await expect(page.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '/work/tmp/dashboard.png', fullPage: true });

    await page.setViewportSize({ width: 320, height: 900 });
    await expectNoAxeViolations(page);
    // Nothing wider than the screen: no sideways scrolling on a phone.
    expect(
      await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(320);
    await page.screenshot({ path: '/work/tmp/dashboard-320.png', fullPage: true });

    await page.getByRole('link', { name: '1 failed message', exact: true }).click();
    await page.waitForURL(`${ctx.baseUrl}/staff/mail?status=failed`);
    expect(await page.getByRole('link', { name: 'Your link' }).count()).toBe(1);
  });
});
