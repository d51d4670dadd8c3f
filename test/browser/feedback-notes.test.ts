import type { Page } from 'playwright-core';
import { createStaff, postForm, signedIn } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

// sessionForm's start: 2027-07-15 18:00 PDT; the notes are written during the session.
const DURING = new Date('2027-07-16T01:30:00Z');

/** The id of the focused element. */
const focused = (page: Page) =>
  page.evaluate(() => String((globalThis as any).document.activeElement?.id ?? ''));

/** Moves the keyboard focus with Tab (or Shift+Tab) until the element with this id has it. */
async function tabTo(page: Page, id: string, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if ((await focused(page)) === id) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Chooses an option of the focused select by typing the start of its label, as people do. */
async function typeChoice(page: Page, id: string, typed: string, value: string): Promise<void> {
  await page.keyboard.type(typed);
  expect(await page.locator(`#${id}`).inputValue()).toBe(value);
}

/** Presses a key that submits the form, and waits for the page that answers. */
async function submitWith(page: Page, key: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
}

const flash = (page: Page) => page.getByRole('status').first().textContent();

describeInBrowser('coded notes of a focus-group session', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('a facilitator writes three coded notes with the keyboard, proposes a theme and edits a note', async () => {
    const { ctx, page } = suite;
    ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
    const org = await createStaff(ctx, 'organizer');
    const fac = await createStaff(ctx, 'facilitator');
    const agent = await signedIn(ctx, org);
    const studyId = await createStudy(agent, studyForm({ organizer: org.id, facilitator: fac.id }));
    const sessionId = await addSession(
      agent,
      studyId,
      sessionForm({ facilitatorId: String(fac.id), capacity: '4', extraSeats: '0' }),
    );
    const base = `/staff/studies/${studyId}/sessions/${sessionId}`;
    for (const name of ['Ana', 'Bo', 'Cy'])
      await postForm(agent, base, `${base}/registrations`, {
        participant: String(await addPerson(ctx.db, { first_name: name, last_name: 'Test' })),
      });

    ctx.clock.set(DURING);
    await signInAs(page, ctx.baseUrl, fac);
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'My sessions' })
      .click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Thu, Jul 15, 2027' })
      .getByRole('link', { name: 'Notes' })
      .click();
    await page.getByRole('heading', { name: /^Notes:/, level: 1 }).waitFor();
    expect(await page.getByText('No notes yet.').count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'notes-1280-empty');

    // Saving nothing: the error summary, and the form keeps what was chosen.
    expect(await focused(page)).toBe('body');
    await tabTo(page, 'sentiment', true);
    await typeChoice(page, 'sentiment', 'Pr', 'praise');
    await tabTo(page, 'body');
    await page.keyboard.press('Tab');
    await submitWith(page, 'Enter');
    expect(await page.title()).toMatch(/^Error: /);
    const summary = await page.getByRole('alert').textContent();
    expect(summary).toContain('Choose the service the note is about');
    expect(summary).toContain('Write the note');
    expect(await page.locator('#sentiment').inputValue()).toBe('praise');
    await expectNoAxeViolations(page);
    await screenshot(page, 'notes-1280-errors');

    // Note 1: every code, by the keyboard alone (from the error summary, which has the focus).
    await tabTo(page, 'service');
    await typeChoice(page, 'service', 'Bulky', 'Bulky Items');
    await page.keyboard.press('Tab');
    await typeChoice(page, 'stage', 'In', 'intake');
    await page.keyboard.press('Tab');
    await typeChoice(page, 'driver', 'Ea', 'ease');
    await page.keyboard.press('Tab');
    await typeChoice(page, 'sentiment', 'Pa', 'pain_point');
    await tabTo(page, 'pseudonym');
    await typeChoice(page, 'pseudonym', 'P2', 'P2');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('isQuote');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('body');
    await page.keyboard.type('I gave up on the app when it asked for the item weight.');
    await page.keyboard.press('Tab');
    await submitWith(page, 'Enter');
    expect(await flash(page)).toContain('Note saved.');
    // The text box has the focus again and the codes are the last note's.
    expect(await focused(page)).toBe('body');
    expect(await page.locator('#service').inputValue()).toBe('Bulky Items');
    expect(await page.locator('#stage').inputValue()).toBe('intake');
    expect(await page.locator('#pseudonym').inputValue()).toBe('');
    expect(await page.locator('#isQuote').isChecked()).toBe(false);

    // Note 2: same codes; a new theme proposed, saved with Enter in its box.
    await page.keyboard.type('Nobody knew which items count as bulky.');
    await tabTo(page, 'newTheme', true);
    await page.keyboard.type('Confusing form');
    await submitWith(page, 'Enter');
    expect(await flash(page)).toContain('Note saved.');

    // Note 3: a suggestion about 311 in general, with the theme now on the list; Ctrl+Enter saves.
    await tabTo(page, 'service', true);
    await typeChoice(page, 'service', '311', 'general');
    await tabTo(page, 'sentiment');
    await typeChoice(page, 'sentiment', 'Su', 'suggestion');
    await tabTo(page, 'themes');
    expect(await page.getByLabel('Confusing form (proposed)').isChecked()).toBe(false);
    await page.keyboard.press('Space');
    await tabTo(page, 'body');
    await page.keyboard.type('Text me a photo when the crew has been.');
    await submitWith(page, 'Control+Enter');
    expect(await flash(page)).toContain('Note saved.');

    // The notes, newest first, with their codes.
    const notes = page.locator('.cp-notes__note');
    expect(await notes.count()).toBe(3);
    const first = await notes.nth(0).textContent();
    expect(first).toContain('Text me a photo');
    expect(first).toContain('311 in general');
    expect(first).toContain('Suggestion');
    expect(first).toContain('Themes: Confusing form (proposed)');
    const last = await notes.nth(2).textContent();
    expect(last).toMatch(
      /Service: Bulky item pickup\s*Stage: Intake\s*Driver: Ease\s*Sentiment: Pain point\s*Quote\s*Participant: P2/,
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'notes-1280-three');
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'notes-375-three');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Edit the second note.
    await notes
      .nth(1)
      .getByRole('link', { name: /^Edit note/ })
      .click();
    await page.getByRole('heading', { name: 'Edit note' }).waitFor();
    expect(await page.locator('#body').inputValue()).toBe(
      'Nobody knew which items count as bulky.',
    );
    expect(await page.getByLabel('Confusing form (proposed)').isChecked()).toBe(true);
    await expectNoAxeViolations(page);
    await page.locator('#body').fill('Nobody knew which items count as bulky, or how many.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await flash(page)).toContain('Note updated.');
    expect(await page.locator('.cp-notes__note').nth(1).textContent()).toContain('or how many');

    // Autosave: a draft survives a reload (a crashed tab), and goes once saved.
    await page.locator('#body').fill('Half a thought about the');
    await page.waitForTimeout(600);
    await page.reload();
    expect(await page.locator('#body').inputValue()).toBe('Half a thought about the');
    expect(await page.getByText('Your unsaved draft was restored').count()).toBe(1);
    await page.locator('#body').focus();
    await submitWith(page, 'Control+Enter');
    await page.reload();
    expect(await page.locator('#body').inputValue()).toBe('');

    const stored = await ctx.db
      .selectFrom('session_notes')
      .select(['service', 'stage', 'driver', 'sentiment', 'is_quote', 'pseudonym'])
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      {
        service: 'Bulky Items',
        stage: 'intake',
        driver: 'ease',
        sentiment: 'pain_point',
        is_quote: 1,
        pseudonym: 'P2',
      },
      {
        service: 'Bulky Items',
        stage: 'intake',
        driver: 'ease',
        sentiment: 'pain_point',
        is_quote: 0,
        pseudonym: null,
      },
      {
        service: 'general',
        stage: 'intake',
        driver: 'ease',
        sentiment: 'suggestion',
        is_quote: 0,
        pseudonym: null,
      },
      {
        service: 'general',
        stage: 'intake',
        driver: 'ease',
        sentiment: 'suggestion',
        is_quote: 0,
        pseudonym: null,
      },
    ]);

    // The roster shows who is P1, P2, P3.
    await page.getByRole('link', { name: 'Roster' }).first().click();
    expect(await page.getByText('in notes: P2').count()).toBe(1);
  });

  test('an admin approves, adds, renames and merges themes', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'admin'));
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Themes' })
      .click();
    await page.getByRole('heading', { name: 'Themes', level: 1 }).waitFor();
    await expectNoAxeViolations(page);

    // The name is taken, whatever its case.
    await page.getByLabel('Name', { exact: true }).fill('  confusing   FORM ');
    await page.getByRole('button', { name: 'Add theme' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain('already exists');
    await expectNoAxeViolations(page);

    await page.getByLabel('Name', { exact: true }).fill('Forms ask too much');
    await page.getByRole('button', { name: 'Add theme' }).click();
    expect(await flash(page)).toContain('Theme “Forms ask too much” added.');
    await page.getByRole('button', { name: 'Approve Confusing form' }).click();
    expect(await flash(page)).toContain('“Confusing form” is now on the list.');
    await page.getByLabel('New name for Forms ask too much').fill('The form asks too much');
    await page.getByRole('button', { name: 'Rename Forms ask too much' }).click();
    expect(await flash(page)).toContain('Theme renamed to “The form asks too much”.');

    await page.getByLabel('Merge this theme').selectOption({ label: 'Confusing form' });
    await page.getByLabel('Into this theme').selectOption({ label: 'The form asks too much' });
    await page.getByRole('button', { name: 'Merge' }).click();
    expect(await flash(page)).toContain(
      '“Confusing form” merged into “The form asks too much”: 2 notes now carry “The form asks too much”.',
    );
    expect(await page.getByRole('rowheader', { name: 'Confusing form' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'themes-1280');

    const tags = await ctx.db
      .selectFrom('session_note_themes as nt')
      .innerJoin('themes as t', 't.id', 'nt.theme_id')
      .select(['nt.note_id', 't.name'])
      .orderBy('nt.note_id')
      .execute();
    expect(tags.map((t) => t.name)).toEqual(['The form asks too much', 'The form asks too much']);
  });
});
