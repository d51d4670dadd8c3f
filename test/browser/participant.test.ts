import type { Locator } from 'playwright-core';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff } from '../support/app';

/**
 * Checks a radio or checkbox found by its role and name. USWDS draws the box on the label and
 * moves the input off screen, so a person (and this helper) clicks the label.
 */
async function choose(control: Locator): Promise<void> {
  if (await control.isChecked()) return;
  const id = await control.getAttribute('id');
  await control.page().locator(`label[for="${id}"]`).click();
  expect(await control.isChecked()).toBe(true);
}

describeInBrowser('participant pages in the browser', () => {
  const suite = useBrowserApp({ page: true });
  beforeEach(async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'organizer'));
  });

  test('an organizer adds a participant met at an event, then records a phone call', async () => {
    const { ctx, page } = suite;
    await page.goto(`${ctx.baseUrl}/staff/participants/new`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Add a participant');
    await expectNoAxeViolations(page);

    // Nothing filled in: the error summary, and the page still passes axe.
    await page.getByRole('button', { name: 'Add participant' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('Choose how you met them');
    expect(await summary.textContent()).toContain('Confirm that they agreed to the consent text');
    await expectNoAxeViolations(page);
    await screenshot(page, 'participant-new-errors');

    await page.getByLabel('First name').fill('Lupe');
    await page.getByLabel('Last name').fill('Ortiz');
    await page.getByLabel('Phone number').fill('213 555 0199');
    await choose(page.getByRole('radio', { name: 'Phone call' }));
    await page.getByLabel('Which language do you prefer?').selectOption('es');
    await page.getByLabel('ZIP code').fill('90033');
    await choose(page.getByRole('radio', { name: 'Never' }));
    await choose(page.getByRole('radio', { name: 'In person' }));
    await choose(page.getByRole('radio', { name: 'Event' }));
    await choose(page.getByRole('checkbox', { name: /recording their consent on their behalf/ }));
    await page.getByLabel('Language in which they gave consent').selectOption('es');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.waitForURL(/\/staff\/participants\/\d+$/);

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lupe Ortiz');
    expect(await page.getByRole('status').first().textContent()).toContain('Participant added');
    const consent = page.getByRole('region', { name: 'Consent history' });
    expect(await consent.getByRole('row').nth(1).textContent()).toMatch(
      /Gave consent[\s\S]*Spanish[\s\S]*Event[\s\S]*Organizer/,
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'participant-show');

    // A phone call: they did not pick up, a message was left.
    await choose(page.getByRole('radio', { name: 'Phone call' }));
    await choose(page.getByRole('radio', { name: 'Left a message' }));
    await page.getByLabel('Note').fill('Prefers calls after 5 pm');
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.waitForURL(/\/staff\/participants\/\d+#contact-log$/);
    expect(await page.getByRole('status').first().textContent()).toContain('Contact recorded.');
    const log = page.getByRole('region', { name: 'Contact log' });
    const row = await log.getByRole('row').nth(1).textContent();
    expect(row).toContain('Phone call');
    expect(row).toContain('Left a message');
    expect(row).toContain('Prefers calls after 5 pm');
    expect(await page.getByText('Last contacted').count()).toBe(1);
    expect(await page.locator('dt:has-text("Last contacted") + dd').textContent()).not.toBe(
      'Never',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'participant-show-contacted');

    // A wrong choice in the status form: the error summary on the participant page.
    await choose(page.getByRole('radio', { name: 'Paused' }));
    await page.getByRole('button', { name: 'Change status' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Choose how long to pause contact',
    );
    await expectNoAxeViolations(page);
    await page.getByLabel('If paused, for how long').selectOption('3');
    await page.getByRole('button', { name: 'Change status' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Status changed to Paused',
    );

    // Edit: empty and with errors.
    await page.getByRole('link', { name: 'Edit details' }).click();
    expect(await page.getByLabel('First name').inputValue()).toBe('Lupe');
    await expectNoAxeViolations(page);
    await screenshot(page, 'participant-edit');
    await page.getByLabel('First name').fill('');
    await page.getByLabel('ZIP code').fill('9003');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByLabel('ZIP code').inputValue()).toBe('9003');
    await expectNoAxeViolations(page);
    await screenshot(page, 'participant-edit-errors');
    await page.getByLabel('First name').fill('Guadalupe');
    await page.getByLabel('ZIP code').fill('90033');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Guadalupe Ortiz');

    // Delete, in two steps.
    await page.getByRole('link', { name: "Delete this person's information" }).click();
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Yes, delete their information' }).click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(
      /^Deleted participant [\w-]+$/,
    );
    expect(await page.content()).not.toContain('Ortiz');
    await expectNoAxeViolations(page);
  });

  test('the paper form in Korean, on screen and as printed', async () => {
    const { ctx, page } = suite;
    await page.goto(`${ctx.baseUrl}/staff/participants/new`);
    await page.getByRole('link', { name: '한국어' }).click();
    await page.waitForURL(/paper-form\?lang=ko$/);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Civic Panel 가입 신청서',
    );
    await expectNoAxeViolations(page);
    await screenshot(page, 'paper-form-ko');

    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: 'Paper form' }).isVisible()).toBe(false);
    await screenshot(page, 'paper-form-ko-print');

    await page.goto(`${ctx.baseUrl}/staff/participants/paper-form?lang=hy`);
    expect(await page.getAttribute('html', 'lang')).toBe('hy');
    await expectNoAxeViolations(page);
    await screenshot(page, 'paper-form-hy-print');
  });
});
