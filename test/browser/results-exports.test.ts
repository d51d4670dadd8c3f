import fs from 'node:fs';
import { createStaff } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { records, unzipped } from '../support/exports';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey } from '../support/surveys';

describeInBrowser('the exports page', () => {
  const suite = useBrowserApp({
    page: { viewport: { width: 1280, height: 900 }, acceptDownloads: true },
  });

  test('an analyst chooses the Spanish responses of a survey, downloads the wide CSV with Spanish labels, then the bundle', async () => {
    const { ctx, page } = suite;
    const survey = await createSurvey(ctx.db);
    await insertResponse(ctx.db, { ...survey, answers: SAMPLE_ANSWERS });
    await insertResponse(ctx.db, { ...survey, language: 'es', answers: SAMPLE_ANSWERS });
    await signInAs(page, ctx.baseUrl, await createStaff(ctx, 'analyst'));
    await page.goto(`${ctx.baseUrl}/staff/results/exports`);
    await page.getByRole('heading', { level: 1, name: 'Exports' }).waitFor();
    await expectNoAxeViolations(page);

    // No survey chosen: the summary, the field marked, the choices kept.
    await page.getByLabel('Export', { exact: true }).selectOption('responses-wide');
    await page.getByRole('button', { name: 'Download' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Choose a survey');
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.getByLabel('Export', { exact: true }).inputValue()).toBe('responses-wide');
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-exports-errors');

    await page.getByLabel('Survey', { exact: true }).selectOption(String(survey.surveyId));
    await page.getByLabel('Values').selectOption('es');
    await page.getByLabel('Language of the response').selectOption('es');
    await page.getByText('Analysis: R, pandas').click();
    const [wide] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(wide.suggestedFilename()).toMatch(/^survey-\d+-responses-wide-.*\.csv$/);
    const rows = records(fs.readFileSync(await wide.path()));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ language: 'es', use: 'A menudo', channels__phone: '0' });

    await page.getByLabel('Export', { exact: true }).selectOption('bundle');
    const [bundle] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    const zip = unzipped(fs.readFileSync(await bundle.path()));
    expect(zip.names[2]).toBe('README.txt');
    expect(zip.read('README.txt').toString('utf8')).toContain('Rows in the data file: 1');
    await screenshot(page, 'results-exports');
  });
});
