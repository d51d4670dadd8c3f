import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { createStaff, csrfFrom, signedIn } from '../support/app';
import { expectNoAxeViolations } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

const SHOTS = '/work/tmp';
async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/invitations-${name}.png`, fullPage: true });
}

describeInBrowser('invitations in the browser', () => {
  const suite = useBrowserApp({ page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer previews a draw, sends it, and registers a phone invitee from the call list', async () => {
    const { ctx, page } = suite;
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn(ctx, who);
    const studyId = await createStudy(
      agent,
      studyForm({ organizer: who.id }, { targetParticipants: '4' }),
    );
    await addSession(agent, studyId, sessionForm());
    const study = await agent.get(`/staff/studies/${studyId}`);
    await agent
      .post(`/staff/studies/${studyId}/status`)
      .type('form')
      .send({ _csrf: csrfFrom(study.text), status: 'recruiting' });
    for (const [first, row, choices] of [
      ['Ana', { email: 'ana@example.com', language: 'es' }, {}],
      ['Ben', { email: 'ben@example.com' }, {}],
      ['Cy', { email: 'cy@example.com', language: 'ko', source: 'import' }, {}],
      ['Pat', { phone: '+12135550101', language: 'es' }, { needs: ['interpreter'] }],
      ['Tex', { email: 'tex@example.com', phone: '+12135550102', contact_preference: 'text' }, {}],
    ] as const)
      await addPerson(ctx.db, { first_name: first, last_name: 'Tester', ...row }, {
        ...choices,
      } as { needs?: string[] });

    await signInAs(page, ctx.baseUrl, who);
    await page.goto(`${ctx.baseUrl}/staff/studies/${studyId}`);
    await page.getByRole('link', { name: 'Draw a sample' }).click();
    await page.getByRole('button', { name: 'Draw sample' }).click();
    await page.getByRole('heading', { name: 'Preview — no one has been contacted' }).waitFor();
    await expectNoAxeViolations(page);
    await shot(page, 'preview');

    await page.getByRole('button', { name: 'Send 5 invitations' }).click();
    await page.waitForURL(new RegExp(`/staff/studies/${studyId}#invitations$`));
    expect(await page.getByRole('status').first().textContent()).toContain(
      '5 invited: 3 by email, 2 to call.',
    );
    const counts = page.getByRole('table', { name: /How the invitations of this study stand/ });
    expect(await counts.getByRole('row', { name: /Invited by email/ }).textContent()).toContain(
      '3',
    );
    await expectNoAxeViolations(page);
    await shot(page, 'study');

    await page.getByRole('link', { name: 'Call list of this study' }).click();
    await page.getByRole('heading', { level: 1, name: /^Call list:/ }).waitFor();
    const list = page.getByRole('list', { name: 'People to call' });
    expect(await list.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Pat Tester',
      'Tex Tester',
    ]);
    expect(await list.getByText('Yes').count()).toBe(1); // Pat needs an interpreter
    await expectNoAxeViolations(page);
    await shot(page, 'call-list');

    // Registering without a session: the summary, and the row's own field marked.
    const tex = page.getByRole('form', { name: 'Register Tex Tester for a session' });
    await tex.getByRole('button', { name: 'Register' }).click();
    expect(await page.getByRole('alert').textContent()).toContain(
      'Choose a session to register them for',
    );
    await expectNoAxeViolations(page);
    await shot(page, 'call-list-error');

    const pat = page.getByRole('form', { name: 'Register Pat Tester for a session' });
    await pat.getByLabel('Session', { exact: true }).selectOption({ index: 1 });
    await pat.getByLabel(/Accommodations for this session/).fill('Spanish interpreter');
    await pat.getByRole('button', { name: 'Register' }).click();
    await page.waitForURL(new RegExp(`/staff/studies/${studyId}/call-list$`));
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Pat Tester has a confirmed seat.',
    );
    expect(await list.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Tex Tester']);
    await list
      .getByRole('group', { name: 'Record the call with Tex Tester' })
      .getByRole('button', { name: 'No answer' })
      .click();
    expect(await page.getByText(/^No answer, /).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 375, height: 800 });
    await expectNoAxeViolations(page);
    await shot(page, 'call-list-375');
  });
});
