import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { createStaff } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';

/** USWDS draws radios and checkboxes on the label: a person (and this helper) clicks the label. */
async function choose(control: Locator): Promise<void> {
  if (await control.isChecked()) return;
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(true);
}

const SHOTS = '/work/tmp';
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/studies-${name}.png`, fullPage: true });
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describeInBrowser('studies in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer creates a study and two sessions, one in Spanish', async () => {
    const { ctx, page } = suite;
    const facilitator = await createStaff(ctx, 'facilitator');
    const noteTaker = await createStaff(ctx, 'analyst');
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'organizer'));
    const facilitatorName = `Facilitator ${facilitator.email.match(/\d+/)![0]}`;
    const noteTakerName = `Analyst ${noteTaker.email.match(/\d+/)![0]}`;

    // The list, empty.
    await page
      .getByRole('navigation', { name: 'Staff' })
      .getByRole('link', { name: 'Studies' })
      .click();
    expect(await heading(page)).toBe('Studies');
    await expectNoAxeViolations(page);
    await shot(page, 'list-empty');

    // New study: empty, then with errors.
    await page.getByRole('link', { name: 'New study' }).click();
    expect(await heading(page)).toBe('New study');
    await expectNoAxeViolations(page);
    await page.getByLabel('Reminders, in hours before each session').fill('48, 999');
    await page.getByRole('button', { name: 'Create study' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Enter a title for the study');
    expect(await summary.textContent()).toContain('Choose at least one 311 request type');
    expect(await summary.textContent()).toContain('whole hours between 1 and 336');
    expect(await page.getByLabel('Reminders, in hours before each session').inputValue()).toBe(
      '48, 999',
    );
    await expectNoAxeViolations(page);
    await shot(page, 'new-errors');

    await page.getByLabel('Title').fill('Bulky Item pickup: intake');
    await page
      .getByLabel('Purpose')
      .fill('How residents experience asking for a bulky item pickup.');
    await choose(page.getByRole('checkbox', { name: 'Bulky item pickup' }));
    await choose(page.getByRole('checkbox', { name: /^Intake/ }));
    await page.getByLabel('Target number of participants').fill('24');
    await page.getByLabel('Default incentive, in whole dollars').fill('50');
    await choose(page.getByRole('radio', { name: 'Gift card' }));
    await page.getByLabel('Reminders, in hours before each session').fill('48, 2');
    const group = (name: string) => page.getByRole('group', { name });
    await choose(
      group('Facilitators').getByRole('checkbox', { name: new RegExp(facilitatorName) }),
    );
    await choose(group('Note-takers').getByRole('checkbox', { name: new RegExp(noteTakerName) }));
    await page.getByRole('button', { name: 'Create study' }).click();
    await page.waitForURL(/\/staff\/studies\/\d+$/);
    expect(await heading(page)).toBe('Bulky Item pickup: intake');
    expect(await page.getByRole('status').first().textContent()).toContain('Study created');
    await expectNoAxeViolations(page);
    const studyUrl = page.url();

    // A session, first with errors: a time the clocks skip and an online session without a link.
    await page.getByRole('link', { name: 'Add a session' }).click();
    expect(await heading(page)).toBe('Add a session');
    await page.getByLabel('Starts').fill('2027-03-14T02:30');
    await choose(page.getByRole('radio', { name: 'Online', exact: true }));
    await page.getByRole('button', { name: 'Add session' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const problems = await page.getByRole('alert').textContent();
    expect(problems).toContain('The start does not exist: the clocks go forward an hour');
    expect(problems).toContain('Enter the video link');
    expect(await page.getByLabel('Starts').inputValue()).toBe('2027-03-14T02:30');
    await expectNoAxeViolations(page);
    await shot(page, 'session-errors');

    // In person, in English, with Spanish interpretation.
    await page.getByLabel('Starts').fill('2027-07-15T18:00');
    await choose(page.getByRole('radio', { name: 'In person', exact: true }));
    await page.getByLabel('Name of the place').fill('Central Library');
    await page.getByLabel('Address').fill('630 W 5th St, Los Angeles, CA 90071');
    await choose(page.getByRole('radio', { name: 'Yes, step-free entrance' }));
    await page.getByLabel('Transit lines').fill('Metro B and D Lines to Pershing Square');
    await page.getByLabel('Language of the session').selectOption('en');
    await choose(group('Interpretation offered').getByRole('checkbox', { name: 'Spanish' }));
    await page.getByLabel('Capacity (seats)').fill('8');
    await page.getByLabel('Extra seats for expected no-shows').fill('2');
    await page.getByLabel('Registration deadline').fill('2027-07-13T12:00');
    await page.getByLabel(/^Facilitator/).selectOption({ label: facilitatorName });
    await page.getByLabel('Note-taker').selectOption({ label: noteTakerName });
    await page.getByRole('button', { name: 'Add session' }).click();
    await page.waitForURL(/\/sessions\/\d+$/);
    expect(await heading(page)).toBe('Session on Thu, Jul 15, 2027, 6:00 PM PDT');
    await expectNoAxeViolations(page);
    await shot(page, 'session');

    // Online, in Spanish, in winter.
    await page.goto(studyUrl);
    await page.getByRole('link', { name: 'Add a session' }).click();
    await page.getByLabel('Starts').fill('2027-01-20T18:30');
    await page.getByLabel('Duration in minutes').fill('60');
    await choose(page.getByRole('radio', { name: 'Online', exact: true }));
    await page.getByLabel('Video link').fill('https://meet.example.com/bulky-es');
    await page.getByLabel('Language of the session').selectOption('es');
    await page.getByLabel('Capacity (seats)').fill('10');
    await page.getByLabel('Registration deadline').fill('2027-01-18T17:00');
    await page.getByLabel(/^Facilitator/).selectOption({ label: facilitatorName });
    await page.getByRole('button', { name: 'Add session' }).click();
    await page.waitForURL(/\/sessions\/\d+$/);
    expect(await heading(page)).toBe('Session on Wed, Jan 20, 2027, 6:30 PM PST');

    // The study page lists both, in time order, at 1280 px and at 375 px.
    await page.goto(studyUrl);
    const rows = page.getByRole('region', { name: 'Sessions' }).getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).textContent()).toMatch(
      /Jan 20, 2027, 6:30 PM PST[\s\S]*Online[\s\S]*Spanish/,
    );
    expect(await rows.nth(2).textContent()).toMatch(
      /Jul 15, 2027, 6:00 PM PDT[\s\S]*In person[\s\S]*English, interpretation: Spanish/,
    );
    await expectNoAxeViolations(page);
    await shot(page, 'study');
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoAxeViolations(page);
    await shot(page, 'study-375');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Start recruiting: the list shows it under its status, with its count.
    await page.getByRole('button', { name: 'Start recruiting' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('now recruiting');
    await page.goto(`${ctx.baseUrl}/staff/studies?status=recruiting`);
    expect(await page.getByRole('link', { name: /Recruiting \(1\)/ }).count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Studies' }).textContent()).toContain(
      'Bulky Item pickup: intake',
    );
    await expectNoAxeViolations(page);
    await shot(page, 'list');
  });
});
