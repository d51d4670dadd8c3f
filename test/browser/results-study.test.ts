import { createStaff } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { AFTER, buildStudyFixture, FIGURES } from '../support/study-report';

describeInBrowser('the study report and its report-back', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer reads the report, writes "what we heard" in two languages and sends it', async () => {
    const { ctx, page } = suite;
    ctx.clock.set(AFTER);
    const { studyId } = await buildStudyFixture(ctx.db);
    const org = await createStaff(ctx, 'organizer');
    await signInAs(page, ctx.baseUrl, org);

    await page.goto(`${ctx.baseUrl}/staff/results/studies/${studyId}`);
    await page.getByRole('heading', { name: 'Recruitment funnel' }).waitFor();
    expect(await page.getByRole('img', { name: /Recruitment funnel of/ }).count()).toBe(1);
    const attended = page.locator('td[data-step="attended"]');
    expect(await attended.textContent()).toBe(String(FIGURES.attended));
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-study-report');

    await page.getByRole('link', { name: /Send “what we heard”/ }).click();
    await page.getByRole('heading', { name: /What we heard/ }).waitFor();
    await expectNoAxeViolations(page);
    const english = page.getByLabel('Message in English');
    const spanish = page.getByLabel('Message in Spanish');
    expect(await english.inputValue()).toContain('People who took part: 11.');
    await english.fill('Thank you. We heard that waiting on the phone is too long.');
    await spanish.fill('');
    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.getByRole('heading', { name: 'Preview: what we heard' }).waitFor();
    expect(await page.getByText('No message yet in: Spanish').count()).toBe(1);

    // Sending without a Spanish message: the error summary, and nothing sent.
    await page.locator('label[for="confirm"]').click();
    await page.getByRole('button', { name: 'Send the report-back' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.title()).toMatch(/^Error:/);
    expect(await page.locator('.cp-error-summary').textContent()).toContain('Missing: Spanish');
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-report-back-error');

    await page.getByRole('link', { name: 'Change the message' }).click();
    await page
      .getByLabel('Message in Spanish')
      .fill('Gracias. Escuchamos que la espera al teléfono es demasiado larga.');
    await page.getByRole('button', { name: 'Save and preview' }).click();
    await page.getByRole('heading', { name: 'Preview: what we heard' }).waitFor();
    expect(await page.getByText('Lo que escuchamos: gracias por participar').count()).toBe(1);
    await expectNoAxeViolations(page);
    await screenshot(page, 'results-report-back-preview');
    await page.locator('label[for="confirm"]').click();
    await page.getByRole('button', { name: 'Send the report-back' }).click();
    await page.getByText(/Report-back sent: 9 emails queued/).waitFor();
    await expectNoAxeViolations(page);

    const sent = await ctx.db
      .selectFrom('outbox')
      .select(['language'])
      .where('template', '=', 'report-back')
      .execute();
    expect(sent.filter((m) => m.language === 'es')).toHaveLength(FIGURES.es);
    expect(sent.filter((m) => m.language === 'en')).toHaveLength(FIGURES.en);
  });

  test('a study with nothing yet: the report and report-back pages say so, accessibly', async () => {
    const { ctx, page } = suite;
    const study = await ctx.db
      .insertInto('studies')
      .values({
        title: 'An empty study',
        purpose: 'Nothing has happened yet.',
        target_participants: 8,
        incentive_cents: 0,
        incentive_kind: 'gift_card',
        reminder_offsets: '[48]',
        status: 'draft',
        created_by: null,
        created_at: AFTER.toISOString(),
        updated_at: AFTER.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const org = await createStaff(ctx, 'organizer');
    await signInAs(page, ctx.baseUrl, org);
    await page.goto(`${ctx.baseUrl}/staff/results/studies/${study.id}`);
    expect(await page.getByText('No sample was drawn for this study').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.goto(`${ctx.baseUrl}/staff/results/studies/${study.id}/report-back`);
    expect(await page.getByText('No one who attended').count()).toBe(1);
    await expectNoAxeViolations(page);
  });
});
