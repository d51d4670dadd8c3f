import { HOUR } from '../../src/clock';
import { createStaff, signedIn } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { mailOf, person, register, remindersOf } from '../support/reminders';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

describeInBrowser('cancelling a session and the reminder calls', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer cancels a session: a confirmation page, refused without the tick, then everyone is told', async () => {
    const { ctx, page } = suite;
    ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn(ctx, who);
    const studyId = await createStudy(agent, studyForm({ organizer: who.id }));
    const sessionId = await addSession(agent, studyId, sessionForm());
    await register(
      ctx,
      sessionId,
      await person(ctx.db, { email: 'ana.b@example.com', language: 'es' }),
    );
    await register(
      ctx,
      sessionId,
      await person(ctx.db, { first_name: 'Pat', last_name: 'Caller', contact_preference: 'phone' }),
    );

    await signInAs(page, ctx.baseUrl, who);
    await page.goto(`${ctx.baseUrl}/staff/studies/${studyId}/sessions/${sessionId}`);
    await page.getByRole('link', { name: 'Cancel this session' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /^Cancel the session on /,
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'session-cancel');

    await page
      .getByLabel(/A note for the people registered/)
      .fill('The library is closed that day.');
    await page.getByRole('button', { name: 'Cancel this session' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('Tick the box to confirm');
    // What was typed is kept.
    expect(await page.getByLabel(/A note for the people registered/).inputValue()).toBe(
      'The library is closed that day.',
    );
    await expectNoAxeViolations(page);

    // USWDS draws the box on the label: a person clicks the label.
    const tick = page.getByRole('checkbox', {
      name: 'Yes, cancel this session and tell everyone registered',
    });
    await page.locator(`label[for="${await tick.getAttribute('id')}"]`).click();
    expect(await tick.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Cancel this session' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Session cancelled. 1 person was told by email. 1 person is on the reminder calls list',
    );
    expect(await page.getByText('This session is cancelled.').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Cancel this session' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    const mail = await mailOf(ctx.db, 'session-cancelled');
    expect(mail.map((m) => m.to_address)).toEqual(['ana.b@example.com']);
    expect(mail[0].text_body).toContain('The library is closed that day.');
  });

  test('a facilitator works through the reminder calls at 375 px', async () => {
    const { ctx, page } = suite;
    ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
    const org = await createStaff(ctx, 'organizer');
    const fac = await createStaff(ctx, 'facilitator');
    const agent = await signedIn(ctx, org);
    const studyId = await createStudy(agent, studyForm({ organizer: org.id, facilitator: fac.id }));
    const sessionId = await addSession(
      agent,
      studyId,
      sessionForm({
        startsAt: '2027-08-10T18:00',
        registrationDeadline: '2027-08-08T12:00',
        facilitatorId: String(fac.id),
      }),
    );
    const hal = await person(ctx.db, {
      first_name: 'Hal',
      last_name: 'Phone',
      contact_preference: 'phone',
      language: 'ko',
      phone: '213-555-0142',
    });
    await register(ctx, sessionId, hal);
    const start = Date.parse('2027-08-11T01:00:00Z');
    ctx.clock.set(new Date(start - 48 * HOUR));
    await remindersOf(ctx).run();

    await page.setViewportSize({ width: 375, height: 800 });
    await signInAs(page, ctx.baseUrl, fac);
    await page.getByRole('link', { name: 'Reminder calls' }).first().click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Reminder calls to make',
    );
    expect(await page.getByRole('heading', { name: 'Hal Phone' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: '213-555-0142' }).count()).toBe(1);
    expect(await page.getByText('Reminder, 48 hours before').count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'reminder-calls-375');
    const width = await page.evaluate(
      () => (globalThis as any).document.documentElement.scrollWidth as number,
    );
    expect(width).toBeLessThanOrEqual(375);

    await page.getByRole('button', { name: 'Called Hal Phone' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Call recorded.');
    expect(await page.getByText('No calls to make right now.').count()).toBe(1);
    await expectNoAxeViolations(page);
  });
});
