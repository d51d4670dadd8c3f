import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { createStaff } from '../support/app';

const CSV =
  '\uFEFFFirst name,Last name,Email,Phone,Language,ZIP\r\n' +
  'Ana,García,ana@example.com,213-555-0101,Spanish,90012\r\n' +
  'Bo,Lee,bo@example,,en,90013\r\n' +
  'Cy,Park,,(310) 555-0199,Korean,90018\r\n';

describeInBrowser('CSV import in the browser', () => {
  const suite = useBrowserApp({ page: true });

  test('an organizer uploads, maps, previews and imports a small file', async () => {
    const { ctx, page } = suite;
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'organizer'));

    await page.goto(`${ctx.baseUrl}/staff/participants/import`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'import-1-upload');
    await page.getByLabel('CSV file').setInputFiles({
      name: 'sign-ups.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await page.getByRole('button', { name: 'Upload and continue' }).click();

    await page.waitForURL(/\/map$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Match the columns');
    expect(await page.getByLabel('First name').inputValue()).toBe('0');
    expect(await page.getByLabel('ZIP code').inputValue()).toBe('5');
    await expectNoAxeViolations(page);
    await screenshot(page, 'import-2-map');
    await page.getByRole('button', { name: 'Continue to preview' }).click();

    await page.waitForURL(/\/preview$/);
    const report = await page.getByRole('region', { name: 'Report' }).textContent();
    expect(report).toContain('Enter an email address');
    await expectNoAxeViolations(page);
    await screenshot(page, 'import-3-preview');

    // Without the consent details: the error summary, and the choices kept.
    await page.getByRole('button', { name: /^Import 2 rows$/ }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await expectNoAxeViolations(page);
    await screenshot(page, 'import-4-preview-errors');

    await page.getByLabel('How was consent collected?').selectOption('paper');
    await page
      .getByLabel('Where does the consent come from?')
      .fill('Paper sign-up forms, Van Nuys');
    // USWDS hides the box itself and styles the label: click the label, as a person does.
    await page.getByText('Every person in this file agreed').click();
    await page.getByRole('button', { name: /^Import 2 rows$/ }).click();

    await page.waitForURL(/\/staff\/participants\/imports\/\d+$/);
    expect(await page.getByRole('status').first().textContent()).toContain('The import is done.');
    const facts = await page.locator('.cp-facts').textContent();
    expect(facts).toMatch(/Added\s*2/);
    expect(facts).toMatch(/Not imported \(problems\)\s*1/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'import-5-done');
  });
});
