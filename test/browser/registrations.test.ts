import { createStaff, signedIn } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

describeInBrowser('registrations on the session page', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer registers people by phone until the session is full, then cancels a seat and the first waitlisted person gets it', async () => {
    const { ctx, page } = suite;
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn(ctx, who);
    const studyId = await createStudy(agent, studyForm({ organizer: who.id }));
    const sessionId = await addSession(
      agent,
      studyId,
      sessionForm({ capacity: '1', extraSeats: '0' }),
    );
    const ana = await addPerson(ctx.db, {
      first_name: 'Ana',
      last_name: 'Reyes',
      email: 'ana@example.com',
      language: 'es',
    });
    await addPerson(ctx.db, { first_name: 'Bo', last_name: 'Kim', email: 'bo@example.com' });

    await signInAs(page, ctx.baseUrl, who);
    await page.goto(`${ctx.baseUrl}/staff/studies/${studyId}/sessions/${sessionId}`);
    expect(await page.getByText('No one is registered yet.').count()).toBe(1);
    await expectNoAxeViolations(page);

    // Nothing typed: the summary, and the field says what to do.
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Enter the participant id or email address of the person to register',
    );
    await expectNoAxeViolations(page);

    const field = page.getByLabel('Participant id or email address');
    await field.fill(String(ana));
    await page.getByLabel(/Accommodations for this session/).fill('Spanish interpretation');
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Ana Reyes has a confirmed seat.',
    );
    await page.getByLabel('Participant id or email address').fill('bo@example.com');
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Bo Kim is on the waitlist',
    );
    const waitlist = page.getByRole('region', { name: 'Waitlist' });
    expect(await waitlist.getByRole('link', { name: 'Bo Kim' }).count()).toBe(1);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: "Cancel Ana Reyes's registration" }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'The first person on the waitlist now has the seat.',
    );
    const confirmed = page.getByRole('region', { name: 'Confirmed' });
    expect(await confirmed.getByRole('link', { name: 'Bo Kim' }).count()).toBe(1);
    expect(await page.getByText('No one is waiting.').count()).toBe(1);
    await expectNoAxeViolations(page);
  });
});
