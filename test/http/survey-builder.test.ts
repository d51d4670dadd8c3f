import { buildTestApp, createStaff, postForm, signedIn, type TestContext } from '../support/app';
import { createSurvey, sampleSurveySpec } from '../support/surveys';
import { allQuestions } from '../../src/surveys/model/definition';
import { loadDefinition } from '../../src/surveys/surveys.queries';

type Agent = Awaited<ReturnType<typeof signedIn>>;

let ctx: TestContext;
let organizer: Agent;

beforeAll(async () => {
  ctx = await buildTestApp();
  organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
});
afterAll(() => ctx.close());

const post = (url: string, fields: Record<string, string | string[]>, from = url) =>
  postForm(organizer, from, url, fields);

async function newSurvey(over: Record<string, string | string[]> = {}): Promise<number> {
  const res = await post('/staff/surveys/new', {
    title: 'Bulky item check-in',
    kind: 'general',
    languages: ['en', 'es'],
    respondents: 'identified',
    ...over,
  });
  expect(res.status).toBe(303);
  return Number(/\/staff\/surveys\/(\d+)$/.exec(res.headers.location)![1]);
}

const questions = (versionId: number) =>
  ctx.db
    .selectFrom('survey_questions')
    .select(['code', 'type', 'required'])
    .where('version_id', '=', versionId)
    .orderBy('position')
    .execute();

const versions = (surveyId: number) =>
  ctx.db
    .selectFrom('survey_versions')
    .select(['id', 'number'])
    .where('survey_id', '=', surveyId)
    .orderBy('number')
    .execute();

async function addResponse(surveyId: number, versionId: number, key: string) {
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('survey_responses')
    .values({
      survey_id: surveyId,
      version_id: versionId,
      respondent_key: key,
      channel: 'web',
      language: 'en',
      submission_key: `sub-${key}`,
      started_at: now,
      updated_at: now,
    })
    .execute();
}

