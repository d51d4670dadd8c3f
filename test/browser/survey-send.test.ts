import { createStaff, deliverMail, signedIn } from '../support/app';
import { expectNoAxeViolations, screenshot } from '../support/browser';
import { describeInBrowser, signInAs, useBrowserApp } from '../support/browser-suite';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

describeInBrowser('sending a survey and reading its responses', () => {
  const suite = useBrowserApp({ smtp: true, page: { viewport: { width: 1280, height: 900 } } });

  test('an organizer sends an open survey to a study’s attendees and to a pool filter; the resident’s email holds their /s/ link in Spanish; the response reads with its states', async () => {
    const { ctx, page, smtp } = suite;
    const who = await createStaff(ctx, 'organizer');
    const agent = await signedIn(ctx, who);
    const studyId = await createStudy(agent, studyForm({ organizer: who.id }));
    const sessionId = await addSession(agent, studyId, sessionForm());
    const people: Record<string, number> = {};
    for (const [name, row] of [
      ['Ana', { email: 'ana@example.com', language: 'es' }],
      ['Min', { email: 'min@example.com', language: 'ko' }],
      ['Pat', { phone: '+12135550101' }],
    ] as const) {
      people[name] = await addPerson(ctx.db, { first_name: name, last_name: 'Tester', ...row });
      await ctx.db
        .insertInto('registrations')
        .values({
          session_id: sessionId,
          participant_id: people[name],
          status: 'attended',
          channel: 'web',
          created_at: '2027-07-01T00:00:00.000Z',
          updated_at: '2027-07-01T00:00:00.000Z',
        })
        .execute();
    }
    people.Kim = await addPerson(ctx.db, {
      first_name: 'Kim',
      last_name: 'Tester',
      email: 'kim@example.com',
      language: 'ko',
    });
    const survey = await createSurvey(ctx.db, sampleSurveySpec({ studyId }));

    await signInAs(page, ctx.baseUrl, who);
    const sendUrl = `${ctx.baseUrl}/staff/surveys/${survey.surveyId}/send`;
    await page.goto(sendUrl);
    await page.getByRole('heading', { level: 1, name: /^Send personal links/ }).waitFor();
    await expectNoAxeViolations(page);

    // No study chosen: the summary, and the field marked.
    await page.getByLabel('Study', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Preview who gets it' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('Choose a study');
    expect(await page.getByLabel('Study', { exact: true }).inputValue()).toBe('');
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-send-errors');

    // The survey's own study and its attendees are preselected.
    await page.goto(sendUrl);
    await page.getByRole('button', { name: 'Preview who gets it' }).click();
    await page.getByRole('heading', { name: 'Preview — nothing has been sent' }).waitFor();
    expect(await page.locator('#preview-counts').textContent()).toMatch(/2\s*will get an email/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-send-preview');
    await page.getByRole('button', { name: 'Send to 3 people' }).click();
    await page.waitForURL(/\/send#sent$/);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Sent by email to 2 people; 1 person added to the survey’s call list.',
    );
    await expectNoAxeViolations(page);

    // A pool filter: Korean speakers; Min already has it, Kim is new.
    await page.locator('label[for="audience-1"]').click();
    await page.locator('#filters > summary').click();
    await page
      .getByRole('group', { name: 'Preferred language' })
      .locator('label', { hasText: /^Korean$/ })
      .click();
    await page.getByRole('button', { name: 'Preview who gets it' }).click();
    await page.getByRole('heading', { name: 'Preview — nothing has been sent' }).waitFor();
    expect(await page.locator('#preview-counts').textContent()).toMatch(
      /1\s*already had this survey/,
    );
    await page.getByRole('button', { name: 'Send to 1 person' }).click();
    await page.waitForURL(/\/send#sent$/);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Sent by email to 1 person; 0 people added to the survey’s call list; 1 person already had it and were skipped.',
    );

    // The call list: Pat, with the link to enter the answers.
    await page.getByRole('link', { name: 'survey’s call list' }).click();
    await page.getByRole('heading', { level: 1, name: /^Call list:/ }).waitFor();
    expect(
      await page.getByRole('link', { name: 'Enter Pat Tester’s answers' }).getAttribute('href'),
    ).toBe(`/staff/surveys/${survey.surveyId}/entry?participant=${people.Pat}`);
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-call-list');

    // The emails: each in the person's language, with their own /s/ link.
    await deliverMail(ctx, smtp);
    const ana = smtp.messages.find((m) => m.to.includes('ana@example.com'))!;
    expect(ana.subject).toBe(
      'Una encuesta breve de la Oficina de Participación Comunitaria: Su experiencia con el 311',
    );
    expect(ana.text).toMatch(new RegExp(`${ctx.baseUrl}/s/[A-Za-z0-9_-]{43}`));
    expect(ana.text).toContain('Responder la encuesta');
    const kim = smtp.messages.find((m) => m.to.includes('kim@example.com'))!;
    expect(kim.text).toContain('설문조사에 답하기');
    expect(kim.text).toMatch(/\/s\/[A-Za-z0-9_-]{43}/);

    // Ana's response, as the respondent pages store it; the staff view shows it with its states.
    const responseId = await insertResponse(ctx.db, {
      ...survey,
      participantId: people.Ana,
      language: 'es',
      answers: SAMPLE_ANSWERS,
    });
    await page.goto(`${ctx.baseUrl}/staff/surveys/${survey.surveyId}/responses`);
    await page.getByRole('heading', { level: 1, name: /^Responses:/ }).waitFor();
    expect(await page.locator('#counts').textContent()).toMatch(/Submitted:\s*1/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-responses');
    await page.getByRole('link', { name: `Respondent R${responseId}` }).click();
    await page.getByRole('heading', { level: 1, name: `Respondent R${responseId}` }).waitFor();
    const ease = await page.locator('#q-ease').textContent();
    expect(ease).toContain('Fue fácil reportar mi problema.');
    expect(ease).toContain('Prefer not to say');
    expect(await page.locator('#q-barrier').textContent()).toContain('Not shown (condition)');
    expect(await page.locator('#q-nps').textContent()).toContain('Skipped');
    expect(await page.locator('#q-channels').textContent()).toContain('Not selected');
    expect(await page.locator('#q-use').textContent()).toContain('A menudo');
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-response');
  });
});
