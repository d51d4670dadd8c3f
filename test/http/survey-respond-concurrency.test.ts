import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { csrfFrom, serveTestApp } from '../support/app';
import { addPerson } from '../support/db';
import { createSurvey, surveyLinkFor } from '../support/surveys';

/**
 * QUALITY reliability 3 through the respondent pages: 20 submits of the same response at the same
 * moment, as real HTTP requests to a listening server on a file database (WAL, as in
 * production), record one response with one set of answers, and every one of them is answered
 * with the same thank-you page. Also 20 different people submitting at once: 20 responses.
 */
let dir: string;
let ctx: Awaited<ReturnType<typeof serveTestApp>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-survey-submit-'));
  ctx = await serveTestApp({ databasePath: path.join(dir, 'civic-panel.sqlite') });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function answered(surveyId: number) {
  const person = await addPerson(ctx.db, { email: `c${++n}@example.com`, language: 'es' });
  const agent = request.agent(ctx.baseUrl);
  const base = (await agent.get(await surveyLinkFor(ctx, surveyId, person))).headers.location;
  const p1 = await agent.get(`${base}/p/1`);
  await agent
    .post(`${base}/p/1`)
    .type('form')
    .send({ _csrf: csrfFrom(p1.text), q_use: 'often', q_channels: 'app' });
  const p2 = await agent.get(`${base}/p/2`);
  await agent
    .post(`${base}/p/2`)
    .type('form')
    .send({ _csrf: csrfFrom(p2.text), q_ease: '5' });
  const review = await agent.get(`${base}/review`);
  const submission = /name="submission" value="([^"]+)"/.exec(review.text)![1];
  return { agent, base, form: { _csrf: csrfFrom(review.text), submission } };
}

test('20 concurrent submits of one response (double clicks, two tabs): one response, the same thank-you page', async () => {
  for (let run = 0; run < 5; run++) {
    const { surveyId } = await createSurvey(ctx.db);
    const { agent, base, form } = await answered(surveyId);
    const last = await ctx.db
      .selectFrom('survey_answers')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => agent.post(`${base}/submit`).type('form').send(form)),
    );
    expect(answers.map((r) => `${r.status} ${r.headers.location}`)).toEqual(
      Array(20).fill(`303 ${base}/done`),
    );
    const rows = await ctx.db
      .selectFrom('survey_responses')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .execute();
    expect(rows.map((r) => r.status)).toEqual(['submitted']);
    const stored = await ctx.db
      .selectFrom('survey_answers')
      .select('id')
      .where('response_id', '=', rows[0].id)
      .orderBy('id')
      .execute();
    // use, channels × 3 options, ease, nps (skipped), barrier (not shown): written once, by the
    // one submit whose conditional update won (a second writer would have replaced them).
    const first = Number(last.id) + 1;
    expect(stored.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => first + i));
    const done = await agent.get(`${base}/done`);
    expect(done.text).toContain('¡Gracias!');
  }
}, 120_000);

test('20 people submitting at the same moment: 20 responses, each recipient marked as responded', async () => {
  const { surveyId } = await createSurvey(ctx.db);
  const people = [];
  for (let i = 0; i < 20; i++) people.push(await answered(surveyId));
  const answers = await Promise.all(
    people.map((p) => p.agent.post(`${p.base}/submit`).type('form').send(p.form)),
  );
  expect(answers.every((r) => r.status === 303 && r.headers.location.endsWith('/done'))).toBe(true);
  const rows = await ctx.db
    .selectFrom('survey_responses')
    .select('status')
    .where('survey_id', '=', surveyId)
    .execute();
  expect(rows.filter((r) => r.status === 'submitted')).toHaveLength(20);
  const waiting = await ctx.db
    .selectFrom('survey_recipients')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('responded_at', 'is', null)
    .execute();
  expect(waiting).toEqual([]);
}, 120_000);