describe('creating a survey', () => {
  test('refuses a form without a name or a language, keeping what was typed', async () => {
    const res = await post('/staff/surveys/new', {
      title: '',
      kind: 'general',
      respondents: 'identified',
      responseLimit: 'lots',
      closesAt: '2027-03-14T02:30',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('Enter a name for the survey');
    expect(res.text).toContain('Choose at least one language');
    expect(res.text).toContain('Enter a response limit');
    expect(res.text).toContain('does not exist on the night the clocks change');
    expect(res.text).toContain('value="lots"');
  });

  test('stores version 1 with one empty page and shows it in the list', async () => {
    const id = await newSurvey({ closesAt: '2027-01-31T17:00', responseLimit: '300' });
    const survey = await ctx.db
      .selectFrom('surveys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(survey.status).toBe('draft');
    expect(survey.closes_at).toBe('2027-02-01T01:00:00.000Z');
    expect(survey.response_limit).toBe(300);
    expect(JSON.parse(survey.languages)).toEqual(['en', 'es']);
    const [v] = await versions(id);
    expect(v.number).toBe(1);
    expect(
      await ctx.db.selectFrom('survey_pages').select('id').where('version_id', '=', v.id).execute(),
    ).toHaveLength(1);
    const list = await organizer.get('/staff/surveys?status=draft');
    expect(list.text).toContain('Bulky item check-in');
    expect(list.text).toContain('English, Spanish');
  });
});

describe('questions and conditions', () => {
  test('adds a question, refuses a bad or used code, and refuses forward and missing conditions', async () => {
    const id = await newSurvey();
    const add = (page: number, fields: Record<string, string>) =>
      post(
        `/staff/surveys/${id}/pages/${page}/questions/new`,
        fields,
        `/staff/surveys/${id}/pages/${page}/questions/new?type=${fields.type}`,
      );
    expect(
      (await add(1, { type: 'single_choice', code: 'Use 311', label_en: 'Used 311?' })).status,
    ).toBe(400);
    const missingLabel = await add(1, { type: 'single_choice', code: 'use' });
    expect(missingLabel.status).toBe(400);
    expect(missingLabel.text).toContain('Enter the question in English');
    expect(
      (await add(1, { type: 'single_choice', code: 'use', label_en: 'Used 311?', required: 'yes' }))
        .status,
    ).toBe(303);
    const again = await add(1, { type: 'yes_no', code: 'use', label_en: 'Again?' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('The code &#34;use&#34; is already used');
    for (const code of ['never', 'often'])
      expect(
        (await post(`/staff/surveys/${id}/questions/use/add-option`, { code, label_en: code }))
          .status,
      ).toBe(303);
    expect((await post(`/staff/surveys/${id}/pages`, {}, `/staff/surveys/${id}`)).status).toBe(303);
    expect((await add(2, { type: 'agreement', code: 'ease', label_en: 'Easy?' })).status).toBe(303);

    // A condition on page 1's question pointing at page 2 (forward), and one at a missing code.
    const forward = await post(`/staff/surveys/${id}/questions/use/condition`, {
      combine: 'all',
      rule1Question: 'ease',
      rule1Op: 'answered',
    });
    expect(forward.status).toBe(400);
    expect(forward.text).toContain('is not on an earlier page');
    const missing = await post(`/staff/surveys/${id}/questions/ease/condition`, {
      combine: 'all',
      rule1Question: 'nothing',
      rule1Op: 'equals',
      rule1Text: 'x',
    });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('There is no question with the code &#34;nothing&#34;');
    const unknownAnswer = await post(`/staff/surveys/${id}/questions/ease/condition`, {
      combine: 'all',
      rule1Question: 'use',
      rule1Op: 'equals',
      rule1Text: 'sometimes',
    });
    expect(unknownAnswer.status).toBe(400);
    expect(unknownAnswer.text).toContain('has no answer');
    const ok = await post(`/staff/surveys/${id}/questions/ease/condition`, {
      combine: 'all',
      rule1Question: 'use',
      rule1Op: 'equals',
      rule1Value: 'often',
    });
    expect(ok.status).toBe(303);
    const page = await organizer.get(`/staff/surveys/${id}`);
    expect(page.text).toContain('Shown only when &#34;use&#34; is often');

    // Deleting or moving "use" would break the condition: refused, naming it.
    const del = await post(`/staff/surveys/${id}/questions/use/delete`, { confirm: 'yes' });
    expect(del.status).toBe(400);
    expect(del.text).toContain(
      'the condition of question &#34;ease&#34; uses the answer to &#34;use&#34;',
    );
    const moved = await post(
      `/staff/surveys/${id}/questions/use/page`,
      { toPage: '2' },
      `/staff/surveys/${id}/questions/use`,
    );
    expect(moved.status).toBe(400);
    expect(moved.text).toContain('is not on an earlier page');
    const [v] = await versions(id);
    expect((await questions(v.id)).map((q) => q.code).sort()).toEqual(['ease', 'use']);
  });
});

describe('the version rule', () => {
  test('a version read before an edit in place is read again after it (wording, a draft rewrite)', async () => {
    const { surveyId, versionId } = await createSurvey(
      ctx.db,
      sampleSurveySpec({ status: 'draft' }),
    );
    const label = async () =>
      allQuestions(await loadDefinition(ctx.db, versionId)).find((q) => q.code === 'nps')?.texts
        .label.en;
    const before = await label();
    expect(before).toBeDefined();
    // Kept in memory now (the respondent pages read every version this way).
    expect(await label()).toBe(before);
    await addResponse(surveyId, versionId, 'kept-r1');
    const nps = (en: string) =>
      post(`/staff/surveys/${surveyId}/questions/nps`, {
        type: 'nps',
        code: 'nps',
        label_en: en,
        label_es: '¿Recomendaría el 311 a un vecino?',
      });
    expect((await nps('Would you recommend 311 to a friend?')).status).toBe(303);
    expect(await label()).toBe('Would you recommend 311 to a friend?');

    // A draft without responses is rewritten in place: a deleted question is gone at once.
    const draft = await createSurvey(ctx.db, sampleSurveySpec({ status: 'draft' }));
    const codes = async () =>
      allQuestions(await loadDefinition(ctx.db, draft.versionId)).map((q) => q.code);
    expect(await codes()).toContain('nps');
    expect(
      (await post(`/staff/surveys/${draft.surveyId}/questions/nps/delete`, { confirm: 'yes' }))
        .status,
    ).toBe(303);
    expect(await codes()).not.toContain('nps');
  });

  test('a structural edit after a response makes version 2; the response keeps version 1; wording does not', async () => {
    const { surveyId, versionId } = await createSurvey(
      ctx.db,
      sampleSurveySpec({ status: 'draft' }),
    );
    await addResponse(surveyId, versionId, 'r1');

    // Wording: in place.
    const label = await post(`/staff/surveys/${surveyId}/questions/nps`, {
      type: 'nps',
      code: 'nps',
      label_en: 'Would you recommend 311 to a neighbor?',
      label_es: '¿Recomendaría el 311 a un vecino?',
    });
    expect(label.status).toBe(303);
    expect(await versions(surveyId)).toHaveLength(1);
    const row = await ctx.db
      .selectFrom('survey_questions')
      .select('texts')
      .where('version_id', '=', versionId)
      .where('code', '=', 'nps')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.texts).label.en).toBe('Would you recommend 311 to a neighbor?');

    // Structural: "required" changes → version 2.
    const required = await post(`/staff/surveys/${surveyId}/questions/nps`, {
      type: 'nps',
      code: 'nps',
      required: 'yes',
      label_en: 'Would you recommend 311 to a neighbor?',
      label_es: '¿Recomendaría el 311 a un vecino?',
    });
    expect(required.status).toBe(303);
    const page = await organizer.get(required.headers.location);
    expect(page.text).toContain(
      'This change made version 2; the 1 response so far keep version 1.',
    );
    const [v1, v2] = await versions(surveyId);
    expect(v2.number).toBe(2);
    expect((await questions(v1.id)).find((q) => q.code === 'nps')!.required).toBe(0);
    expect((await questions(v2.id)).find((q) => q.code === 'nps')!.required).toBe(1);
    const response = await ctx.db
      .selectFrom('survey_responses')
      .select('version_id')
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    expect(response.version_id).toBe(v1.id);

    // Version 2 has no responses: the next structural edit changes it in place.
    expect(
      (await post(`/staff/surveys/${surveyId}/questions/nps/delete`, { confirm: 'yes' })).status,
    ).toBe(303);
    expect(await versions(surveyId)).toHaveLength(2);
    expect((await questions(v2.id)).map((q) => q.code)).not.toContain('nps');
    expect((await questions(v1.id)).map((q) => q.code)).toContain('nps');
  });
});

describe('pages and options', () => {
  test('moves and deletes pages and options; a page with questions asks first', async () => {
    const { surveyId, versionId } = await createSurvey(
      ctx.db,
      sampleSurveySpec({ status: 'draft' }),
    );
    const base = `/staff/surveys/${surveyId}`;
    const pageTitles = async () =>
      (
        await ctx.db
          .selectFrom('survey_pages')
          .select('texts')
          .where('version_id', '=', versionId)
          .orderBy('position')
          .execute()
      ).map((p) => JSON.parse(p.texts).en ?? '');
    expect((await post(`${base}/pages/1/move`, { direction: 'up' }, base)).status).toBe(400);
    // Page 2 holds "ease", whose condition uses page 1's "use": moving page 1 down is refused.
    const forward = await post(`${base}/pages/1/move`, { direction: 'down' }, base);
    expect(forward.status).toBe(400);
    expect(forward.text).toContain('is not on an earlier page');
    expect((await organizer.get(`${base}/pages/2/delete`)).text).toContain('ease, nps');
    expect((await post(`${base}/pages/2/delete`, { confirm: 'yes' })).status).toBe(303);
    expect(await pageTitles()).toEqual(['About you', '']);
    expect((await post(`${base}/pages/1`, { title_en: 'You', title_es: 'Usted' })).status).toBe(
      303,
    );
    expect(await pageTitles()).toEqual(['You', '']);

    const options = async () =>
      (
        await ctx.db
          .selectFrom('survey_options')
          .innerJoin('survey_questions', 'survey_questions.id', 'survey_options.question_id')
          .select('survey_options.code')
          .where('survey_questions.version_id', '=', versionId)
          .where('survey_questions.code', '=', 'channels')
          .orderBy('survey_options.position')
          .execute()
      ).map((o) => o.code);
    const q = `${base}/questions/channels`;
    expect((await post(`${q}/options/phone/move`, { direction: 'up' }, q)).status).toBe(303);
    expect(await options()).toEqual(['phone', 'app', 'other']);
    expect((await post(`${q}/options/app/delete`, { confirm: 'yes' }, q)).status).toBe(303);
    expect(await options()).toEqual(['phone', 'other']);
    const used = await post(
      `${base}/questions/use/options/never/delete`,
      { confirm: 'yes' },
      `${base}/questions/use`,
    );
    expect(used.status).toBe(400);
    expect(used.text).toContain('a condition looks for the answer &#34;never&#34;');
  });
});

describe('opening', () => {
  test('is refused while a language has gaps, listing them, and allowed once complete', async () => {
    const id = await newSurvey();
    const empty = await post(
      `/staff/surveys/${id}/status`,
      { status: 'open' },
      `/staff/surveys/${id}`,
    );
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Add at least one question');
    await post(
      `/staff/surveys/${id}/pages/1/questions/new`,
      { type: 'yes_no', code: 'used', label_en: 'Have you used 311?' },
      `/staff/surveys/${id}/pages/1/questions/new?type=yes_no`,
    );
    const gaps = await post(
      `/staff/surveys/${id}/status`,
      { status: 'open' },
      `/staff/surveys/${id}`,
    );
    expect(gaps.status).toBe(400);
    expect(gaps.text).toContain('Missing in es: survey title, used: question');
    await post(`/staff/surveys/${id}/texts/es`, { title: 'Control de artículos voluminosos' });
    await post(`/staff/surveys/${id}/questions/used`, {
      type: 'yes_no',
      code: 'used',
      label_en: 'Have you used 311?',
      label_es: '¿Ha usado el 311?',
    });
    const opened = await post(
      `/staff/surveys/${id}/status`,
      { status: 'open' },
      `/staff/surveys/${id}`,
    );
    expect(opened.status).toBe(303);
    const survey = await ctx.db
      .selectFrom('surveys')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(survey.status).toBe('open');
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'survey.status')
      .where('subject_id', '=', String(id))
      .execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ from: 'draft', to: 'open' }]);
  });
});

describe('access', () => {
  test.each(['analyst', 'facilitator'] as const)('a %s gets 403', async (role) => {
    const agent = await signedIn(ctx, await createStaff(ctx, role));
    expect((await agent.get('/staff/surveys')).status).toBe(403);
    expect((await agent.get('/staff/surveys/new')).status).toBe(403);
  });

  test('an admin may use the builder', async () => {
    const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
    expect((await admin.get('/staff/surveys')).status).toBe(200);
  });
});
