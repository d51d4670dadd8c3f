import request from 'supertest';
import { buildTestApp, csrfFrom, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { createSurvey, sampleSurveySpec } from '../support/surveys';
import { addSurveyLink } from '../../src/surveys/survey-links';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

/** A recipient row and their personal link. */
async function linkFor(surveyId: number, participantId: number): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('survey_recipients')
      .values({
        survey_id: surveyId,
        participant_id: participantId,
        sent_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return addSurveyLink(trx, { id, participant_id: participantId }, ctx.clock.now());
  });
}

let n = 0;
async function personalAgent(spec = sampleSurveySpec(), person: Record<string, unknown> = {}) {
  const { surveyId } = await createSurvey(ctx.db, spec);
  const pid = await addPerson(ctx.db, {
    email: `r${++n}@example.com`,
    language: 'es',
    council_district: 4,
    myla311_use: 'few',
    ...person,
  });
  const link = await linkFor(surveyId, pid);
  const agent = request.agent(ctx.app);
  const res = await agent.get(link);
  return { agent, res, surveyId, pid, link };
}

async function post(
  agent: ReturnType<typeof request.agent>,
  url: string,
  fields: Record<string, string | string[]>,
) {
  const page = await agent.get(url);
  return agent
    .post(url)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

test('a personal link opens the response in the person’s language, and the pages lead to one submitted response', async () => {
  const { agent, res, surveyId, link } = await personalAgent();
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/s\/r\/\d+$/);
  expect(res.headers.location).not.toContain(link.slice(3));
  const base = res.headers.location;
  const first = await agent.get(base);
  expect(first.status).toBe(303);
  const p1 = await agent.get(first.headers.location);
  expect(p1.status).toBe(200);
  expect(p1.text).toContain('lang="es"');
  expect(p1.text).toContain('Página 1 de 2');
  const bad = await post(agent, `${base}/p/1`, { q_channels: 'forged' });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('Error:');
  const ok = await post(agent, `${base}/p/1`, {
    q_use: 'often',
    q_channels: ['app', 'other'],
    q_channels__other: 'Correo',
  });
  expect(ok.status).toBe(303);
  expect(ok.headers.location).toBe(`${base}/p/2`);
  const p2 = await post(agent, `${base}/p/2`, { q_ease: '4', q_nps: '9' });
  expect(p2.headers.location).toBe(`${base}/review`);
  const review = await agent.get(`${base}/review`);
  expect(review.status).toBe(200);
  expect(review.text).toContain('Correo');
  const key = /name="submission" value="([^"]+)"/.exec(review.text)![1];
  const token = csrfFrom(review.text);
  const [a, b] = await Promise.all([
    agent.post(`${base}/submit`).type('form').send({ _csrf: token, submission: key }),
    agent.post(`${base}/submit`).type('form').send({ _csrf: token, submission: key }),
  ]);
  expect(a.headers.location).toBe(`${base}/done`);
  expect(b.headers.location).toBe(`${base}/done`);
  const done = await agent.get(`${base}/done`);
  expect(done.text).toContain('¡Gracias!');
  const rows = await ctx.db
    .selectFrom('survey_responses')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    status: 'submitted',
    language: 'es',
    council_district: 4,
    myla311_use: 'few',
  });
  const barrier = await ctx.db
    .selectFrom('survey_answers')
    .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
    .select(['survey_answers.state'])
    .where('response_id', '=', rows[0].id)
    .where('survey_questions.code', '=', 'barrier')
    .executeTakeFirstOrThrow();
  expect(barrier.state).toBe('not_shown');
  const recipient = await ctx.db
    .selectFrom('survey_recipients')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  expect(recipient.responded_at).not.toBeNull();
});
