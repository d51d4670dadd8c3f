import request from 'supertest';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

/*
 * The staff view of responses: counts, the list, one response's answers with their states; and
 * the access/PII rule: analysts never see a name, an email or a phone on these pages.
 */

type Agent = ReturnType<typeof request.agent>;
let ctx: TestContext;
const as: Record<string, Agent> = {};
let survey: { surveyId: number; versionId: number };
let anonymous: { surveyId: number; versionId: number };
let rosa: number;
let responseId: number;
let inProgress: number;
let phoneEntry: number;
let staffName: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  for (const role of ['organizer', 'analyst', 'facilitator', 'admin'] as const) {
    const who = await createStaff(ctx, role);
    if (role === 'organizer')
      staffName = (
        await ctx.db
          .selectFrom('staff_users')
          .select('name')
          .where('id', '=', who.id)
          .executeTakeFirstOrThrow()
      ).name;
    as[role] = await signedIn(ctx, who);
  }
  const organizerId = (
    await ctx.db
      .selectFrom('staff_users')
      .select('id')
      .where('role', '=', 'organizer')
      .executeTakeFirstOrThrow()
  ).id;
  rosa = await addPerson(ctx.db, {
    first_name: 'Rosa',
    last_name: 'Quintero',
    email: 'rosa.quintero@example.com',
    phone: '+12135550199',
    language: 'es',
  });
  const pat = await addPerson(ctx.db, { first_name: 'Patricio', phone: '+12135550142' });
  survey = await createSurvey(ctx.db, sampleSurveySpec());
  anonymous = await createSurvey(ctx.db, sampleSurveySpec({ anonymous: true, title: 'Anon' }));
  responseId = await insertResponse(ctx.db, {
    ...survey,
    participantId: rosa,
    language: 'es',
    answers: SAMPLE_ANSWERS,
  });
  inProgress = await insertResponse(ctx.db, {
    ...survey,
    participantId: null,
    status: 'in_progress',
    at: '2027-06-03T18:00:00.000Z',
    answers: [{ code: 'use', state: 'answered', value: 'never' }],
  });
  phoneEntry = await insertResponse(ctx.db, {
    ...survey,
    participantId: pat,
    channel: 'phone',
    enteredBy: organizerId,
    at: '2027-06-04T18:00:00.000Z',
    answers: [{ code: 'use', state: 'answered', value: 'never' }],
  });
  await ctx.db
    .insertInto('survey_recipients')
    .values({
      survey_id: survey.surveyId,
      participant_id: rosa,
      sent_at: '2027-06-01T18:00:00.000Z',
      sent_by: null,
      responded_at: '2027-06-02T18:00:00.000Z',
    })
    .execute();
  await insertResponse(ctx.db, { ...anonymous, language: 'en', answers: SAMPLE_ANSWERS });
});
afterAll(() => ctx.close());

const list = (who: string, id = survey.surveyId) => as[who].get(`/staff/surveys/${id}/responses`);
const one = (who: string, id = responseId) =>
  as[who].get(`/staff/surveys/${survey.surveyId}/responses/${id}`);
const plain = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test('counts: sent, started, submitted, by channel and language', async () => {
  const res = await list('organizer');
  expect(res.status).toBe(200);
  const text = plain(res.text);
  expect(text).toContain('Sent (personal links): 1 , of whom 1 responded');
  expect(text).toContain('Started: 3');
  expect(text).toContain('Submitted: 2');
  expect(text).toMatch(/Online 2 1/);
  expect(text).toMatch(/Phone interview 1 1/);
  expect(text).toMatch(/Spanish 1 1/);
});

test('the list: status, language, channel, who entered it, version, times in city time', async () => {
  const text = plain((await list('organizer')).text);
  expect(text).toContain(`Respondent R${phoneEntry}`);
  expect(text).toContain(staffName);
  expect(text).toContain('In progress');
  // 2027-06-02T18:00Z is 11:00 AM in Los Angeles (PDT).
  expect(text).toContain('Wed, Jun 2, 2027, 11:00 AM PDT');
  expect(text).toContain(`Respondent R${inProgress}`);
});

test('organizers see the participant of an identified survey, linked to their page', async () => {
  const res = await list('organizer');
  expect(res.text).toContain(`href="/staff/participants/${rosa}"`);
  expect(res.text).toContain('Rosa Quintero');
  const page = await one('organizer');
  expect(page.text).toContain('Rosa Quintero');
});

test('one response: every question of its version, labels in its language, codes, the states', async () => {
  const res = await one('organizer');
  expect(res.status).toBe(200);
  const text = plain(res.text);
  expect(text).toContain('¿Ha usado el 311?');
  expect(text).toContain('A menudo ( often )');
  expect(text).toContain('Aplicación ( app ): Selected');
  expect(text).toContain('Teléfono ( phone ): Not selected');
  expect(text).toContain('Other: A kiosk');
  expect(text).toContain('Fue fácil reportar mi problema.');
  expect(text).toContain('Prefer not to say');
  expect(text).toContain('Skipped');
  expect(text).toContain('Not shown (condition)');
  expect(text).toContain('¿Qué le impide usar el 311?');
  // An in-progress response: the questions not reached yet say so.
  expect(plain((await one('organizer', inProgress)).text)).toContain(
    'No answer stored (not reached yet)',
  );
});

test('a response of another survey is not found through this one', async () => {
  const other = await insertResponse(ctx.db, { ...anonymous, answers: [] });
  expect((await one('organizer', other)).status).toBe(404);
});

test('analysts see the responses, never a name, an email or a phone', async () => {
  for (const res of [
    await list('analyst'),
    await one('analyst'),
    await one('analyst', phoneEntry),
  ]) {
    expect(res.status).toBe(200);
    for (const secret of [
      'Rosa',
      'Quintero',
      'rosa.quintero@example.com',
      '5550199',
      'Patricio',
      '5550142',
    ])
      expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain('/staff/participants/');
  }
  expect((await list('analyst')).text).toContain(`Respondent R${responseId}`);
  // No recipients list for analysts (it is names).
  expect((await list('analyst')).text).not.toContain('recipients-heading');
});

test('an anonymous survey shows no one’s name, even to organizers', async () => {
  const res = await list('organizer', anonymous.surveyId);
  expect(res.status).toBe(200);
  expect(res.text).toContain('This survey is anonymous');
});

test('facilitators may not read responses', async () => {
  expect((await list('facilitator')).status).toBe(403);
  expect((await one('facilitator')).status).toBe(403);
});
