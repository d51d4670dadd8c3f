import { ValidationError } from '../../src/errors';
import { conditionFrom, describeCondition } from '../../src/surveys/builder/condition-form';
import {
  addItem,
  addQuestion,
  deleteItem,
  deleteQuestion,
  moveQuestion,
  moveQuestionToPage,
  newProblems,
  setCondition,
  updateItem,
  updateQuestion,
} from '../../src/surveys/builder/edits';
import { isStructural } from '../../src/surveys/builder/structural';
import { openingProblems } from '../../src/surveys/builder/builder.service';
import { allQuestions } from '../../src/surveys/model/definition';
import { definitionOf, type PageSpec } from '../../src/surveys/model/spec';
import { sampleSurveySpec } from '../support/surveys';

const pages = (): PageSpec[] => sampleSurveySpec().pages;

/** The message a refused edit gives, or '' when it was not refused. */
function refusal(edit: () => unknown): string {
  try {
    edit();
    return '';
  } catch (err) {
    if (err instanceof ValidationError) return Object.values(err.fields).join(' ');
    throw err;
  }
}

describe('isStructural', () => {
  const edit = (change: (p: PageSpec[]) => void) => {
    const after = pages();
    change(after);
    return isStructural(pages(), after);
  };

  test('wording and tags are not structural', () => {
    expect(edit(() => undefined)).toBe(false);
    expect(edit((p) => (p[0].questions[0].label = { en: 'Used 311?', es: '¿Usó el 311?' }))).toBe(
      false,
    );
    expect(edit((p) => (p[0].questions[0].help = { en: 'Think of this year' }))).toBe(false);
    expect(edit((p) => (p[0].title = { en: 'You' }))).toBe(false);
    expect(edit((p) => (p[0].questions[0].options![1].label = { en: 'Often!' }))).toBe(false);
    expect(edit((p) => (p[1].questions[0].driver = 'satisfaction'))).toBe(false);
  });

  test('questions, options, codes, required, conditions and moves are structural', () => {
    expect(edit((p) => p[0].questions.pop())).toBe(true);
    expect(edit((p) => (p[0].questions[0].type = 'dropdown'))).toBe(true);
    expect(edit((p) => (p[0].questions[0].code = 'use_311'))).toBe(true);
    expect(edit((p) => (p[0].questions[1].required = true))).toBe(true);
    expect(edit((p) => (p[0].questions[1].preferNot = false))).toBe(true);
    expect(edit((p) => p[0].questions[0].options!.push({ code: 'once', label: {} }))).toBe(true);
    expect(edit((p) => (p[0].questions[0].options![0].code = 'no'))).toBe(true);
    expect(edit((p) => (p[0].questions[1].options![2].isOther = false))).toBe(true);
    expect(edit((p) => (p[1].questions[0].condition = null))).toBe(true);
    expect(edit((p) => (p[1].questions[1].settings = { min: 1 }))).toBe(true);
    expect(edit((p) => p[1].questions.push(p[0].questions.pop()!))).toBe(true);
    expect(edit((p) => p.push({ questions: [] }))).toBe(true);
  });
});

