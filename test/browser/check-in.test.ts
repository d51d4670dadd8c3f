import type { Page } from 'playwright-core';
import { createStaff, postForm, signedIn } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

// sessionForm's start: 2027-07-15 18:00 PDT; the facilitator arrives an hour before.
const DAY_OF = new Date('2027-07-16T00:00:00Z');

describeInBrowser('a facilitator runs their session on a phone', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 375, height: 812 } } });

  /** The card of one person on the roster. */
  const card = (page: Page, name: string) =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
  const flash = async (page: Page) => page.getByRole('status').first().textContent();

  test('opens their session, checks people in, marks a no-show, adds a walk-in and issues an incentive', async () => {
    const { ctx, page } = suite;
    ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
    const org = await createStaff(ctx, 'organizer');
    const fac = await createStaff(ctx, 'facilitator');
    const agent = await signedIn(ctx, org);
    const studyId = await createStudy(agent, studyForm({ organizer: org.id, facilitator: fac.id }));
    const sessionId = await addSession(
      agent,
      studyId,
      sessionForm({ facilitatorId: String(fac.id), capacity: '2', extraSeats: '0' }),
    );
    // Another session of the study that does not name them: not on their list.
    await addSession(
      agent,
      studyId,
      sessionForm({ startsAt: '2027-07-22T18:00', registrationDeadline: '2027-07-20T12:00' }),
    );
    const people = [
      await addPerson(
        ctx.db,
        {
          first_name: 'Ana',
          last_name: 'Reyes',
          language: 'es',
          interpreter_language: 'es',
          email: 'ana@example.com',
        },
        { needs: ['interpreter'] },
      ),
      await addPerson(
        ctx.db,
        { first_name: 'Bo', last_name: 'Kim', language: 'ko' },
        { needs: ['wheelchair'] },
      ),
    ];
    await addPerson(ctx.db, { first_name: 'Ed', last_name: 'Pool', phone: '+12135550142' });
    const base = `/staff/studies/${studyId}/sessions/${sessionId}`;
    for (const id of people)
      await postForm(agent, base, `${base}/registrations`, { participant: String(id) });

    ctx.clock.set(DAY_OF);
    await signInAs(page, ctx.baseUrl, fac);
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'My sessions' })
      .click();
    await page.getByRole('heading', { name: 'My sessions', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Upcoming' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: /Jul 22, 2027/ }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: /Jul 15, 2027, 6:00 PM/ }).click();

    await page.getByRole('heading', { name: /^Roster:/ }).waitFor();
    expect(
      await page
        .getByText('Accommodations: 1 need Spanish interpretation, 1 wheelchair access')
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'check-in-375-roster');

    await card(page, 'Ana Reyes').getByRole('button', { name: 'Attended' }).click();
    expect(await flash(page)).toContain('checked in as attended');
    expect(await card(page, 'Ana Reyes').getByText('Attended', { exact: true }).count()).toBe(1);
    expect(await card(page, 'Ana Reyes').getByText('Incentive owed: $50').count()).toBe(1);

    await card(page, 'Bo Kim').getByRole('button', { name: 'No-show' }).click();
    expect(await flash(page)).toContain('recorded as a no-show');
    expect(await card(page, 'Bo Kim').getByText('No-show', { exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page);

    // A walk-in: nothing typed first (errors), then found in the pool by phone.
    await page.getByRole('link', { name: 'Add a walk-in' }).click();
    await page.getByRole('button', { name: 'Add to the panel as attended' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('Enter their first name');
    await expectNoAxeViolations(page);
    await page.getByLabel('Name, email or phone').fill('213 555 0142');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectNoAxeViolations(page);
    await screenshot(page, 'check-in-375-walk-ins');
    await page.getByRole('button', { name: 'Add Ed Pool as attended' }).click();
    expect(await flash(page)).toContain('Ed Pool is checked in as attended.');
    expect(await card(page, 'Ed Pool').getByText('Attended (walk-in)').count()).toBe(1);

    // The incentive: a full card number is refused, then the last 4 digits are kept.
    const ana = card(page, 'Ana Reyes');
    await ana.getByText('Issue incentive to Ana Reyes').click();
    expect(await ana.getByLabel('Amount in dollars').inputValue()).toBe('50');
    await ana.getByLabel('Reference note (optional)').fill('4111 1111 1111 1111');
    await ana.getByRole('button', { name: 'Record incentive issued' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('never its full number');
    await expectNoAxeViolations(page);
    const again = card(page, 'Ana Reyes');
    await again.getByLabel('Reference note (optional)').fill('ending 4821');
    // The USWDS radio input sits off-screen; its label is what a person taps.
    await again.getByText('Cash card', { exact: true }).click();
    expect(await again.getByRole('radio', { name: 'Cash card' }).isChecked()).toBe(true);
    await again.getByRole('button', { name: 'Record incentive issued' }).click();
    expect(await flash(page)).toContain('Incentive recorded as issued.');
    expect(
      await card(page, 'Ana Reyes')
        .getByText(
          /Incentive issued: \$50 cash card on 2027-07-15 by Facilitator \d+ \(ending 4821\)/,
        )
        .count(),
    ).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'check-in-375-done');

    // The sign-in sheet: names and languages, no email or phone.
    await page.getByRole('link', { name: 'Printable sign-in sheet' }).click();
    expect(await page.getByRole('columnheader', { name: 'Signature' }).count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: 'Ana Reyes' }).count()).toBe(1);
    expect(await page.content()).not.toContain('ana@example.com');
    await expectNoAxeViolations(page);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'check-in-sign-in-sheet-print');

    const stored = await ctx.db
      .selectFrom('registrations')
      .select(['participant_id', 'status', 'walk_in'])
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
    expect(stored.map((r) => [r.status, r.walk_in])).toEqual([
      ['attended', 0],
      ['no_show', 0],
      ['attended', 1],
    ]);
  });

  test('an organizer reads the study’s incentive report; the finance export asks why', async () => {
    const { ctx, page } = suite;
    await page.setViewportSize({ width: 1280, height: 900 });
    const org = await createStaff(ctx, 'organizer');
    await signInAs(page, ctx.baseUrl, org);
    // The study of the first test: one incentive issued, one still owed.
    await page.goto(`${ctx.baseUrl}/staff/studies/1`);
    await page.getByRole('link', { name: 'Incentives' }).click();
    await page.getByRole('heading', { name: 'Incentives', level: 1 }).waitFor();
    expect(await page.getByText('$100 owed, $50 issued, 1 still to give').count()).toBe(1);
    expect(await page.getByRole('rowheader', { name: /Ed Pool/ }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Download CSV' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('Say why you need this export');
    await expectNoAxeViolations(page);
    await screenshot(page, 'incentive-report-1280');
  });
});
