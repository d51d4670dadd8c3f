import {
  conditionHolds,
  conditionProblems,
  type Condition,
} from '../../src/surveys/model/conditions';
import { definitionOf } from '../../src/surveys/model/spec';

const seen = (entries: Record<string, string[] | number>) =>
  new Map(
    Object.entries(entries).map(([k, v]) => [
      k,
      typeof v === 'number' ? { values: [String(v)], number: v } : { values: v, number: null },
    ]),
  );

const rule = (r: Condition['rules'][number], combine: 'all' | 'any' = 'all'): Condition => ({
  combine,
  rules: [r],
});

describe('conditionHolds', () => {
  it('treats no condition as always shown', () => {
    expect(conditionHolds(null, new Map())).toBe(true);
  });

  it('equals / one_of / not_equals look at the codes chosen, multi-select included', () => {
    const a = seen({ use: ['often'], channels: ['app', 'web'] });
    expect(conditionHolds(rule({ question: 'use', op: 'equals', value: 'often' }), a)).toBe(true);
    expect(conditionHolds(rule({ question: 'use', op: 'equals', value: 'never' }), a)).toBe(false);
    expect(conditionHolds(rule({ question: 'channels', op: 'equals', value: 'web' }), a)).toBe(
      true,
    );
    expect(
      conditionHolds(rule({ question: 'channels', op: 'one_of', value: ['phone', 'app'] }), a),
    ).toBe(true);
    expect(conditionHolds(rule({ question: 'use', op: 'not_equals', value: 'never' }), a)).toBe(
      true,
    );
  });

  it('"is not" does not hold for a question left unanswered (nor prefer not to say)', () => {
    expect(
      conditionHolds(rule({ question: 'use', op: 'not_equals', value: 'never' }), new Map()),
    ).toBe(false);
  });

  it('answered / not answered', () => {
    const a = seen({ use: ['often'] });
    expect(conditionHolds(rule({ question: 'use', op: 'answered' }), a)).toBe(true);
    expect(conditionHolds(rule({ question: 'other', op: 'not_answered' }), a)).toBe(true);
    expect(conditionHolds(rule({ question: 'use', op: 'not_answered' }), a)).toBe(false);
  });

  it('compares numbers, and a grid statement by its item', () => {
    const a = seen({ age: 34, 'grid.ease': 2 });
    expect(conditionHolds(rule({ question: 'age', op: 'gte', value: 18 }), a)).toBe(true);
    expect(conditionHolds(rule({ question: 'age', op: 'lt', value: 30 }), a)).toBe(false);
    expect(conditionHolds(rule({ question: 'age', op: 'lte', value: '34' }), a)).toBe(true);
    expect(conditionHolds(rule({ question: 'grid', item: 'ease', op: 'lte', value: 2 }), a)).toBe(
      true,
    );
    expect(conditionHolds(rule({ question: 'missing', op: 'gt', value: 1 }), a)).toBe(false);
  });

  it('combines with all / any', () => {
    const a = seen({ use: ['often'], age: 20 });
    const rules: Condition['rules'] = [
      { question: 'use', op: 'equals', value: 'often' },
      { question: 'age', op: 'gt', value: 60 },
    ];
    expect(conditionHolds({ combine: 'all', rules }, a)).toBe(false);
    expect(conditionHolds({ combine: 'any', rules }, a)).toBe(true);
  });
});

describe('conditionProblems', () => {
  const def = definitionOf([
    {
      questions: [
        {
          code: 'use',
          type: 'single_choice',
          label: { en: 'How often?' },
          options: [
            { code: 'never', label: { en: 'Never' } },
            { code: 'often', label: { en: 'Often' } },
          ],
        },
        { code: 'intro', type: 'info', label: { en: 'Thanks' } },
      ],
    },
    { questions: [{ code: 'why', type: 'long_text', label: { en: 'Why?' } }] },
  ]);
  const questions = def.pages.flatMap((p) => p.questions);

  it('accepts a rule on an earlier page with a known code', () => {
    expect(
      conditionProblems(rule({ question: 'use', op: 'equals', value: 'often' }), questions, 2),
    ).toEqual([]);
  });

  it('refuses a missing question, a forward one, information text and unknown codes', () => {
    expect(conditionProblems(rule({ question: 'nope', op: 'answered' }), questions, 2)[0]).toMatch(
      /no question with the code "nope"/,
    );
    expect(conditionProblems(rule({ question: 'why', op: 'answered' }), questions, 2)[0]).toMatch(
      /answers from earlier pages/,
    );
    expect(conditionProblems(rule({ question: 'use', op: 'answered' }), questions, 0)[0]).toMatch(
      /answers from earlier pages/,
    );
    expect(conditionProblems(rule({ question: 'intro', op: 'answered' }), questions, 2)[0]).toMatch(
      /information text/,
    );
    expect(
      conditionProblems(
        rule({ question: 'use', op: 'equals', value: 'sometimes' }),
        questions,
        2,
      )[0],
    ).toMatch(/no answer "sometimes"/);
    expect(
      conditionProblems(rule({ question: 'use', op: 'gt', value: 'x' }), questions, 2)[0],
    ).toMatch(/Enter a number/);
  });
});