describe('edits', () => {
  test('a code is unique in the survey', () => {
    expect(
      refusal(() => addQuestion(pages(), 0, { code: 'nps', type: 'yes_no', label: { en: 'x' } })),
    ).toContain('"nps" is already used');
    expect(
      refusal(() => updateQuestion(pages(), 'nps', { code: 'use', label: { en: 'x' } })),
    ).toContain('"use" is already used');
  });

  test('a question a later condition uses cannot be deleted or renamed, and says which', () => {
    expect(refusal(() => deleteQuestion(pages(), 'use'))).toBe(
      'The question cannot be removed: the condition of question "ease" and the condition of page 3 use the answer to "use". Change that condition first.',
    );
    expect(refusal(() => updateQuestion(pages(), 'use', { code: 'used', label: {} }))).toContain(
      'the condition of question "ease"',
    );
    expect(deleteQuestion(pages(), 'nps')[1].questions.map((q) => q.code)).toEqual(['ease']);
  });

  test('moving a question past the one its condition uses is a new problem', () => {
    const moved = moveQuestionToPage(pages(), 'use', 1);
    expect(newProblems(pages(), moved).join(' ')).toContain('"use" is not on an earlier page');
    expect(newProblems(pages(), moveQuestion(pages(), 'nps', 'up'))).toEqual([]);
    expect(refusal(() => moveQuestion(pages(), 'use', 'up'))).toBe(
      'The question is already the first',
    );
  });

  test('an option a condition looks for cannot be removed or renamed', () => {
    expect(refusal(() => deleteItem(pages(), 'use', 'options', 'often'))).toContain('"often"');
    expect(
      refusal(() => updateItem(pages(), 'use', 'options', 'never', { code: 'nope', label: {} })),
    ).toContain('"never"');
    expect(
      refusal(() => addItem(pages(), 'use', 'options', { code: 'often', label: {} })),
    ).toContain('already used');
    const fewer = deleteItem(pages(), 'channels', 'options', 'phone');
    expect(fewer[0].questions[1].options!.map((o) => o.code)).toEqual(['app', 'other']);
  });

  test('an unfinished question is not a new problem, a forward condition is', () => {
    const added = addQuestion(pages(), 2, {
      code: 'pick',
      type: 'single_choice',
      label: { en: 'x' },
    });
    expect(newProblems(pages(), added)).toEqual([]);
    const forward = setCondition(
      pages(),
      { question: 'use' },
      {
        combine: 'all',
        rules: [{ question: 'nps', op: 'answered' }],
      },
    );
    expect(newProblems(pages(), forward)).toEqual([
      'Question "use": "nps" is not on an earlier page: a condition can only use answers from earlier pages',
    ]);
  });
});

describe('the condition form', () => {
  test('rows become rules; blank rows are ignored; all blank is no condition', () => {
    expect(conditionFrom({ combine: 'all' })).toBeNull();
    expect(
      conditionFrom({
        combine: 'any',
        rule1Question: 'use',
        rule1Op: 'equals',
        rule1Value: 'often',
        rule2Question: 'nps',
        rule2Op: 'gte',
        rule2Text: '9',
        rule3Question: 'channels',
        rule3Op: 'one_of',
        rule3Text: 'app, phone',
      }),
    ).toEqual({
      combine: 'any',
      rules: [
        { question: 'use', op: 'equals', value: 'often' },
        { question: 'nps', op: 'gte', value: 9 },
        { question: 'channels', op: 'one_of', value: ['app', 'phone'] },
      ],
    });
    expect(refusal(() => conditionFrom({ combine: 'all', rule2Op: 'equals' }))).toBe(
      'Rule 2: choose a question',
    );
  });

  test('is described in plain words', () => {
    const questions = allQuestions(definitionOf(pages()));
    expect(
      describeCondition(
        { combine: 'all', rules: [{ question: 'use', op: 'equals', value: 'often' }] },
        questions,
      ),
    ).toBe('Shown only when "use" is Often (often)');
  });
});

describe('opening', () => {
  test('lists gaps by language, structure problems and a survey without questions', () => {
    const spec = sampleSurveySpec();
    expect(
      openingProblems({ languages: spec.languages, texts: spec.texts, pages: spec.pages }),
    ).toEqual([]);
    const gaps = openingProblems({
      languages: ['en', 'es', 'ko'],
      texts: spec.texts,
      pages: [{ questions: [{ code: 'pick', type: 'single_choice', label: { en: 'x' } }] }],
    });
    expect(gaps).toContain('Question "pick": give at least two options');
    expect(gaps).toContain('Missing in es: pick: question');
    expect(gaps.some((g) => g.startsWith('Missing in ko: survey title'))).toBe(true);
    expect(
      openingProblems({ languages: ['en'], texts: spec.texts, pages: [{ questions: [] }] }),
    ).toEqual(['Add at least one question']);
  });
});
