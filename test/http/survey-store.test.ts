import { structureProblems, translationGaps, specPagesOf } from '../../src/surveys/model/spec';
import {
  copyVersion,
  latestVersion,
  loadDefinition,
  responsesOnVersion,
} from '../../src/surveys/surveys.queries';
import { buildTestApp, type TestContext } from '../support/app';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

describe('storing surveys and their versions', () => {
  it('reads back what was stored: pages, questions, options, conditions, tags, in order', async () => {
    const spec = sampleSurveySpec();
    const { versionId } = await createSurvey(ctx.db, spec);
    const def = await loadDefinition(ctx.db, versionId);
    expect(def.languages).toEqual(['en', 'es']);
    expect(def.texts.title.es).toBe('Su experiencia con el 311');
    expect(def.pages.map((p) => p.questions.map((q) => q.code))).toEqual([
      ['use', 'channels'],
      ['ease', 'nps'],
      ['barrier'],
    ]);
    const ease = def.pages[1].questions[0];
    expect(ease).toMatchObject({
      type: 'agreement',
      required: true,
      driver: 'ease',
      stage: 'intake',
    });
    expect(ease.condition?.rules[0]).toEqual({ question: 'use', op: 'equals', value: 'often' });
    expect(def.pages[0].questions[1].options.map((o) => [o.code, o.isOther])).toEqual([
      ['app', false],
      ['phone', false],
      ['other', true],
    ]);
    // The stored version is the spec, exactly.
    expect(specPagesOf(def)).toEqual(specPagesOf(await loadDefinition(ctx.db, versionId)));
    expect(structureProblems(specPagesOf(def))).toEqual([]);
  });

  it('copies a version whole into the next number, leaving the first untouched', async () => {
    const { surveyId, versionId } = await createSurvey(ctx.db);
    const v1 = await latestVersion(ctx.db, surveyId);
    const v2 = await ctx.db
      .transaction()
      .execute((trx) => copyVersion(trx, v1, new Date().toISOString()));
    expect((await latestVersion(ctx.db, surveyId)).number).toBe(2);
    const a = await loadDefinition(ctx.db, versionId);
    const b = await loadDefinition(ctx.db, v2);
    expect(specPagesOf(b)).toEqual(specPagesOf(a));
    expect(b.pages[0].questions[0].id).not.toBe(a.pages[0].questions[0].id);
    expect(await responsesOnVersion(ctx.db, v2)).toBe(0);
    // A second copy from the same version at the same moment is refused by UNIQUE(survey, number).
    let err: unknown = null;
    try {
      await ctx.db.transaction().execute((trx) => copyVersion(trx, v1, new Date().toISOString()));
    } catch (e) {
      err = e;
    }
    expect(String(err)).toMatch(/UNIQUE constraint failed: survey_versions/);
  });
});

describe('structure and translation checks', () => {
  it('names duplicate codes, missing options, forward conditions', () => {
    const spec = sampleSurveySpec();
    spec.pages[0].questions[1].code = 'use';
    spec.pages[0].questions[0].options = [{ code: 'only', label: { en: 'Only' } }];
    spec.pages[0].questions.push({
      code: 'bad',
      type: 'yes_no',
      label: { en: 'x' },
      condition: { combine: 'any', rules: [{ question: 'nps', op: 'answered' }] },
    });
    const problems = structureProblems(spec.pages);
    expect(problems).toEqual(
      expect.arrayContaining([
        'Question "use": the code is used twice',
        'Question "use": give at least two options',
        expect.stringMatching(/^Question "bad": "nps" is not on an earlier page/),
      ]),
    );
  });

  it('lists the texts missing per language', () => {
    const spec = sampleSurveySpec({ languages: ['en', 'es', 'ko'] });
    delete spec.pages[1].questions[1].label.es;
    const gaps = translationGaps(spec);
    expect(gaps.en).toEqual([]);
    expect(gaps.es).toEqual(['nps: question']);
    expect(gaps.ko).toContain('survey title');
    expect(gaps.ko).toContain('use: option never');
    expect(gaps.ko).toContain('page 1 title');
  });
});
