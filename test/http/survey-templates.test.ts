import request from 'supertest';
import { loadDefinition, latestVersion, copyVersion } from '../../src/surveys/surveys.queries';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson } from '../support/db';
import { createStudy, studyForm } from '../support/studies';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

type Agent = ReturnType<typeof request.agent>;
let ctx: TestContext;
let organizer: Agent;
let organizerId: number;
let studyId: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  const who = await createStaff(ctx, 'organizer');
  organizerId = who.id;
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
});
afterAll(() => ctx.close());

const created = (res: request.Response) => {
  expect(res.status).toBe(303);
  expect(res.headers.location).toMatch(/^\/staff\/surveys\/\d+$/);
  return Number(res.headers.location.split('/').pop());
};
const survey = (id: number) =>
  ctx.db.selectFrom('surveys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const questionsOf = (versionId: number) =>
  ctx.db
    .selectFrom('survey_questions')
    .selectAll()
    .where('version_id', '=', versionId)
    .orderBy('page_id')
    .orderBy('position')
    .execute();
const auditOf = (action: string, id: number) =>
  ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', String(id))
    .execute();
const count = async (table: 'surveys' | 'survey_versions' | 'survey_questions') =>
  Number(
    (
      await ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('the templates page lists the three templates with a form each', async () => {
  const res = await organizer.get('/staff/surveys/templates');
  expect(res.status).toBe(200);
  for (const name of [
    'Customer experience (OMB A-11 §280)',
    'Usage screener',
    'After a focus group',
  ])
    expect(res.text).toContain(name);
  for (const slug of ['a11', 'screener', 'post-session'])
    expect(res.text).toContain(`href="/staff/surveys/templates/${slug}"`);
  const a11 = await organizer.get('/staff/surveys/templates/a11');
  expect(a11.status).toBe(200);
  expect(a11.text).toContain('<option value="Bulky Items"');
  expect(a11.text).toContain('<option value="general"');
  expect(a11.text).toContain('name="stage"');
  // The screener asks no service.
  const screener = await organizer.get('/staff/surveys/templates/screener');
  expect(screener.text).not.toContain('name="stage"');
  expect(screener.text).toContain('value="MyLA311 usage screener"');
  expect((await organizer.get('/staff/surveys/templates/nope')).status).toBe(404);
});

test('the A-11 template stores a draft about the chosen service and stage, in the chosen languages, audited', async () => {
  const res = await postForm(
    organizer,
    '/staff/surveys/templates/a11',
    '/staff/surveys/templates/a11',
    {
      title: 'Bulky Items intake CX',
      service: 'Bulky Items',
      stage: 'intake',
      studyId: String(studyId),
      languages: ['es', 'en'],
    },
  );
  const id = created(res);
  const row = await survey(id);
  expect(row).toMatchObject({
    title: 'Bulky Items intake CX',
    kind: 'general',
    status: 'draft',
    study_id: studyId,
    anonymous: 1,
    created_by: organizerId,
    open_slug: null,
  });
  expect(JSON.parse(row.languages)).toEqual(['en', 'es']);
  const texts = JSON.parse(row.texts) as { title: Record<string, string> };
  expect(texts.title).toEqual({
    en: 'Your experience with Bulky item pickup',
    es: 'Su experiencia con Recolección de artículos voluminosos',
  });
  const version = await latestVersion(ctx.db, id);
  expect(version.number).toBe(1);
  const qs = await questionsOf(version.id);
  expect(qs.map((q) => q.code)).toEqual([
    'satisfaction',
    'confidence',
    'effectiveness',
    'ease',
    'efficiency',
    'equity',
    'employee',
    'worked_well',
    'could_be_better',
  ]);
  for (const q of qs) expect([q.service, q.stage]).toEqual(['Bulky Items', 'intake']);
  expect(qs.slice(0, 7).map((q) => [q.type, q.driver])).toEqual(
    ['satisfaction', 'confidence', 'effectiveness', 'ease', 'efficiency', 'equity', 'employee'].map(
      (d) => ['agreement', d],
    ),
  );
  // The federal English from the reference table, the service's label filled in each language.
  const cx = await ctx.db
    .selectFrom('cx_questions')
    .select('statement')
    .where('driver', '=', 'satisfaction')
    .executeTakeFirstOrThrow();
  const label = (JSON.parse(qs[0].texts) as { label: Record<string, string> }).label;
  expect(label).toEqual({
    en: cx.statement.replace('[service]', 'Bulky item pickup'),
    es: 'Estoy satisfecho/a con el servicio que recibí de Recolección de artículos voluminosos.',
  });
  const [audit] = await auditOf('survey.create_from_template', id);
  expect(audit.actor_staff_id).toBe(organizerId);
  expect(JSON.parse(audit.details)).toEqual({
    template: 'a11',
    versionId: version.id,
    studyId,
    languages: ['en', 'es'],
    service: 'Bulky Items',
    stage: 'intake',
  });
});

test('"311 in general" fills the service with the 311 service\'s name', async () => {
  const id = created(
    await postForm(organizer, '/staff/surveys/templates/a11', '/staff/surveys/templates/a11', {
      title: 'General CX',
      service: 'general',
      stage: 'communication',
      languages: ['en', 'es', 'ko', 'hy', 'zh-Hant'],
    }),
  );
  const def = await loadDefinition(ctx.db, (await latestVersion(ctx.db, id)).id);
  const confidence = def.pages[0].questions[1];
  expect(confidence.texts.label.en).toBe('This interaction increased my confidence in MyLA311.');
  expect(Object.keys(confidence.texts.label)).toEqual(['en', 'es', 'ko', 'hy', 'zh-Hant']);
  expect([confidence.service, confidence.stage]).toEqual(['general', 'communication']);
  expect((await survey(id)).study_id).toBeNull();
});

test('the screener and the post-session survey are stored with their codes and conditions', async () => {
  const screener = created(
    await postForm(
      organizer,
      '/staff/surveys/templates/screener',
      '/staff/surveys/templates/screener',
      { title: 'Screener', languages: ['en', 'ko'] },
    ),
  );
  expect((await survey(screener)).kind).toBe('screener');
  const s = await loadDefinition(ctx.db, (await latestVersion(ctx.db, screener)).id);
  expect(s.pages.map((p) => p.questions.map((q) => q.code))).toEqual([
    ['use_frequency'],
    ['channels', 'request_types', 'last_used'],
    ['language', 'council_district'],
  ]);
  expect(s.pages[0].questions[0].options.map((o) => o.code)).toEqual([
    'never',
    'once',
    'few',
    'often',
  ]);
  expect(s.pages[1].questions[0].options.map((o) => [o.code, o.isOther])).toEqual([
    ['app', false],
    ['phone', false],
    ['web', false],
    ['in_person', false],
    ['other', true],
  ]);
  expect(s.pages[1].condition?.rules[0]).toMatchObject({ question: 'use_frequency', op: 'one_of' });
  expect(s.pages[0].questions[0].texts.label.ko).toContain('MyLA311');
  expect(s.pages[0].questions[0].texts.label.es).toBeUndefined();

  const post = created(
    await postForm(
      organizer,
      '/staff/surveys/templates/post-session',
      '/staff/surveys/templates/post-session',
      { title: 'After the session', studyId: String(studyId), languages: ['en', 'es'] },
    ),
  );
  expect(await survey(post)).toMatchObject({ kind: 'post_session', study_id: studyId });
  const p = await loadDefinition(ctx.db, (await latestVersion(ctx.db, post)).id);
  const problem = p.pages[1].questions.find((q) => q.code === 'access_problem')!;
  expect(problem.condition).toEqual({
    combine: 'all',
    rules: [{ question: 'accessibility', op: 'one_of', value: ['some_problems', 'hard'] }],
  });
  expect(p.pages.flatMap((x) => x.questions).find((q) => q.code === 'recommend')!.type).toBe('nps');
  expect(await auditOf('survey.create_from_template', post)).toHaveLength(1);
});

test('a form with problems comes back with 400, the summary and what was typed; nothing is stored', async () => {
  const before = await count('surveys');
  const res = await postForm(
    organizer,
    '/staff/surveys/templates/a11',
    '/staff/surveys/templates/a11',
    {
      title: '  ',
      service: 'Not a service',
      studyId: 'abc',
    },
  );
  expect(res.status).toBe(400);
  expect(res.text).toContain('<title>Error:');
  expect(res.text).toContain('There is a problem');
  const summary = /<ul class="usa-list">([\s\S]*?)<\/ul>/.exec(res.text)![1];
  expect([...summary.matchAll(/href="#(\w+)">([^<]*)</g)].map((m) => [m[1], m[2]])).toEqual([
    ['title', 'Enter a title for the survey'],
    ['service', 'Choose a service from the list'],
    ['stage', 'Choose the life-cycle stage'],
    ['studyId', 'Choose a study from the list'],
    ['languages', 'Choose at least one language'],
  ]);
  const typed = await postForm(
    organizer,
    '/staff/surveys/templates/screener',
    '/staff/surveys/templates/screener',
    { title: 'x'.repeat(201), languages: ['en', 'fr'] },
  );
  expect(typed.status).toBe(400);
  expect(typed.text).toContain(`value="${'x'.repeat(201)}"`);
  expect(typed.text).toContain('The title must be 200 characters or fewer');
  expect(typed.text).toContain('Choose languages from the list');
  // A study that does not exist: refused by the service, on the same form.
  const missing = await postForm(
    organizer,
    '/staff/surveys/templates/post-session',
    '/staff/surveys/templates/post-session',
    { title: 'After', studyId: '999', languages: ['en'] },
  );
  expect(missing.status).toBe(400);
  expect(missing.text).toContain('href="#studyId">Choose a study from the list');
  expect(await count('surveys')).toBe(before);
});

test('duplicating copies the newest version into a new draft, without responses, recipients or open link', async () => {
  const { surveyId } = await createSurvey(ctx.db, sampleSurveySpec({ studyId }), organizerId);
  // The original is open, with an open link, a recipient and a response, and a second version
  // whose wording changed: the copy takes version 2.
  const person = await addPerson(ctx.db, { email: 'dup@example.com' });
  const now = new Date().toISOString();
  await ctx.db
    .updateTable('surveys')
    .set({ open_slug: 'dup-open', response_limit: 50, send_after_minutes: 90, closes_at: now })
    .where('id', '=', surveyId)
    .execute();
  const v1 = await latestVersion(ctx.db, surveyId);
  await ctx.db
    .insertInto('survey_recipients')
    .values({ survey_id: surveyId, participant_id: person, sent_at: now })
    .execute();
  await ctx.db
    .insertInto('survey_responses')
    .values({
      survey_id: surveyId,
      version_id: v1.id,
      respondent_key: 'r1',
      channel: 'web',
      language: 'en',
      submission_key: 'dup-1',
      started_at: now,
      updated_at: now,
    })
    .execute();
  const v2 = await ctx.db.transaction().execute((trx) => copyVersion(trx, v1, now));
  await ctx.db
    .updateTable('survey_questions')
    .set({
      texts: JSON.stringify({ label: { en: 'Newest wording', es: 'Texto nuevo' }, help: {} }),
    })
    .where('version_id', '=', v2)
    .where('code', '=', 'use')
    .execute();

  const page = await organizer.get('/staff/surveys/templates');
  const res = await organizer
    .post(`/staff/surveys/${surveyId}/duplicate`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
  const copy = created(res);
  expect(copy).not.toBe(surveyId);
  expect(await survey(copy)).toMatchObject({
    title: 'Copy of MyLA311 check-in',
    kind: 'general',
    status: 'draft',
    study_id: studyId,
    open_slug: null,
    closes_at: null,
    response_limit: 50,
    send_after_minutes: 90,
    created_by: organizerId,
  });
  const original = await survey(surveyId);
  expect(JSON.parse((await survey(copy)).texts)).toEqual(JSON.parse(original.texts));
  expect((await survey(copy)).languages).toBe(original.languages);
  const versions = await ctx.db
    .selectFrom('survey_versions')
    .selectAll()
    .where('survey_id', '=', copy)
    .execute();
  expect(versions.map((v) => v.number)).toEqual([1]);
  const from = await loadDefinition(ctx.db, v2);
  const to = await loadDefinition(ctx.db, versions[0].id);
  const shape = (d: typeof from) =>
    d.pages.map((p) => ({
      title: p.title,
      condition: p.condition,
      questions: p.questions.map(({ id, options, statements, ...q }) => ({
        ...q,
        options: options.map(({ id: _, ...o }) => o),
        statements: statements.map(({ id: _, ...o }) => o),
        id: typeof id,
      })),
    }));
  expect(shape(to)).toEqual(shape(from));
  expect(to.pages[0].questions[0].texts.label.en).toBe('Newest wording');
  for (const table of ['survey_responses', 'survey_recipients'] as const)
    expect(
      await ctx.db.selectFrom(table).select('id').where('survey_id', '=', copy).execute(),
    ).toEqual([]);
  const [audit] = await auditOf('survey.duplicate', copy);
  expect(audit.actor_staff_id).toBe(organizerId);
  expect(JSON.parse(audit.details)).toEqual({ from: surveyId, fromVersion: 2 });
  // A copy of a copy says so twice; the original is untouched.
  const again = created(
    await organizer
      .post(`/staff/surveys/${copy}/duplicate`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) }),
  );
  expect((await survey(again)).title).toBe('Copy of Copy of MyLA311 check-in');
  expect(await survey(surveyId)).toEqual(original);
});

test('duplicating a survey that does not exist is not found; analysts may not duplicate', async () => {
  const page = await organizer.get('/staff/surveys/templates');
  const before = await count('surveys');
  const res = await organizer
    .post('/staff/surveys/99999/duplicate')
    .type('form')
    .send({ _csrf: csrfFrom(page.text) });
  expect(res.status).toBe(404);
  const analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const token = csrfFrom((await analyst.get('/staff/account/password')).text);
  const { surveyId } = await createSurvey(ctx.db);
  const refused = await analyst
    .post(`/staff/surveys/${surveyId}/duplicate`)
    .type('form')
    .send({ _csrf: token });
  expect(refused.status).toBe(403);
  expect((await analyst.get('/staff/surveys/templates')).status).toBe(403);
  expect(await count('surveys')).toBe(before + 1);
});
