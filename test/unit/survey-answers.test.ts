import {
  completeResponse,
  isCalendarDate,
  readPage,
  seenFrom,
  type AnswerInput,
} from '../../src/surveys/model/answers';
import { definitionOf, type QuestionSpec } from '../../src/surveys/model/spec';

const en = (s: string) => ({ en: s });
const options = (...codes: string[]) => codes.map((code) => ({ code, label: en(code) }));

function page(...questions: QuestionSpec[]) {
  return definitionOf([{ questions }]).pages[0];
}
const read = (q: QuestionSpec, body: Record<string, unknown>) => readPage(page(q), body, new Map());
const states = (answers: AnswerInput[]) =>
  answers.map((a) => `${a.item || '-'}:${a.state}:${a.value}`);

describe('readPage: one question of each kind', () => {
  it('single choice: the code, prefer not to say, forged codes refused, other needs its text', () => {
    const q: QuestionSpec = {
      code: 'use',
      type: 'single_choice',
      required: true,
      preferNot: true,
      label: en('Use?'),
      options: [...options('never', 'often'), { code: 'other', label: en('Other'), isOther: true }],
    };
    expect(states(read(q, { q_use: 'often' }).answers)).toEqual(['-:answered:often']);
    expect(states(read(q, { q_use: '_prefer_not' }).answers)).toEqual(['-:prefer_not:null']);
    expect(read(q, { q_use: 'hacked' }).errors).toEqual({
      q_use: { key: 'survey.error.invalidOption' },
    });
    expect(read(q, {}).errors).toEqual({ q_use: { key: 'survey.error.required' } });
    expect(read(q, { q_use: 'other' }).errors).toEqual({
      q_use__other: { key: 'survey.error.otherMissing' },
    });
    expect(read(q, { q_use: 'other', q_use__other: ' By fax ' }).answers[0]).toMatchObject({
      value: 'other',
      otherText: 'By fax',
    });
    expect(read(q, { q_use: ['often', 'never'] }).errors.q_use).toBeDefined();
  });

  it('a choice without prefer-not refuses the prefer-not value', () => {
    const q: QuestionSpec = { code: 'yn', type: 'yes_no', label: en('?') };
    expect(read(q, { q_yn: '_prefer_not' }).errors.q_yn.key).toBe('survey.error.invalidOption');
    expect(states(read(q, {}).answers)).toEqual(['-:skipped:null']);
  });

  it('multi-select: one row per option, answered or not selected; prefer-not alone', () => {
    const q: QuestionSpec = {
      code: 'ch',
      type: 'multi_choice',
      preferNot: true,
      label: en('Channels'),
      options: options('app', 'phone', 'web'),
    };
    expect(states(read(q, { q_ch: ['app', 'web'] }).answers)).toEqual([
      'app:answered:1',
      'phone:not_selected:0',
      'web:answered:1',
    ]);
    expect(states(read(q, { q_ch: 'phone' }).answers)).toEqual([
      'app:not_selected:0',
      'phone:answered:1',
      'web:not_selected:0',
    ]);
    expect(states(read(q, {}).answers)).toEqual(['-:skipped:null']);
    expect(states(read(q, { q_ch: '_prefer_not' }).answers)).toEqual(['-:prefer_not:null']);
    expect(read(q, { q_ch: ['_prefer_not', 'app'] }).errors.q_ch.key).toBe(
      'survey.error.preferNotAlone',
    );
    expect(read(q, { q_ch: ['app', 'fax'] }).errors.q_ch.key).toBe('survey.error.invalidOption');
  });

  it('agreement, rating and NPS store the point as value and number', () => {
    const agree: QuestionSpec = { code: 'ease', type: 'agreement', label: en('Easy') };
    expect(read(agree, { q_ease: '4' }).answers[0]).toMatchObject({ value: '4', number: 4 });
    expect(read(agree, { q_ease: '6' }).errors.q_ease.key).toBe('survey.error.invalidOption');
    const nps: QuestionSpec = { code: 'nps', type: 'nps', label: en('Recommend') };
    expect(read(nps, { q_nps: '0' }).answers[0]).toMatchObject({ value: '0', number: 0 });
    expect(read(nps, { q_nps: '11' }).errors.q_nps).toBeDefined();
  });

  it('agreement grid: one row per statement; each required statement named on its own field', () => {
    const q: QuestionSpec = {
      code: 'grid',
      type: 'agreement_grid',
      required: true,
      label: en('Agree?'),
      statements: options('fast', 'fair'),
    };
    expect(states(read(q, { q_grid__fast: '5', q_grid__fair: '2' }).answers)).toEqual([
      'fast:answered:5',
      'fair:answered:2',
    ]);
    expect(read(q, { q_grid__fast: '5' }).errors).toEqual({
      q_grid__fair: { key: 'survey.error.required' },
    });
    const optional = { ...q, required: false };
    expect(states(read(optional, { q_grid__fast: '5' }).answers)).toEqual([
      'fast:answered:5',
      'fair:skipped:null',
    ]);
  });

  it('text: trimmed, bounded, control characters refused, prefer-not box exclusive', () => {
    const q: QuestionSpec = { code: 'why', type: 'long_text', preferNot: true, label: en('Why') };
    expect(read(q, { q_why: '  Because  ' }).answers[0].value).toBe('Because');
    expect(read(q, { q_why: 'x'.repeat(1_000_000) }).errors.q_why).toEqual({
      key: 'survey.error.tooLong',
      params: { max: 10_000 },
    });
    expect(read(q, { q_why: 'a\u0000b' }).errors.q_why.key).toBe('survey.error.invalidText');
    expect(states(read(q, { q_why__prefer_not: 'yes' }).answers)).toEqual(['-:prefer_not:null']);
    expect(read(q, { q_why: 'x', q_why__prefer_not: 'yes' }).errors.q_why.key).toBe(
      'survey.error.preferNotAlone',
    );
  });

  it('number: bounds, whole numbers, thousands separators', () => {
    const q: QuestionSpec = {
      code: 'n',
      type: 'number',
      label: en('How many'),
      settings: { min: 0, max: 5000, integer: true },
    };
    expect(read(q, { q_n: '1,200' }).answers[0]).toMatchObject({ value: '1200', number: 1200 });
    expect(read(q, { q_n: 'twelve' }).errors.q_n.key).toBe('survey.error.number');
    expect(read(q, { q_n: '2.5' }).errors.q_n.key).toBe('survey.error.wholeNumber');
    expect(read(q, { q_n: '9000' }).errors.q_n).toEqual({
      key: 'survey.error.numberBetween',
      params: { min: 0, max: 5000 },
    });
  });

  it('date: real calendar days only, within bounds', () => {
    expect(isCalendarDate('2027-02-28')).toBe(true);
    expect(isCalendarDate('2027-02-30')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    const q: QuestionSpec = {
      code: 'd',
      type: 'date',
      label: en('When'),
      settings: { min: '2020-01-01' },
    };
    expect(read(q, { q_d: '2027-02-30' }).errors.q_d.key).toBe('survey.error.date');
    expect(read(q, { q_d: '2019-12-31' }).errors.q_d.key).toBe('survey.error.dateMin');
    expect(read(q, { q_d: '2021-05-04' }).answers[0].value).toBe('2021-05-04');
  });

  it('ranking: every option a distinct rank, or none', () => {
    const q: QuestionSpec = {
      code: 'rank',
      type: 'ranking',
      label: en('Rank'),
      options: options('a', 'b', 'c'),
    };
    expect(states(read(q, { q_rank__a: '2', q_rank__b: '1', q_rank__c: '3' }).answers)).toEqual([
      'a:answered:2',
      'b:answered:1',
      'c:answered:3',
    ]);
    expect(read(q, { q_rank__a: '1', q_rank__b: '1', q_rank__c: '2' }).errors).toEqual({
      q_rank__b: { key: 'survey.error.rankTwice' },
    });
    expect(read(q, { q_rank__a: '1' }).errors.q_rank__b.key).toBe('survey.error.rankAll');
    expect(states(read(q, {}).answers)).toEqual(['-:skipped:null']);
  });

  it('consent must be ticked; information text stores nothing', () => {
    const q: QuestionSpec = { code: 'ok', type: 'consent', label: en('I agree') };
    expect(read(q, {}).errors.q_ok.key).toBe('survey.error.consent');
    expect(read(q, { q_ok: 'yes' }).answers[0].state).toBe('answered');
    expect(read({ code: 'i', type: 'info', label: en('Hi') }, {}).answers).toEqual([]);
  });

  it('a refused page stores nothing of it, and survives a body that is not an object', () => {
    const p = page(
      { code: 'a', type: 'short_text', label: en('A') },
      { code: 'b', type: 'yes_no', required: true, label: en('B') },
    );
    const r = readPage(p, { q_a: 'fine' }, new Map());
    expect(r.answers).toEqual([]);
    expect(Object.keys(r.errors)).toEqual(['q_b']);
    expect(readPage(p, 'junk', new Map()).errors.q_b).toBeDefined();
  });
});

describe('conditions across pages and completing a response', () => {
  const def = definitionOf([
    {
      questions: [
        {
          code: 'use',
          type: 'single_choice',
          required: true,
          label: en('Used 311?'),
          options: options('never', 'often'),
        },
      ],
    },
    {
      questions: [
        {
          code: 'ease',
          type: 'agreement',
          required: true,
          label: en('Easy?'),
          condition: { combine: 'all', rules: [{ question: 'use', op: 'equals', value: 'often' }] },
        },
        { code: 'why', type: 'short_text', label: en('Why?') },
      ],
    },
    {
      condition: { combine: 'all', rules: [{ question: 'use', op: 'equals', value: 'never' }] },
      questions: [
        { code: 'barrier', type: 'long_text', required: true, label: en('What stops you?') },
      ],
    },
  ]);

  it('a hidden question is stored as not shown, even when the post carries a value for it', () => {
    const first = readPage(def.pages[0], { q_use: 'never' }, new Map());
    const seen = seenFrom(def, first.answers);
    const second = readPage(def.pages[1], { q_ease: '5', q_why: 'x' }, seen);
    expect(states(second.answers)).toEqual(['-:not_shown:null', '-:answered:x']);
  });

  it('completing: answers hidden by a changed earlier answer become not shown; unreached pages skipped or missing', () => {
    const p1 = readPage(def.pages[0], { q_use: 'often' }, new Map()).answers;
    const p2 = readPage(def.pages[1], { q_ease: '4' }, seenFrom(def, p1)).answers;
    // The person goes back and changes "often" to "never": ease is now hidden, page 3 shown.
    const changed = readPage(def.pages[0], { q_use: 'never' }, new Map()).answers;
    const { answers, missingOnPage } = completeResponse(def, [...changed, ...p2]);
    expect(answers.map((a) => `${a.code}:${a.state}`)).toEqual([
      'use:answered',
      'ease:not_shown',
      'why:skipped',
      'barrier:skipped',
    ]);
    expect(missingOnPage).toBe(2);

    const done = completeResponse(def, [...p1, ...p2]);
    expect(done.missingOnPage).toBeNull();
    expect(done.answers.map((a) => `${a.code}:${a.state}`)).toEqual([
      'use:answered',
      'ease:answered',
      'why:skipped',
      'barrier:not_shown',
    ]);
  });
});
