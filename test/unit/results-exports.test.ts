import { cityIsoFormatter } from '../../src/results/exports/city-iso';
import { newPseudonymizer } from '../../src/results/exports/pseudonym';
import {
  factNames,
  columnKind,
  fillCells,
  widePlan,
  type SurveyVersion,
} from '../../src/results/exports/responses/wide-plan';
import type { QuestionDef } from '../../src/surveys/model/definition';

test('a pseudonym is R + 10 hex, stable within one export, different in another', () => {
  const a = newPseudonymizer();
  const b = newPseudonymizer();
  expect(a(42)).toMatch(/^R[0-9a-f]{10}$/);
  expect(a(42)).toBe(a(42));
  expect(a(43)).not.toBe(a(42));
  expect(b(42)).not.toBe(a(42));
  // A fixed salt gives the same pseudonyms (the salt is all that differs between exports).
  const salt = Buffer.alloc(32, 7);
  expect(newPseudonymizer(salt)(42)).toBe(newPseudonymizer(salt)(42));
});

test('city time with its offset, across daylight-saving changes', () => {
  const la = cityIsoFormatter('America/Los_Angeles');
  expect(la('2027-01-15T18:30:00.000Z')).toBe('2027-01-15T10:30:00-08:00');
  expect(la('2027-07-01T17:00:00.000Z')).toBe('2027-07-01T10:00:00-07:00');
  // The spring change at 10:00 UTC on 14 March 2027: either side of it, in the same UTC day.
  expect(la('2027-03-14T09:59:59.000Z')).toBe('2027-03-14T01:59:59-08:00');
  expect(la('2027-03-14T10:00:00.000Z')).toBe('2027-03-14T03:00:00-07:00');
  expect(la(null)).toBe('');
  // A zone whose change falls inside a UTC hour (Lord Howe: 30 minutes at 15:00 UTC).
  const lh = cityIsoFormatter('Australia/Lord_Howe');
  expect(lh('2027-04-03T14:59:00.000Z')).toBe('2027-04-04T01:59:00+11:00');
  expect(lh('2027-04-03T15:01:00.000Z')).toBe('2027-04-04T01:31:00+10:30');
  expect(cityIsoFormatter('Asia/Kolkata')('2027-01-01T00:00:00Z')).toBe(
    '2027-01-01T05:30:00+05:30',
  );
});

const question = (id: number, code: string, type: QuestionDef['type'], items: string[] = []) =>
  ({
    id,
    code,
    type,
    required: false,
    preferNot: true,
    texts: { label: { en: code }, help: {} },
    settings: {},
    condition: null,
    options:
      type === 'agreement_grid'
        ? []
        : items.map((c, i) => ({ id: id * 10 + i, code: c, label: { en: c }, isOther: false })),
    statements:
      type === 'agreement_grid'
        ? items.map((c, i) => ({ id: id * 10 + i, code: c, label: { en: c }, isOther: false }))
        : [],
    service: null,
    stage: null,
    driver: null,
  }) as QuestionDef;

const version = (id: number, n: number, questions: QuestionDef[]): SurveyVersion => ({
  id,
  number: n,
  def: { languages: ['en'], pages: [{ id, position: 0, title: {}, condition: null, questions }] },
});

test('the wide plan: the union of every version in order; what a version lacks stays blank', () => {
  const v1 = version(1, 1, [
    question(1, 'use', 'single_choice', ['never', 'often']),
    question(2, 'language', 'multi_choice', ['app', 'web']),
    question(3, 'intro', 'info'),
  ]);
  const v2 = version(2, 2, [
    question(11, 'use', 'single_choice', ['never', 'often']),
    question(12, 'language', 'multi_choice', ['app', 'web', 'phone']),
    question(13, 'grid', 'agreement_grid', ['fast', 'fair']),
    question(14, 'rank', 'ranking', ['a', 'b']),
    question(15, 'channel', 'short_text'),
  ]);
  const plan = widePlan([v1, v2], null);
  const names = plan.columns.map((c) => c.name);
  expect(names).toEqual([
    'use',
    'language__app',
    'language__web',
    'language__phone',
    'grid__fast',
    'grid__fair',
    'rank__a',
    'rank__b',
    'channel',
  ]);
  // A question coded like a response column: the response's column gives way.
  expect(factNames(plan.columns)).toEqual([
    'respondent',
    'version',
    'language',
    'response_channel',
    'submitted_at',
    'council_district',
    'myla311_use',
  ]);
  const row = () => new Array<string>(names.length).fill('');
  const old = row();
  fillCells(
    plan,
    [
      { question_id: 1, item: '', state: 'answered', value: 'often', other_text: null },
      { question_id: 2, item: 'app', state: 'not_selected', value: '0', other_text: null },
      { question_id: 2, item: 'web', state: 'answered', value: '1', other_text: null },
    ],
    old,
  );
  expect(old).toEqual(['often', '0', '1', '', '', '', '', '', '']);
  const now = row();
  fillCells(
    plan,
    [
      { question_id: 11, item: '', state: 'not_shown', value: null, other_text: null },
      { question_id: 12, item: '', state: 'prefer_not', value: null, other_text: null },
      { question_id: 13, item: 'fast', state: 'answered', value: '4', other_text: null },
      { question_id: 13, item: 'fair', state: 'skipped', value: null, other_text: null },
      { question_id: 14, item: 'a', state: 'answered', value: '2', other_text: null },
      { question_id: 14, item: 'b', state: 'answered', value: '1', other_text: null },
      { question_id: 15, item: '', state: 'answered', value: '@me', other_text: null },
    ],
    now,
  );
  // Cells as stored: the CSV writer neutralises by the column's kind, not the plan.
  expect(now).toEqual(['', '-98', '-98', '-98', '4', '-99', '2', '1', '@me']);
  // Free text is an 'answer' column; codes, 0/1 and ranks are 'code'; with labels asked for,
  // a choice's or a scale's column holds labels, so 'answer' too.
  expect(plan.columns.map(columnKind)).toEqual([
    'code',
    'code',
    'code',
    'code',
    'code',
    'code',
    'code',
    'code',
    'answer',
  ]);
  const labelled = widePlan([v1, v2], 'es');
  expect(labelled.columns.map((c) => [c.name, columnKind(c)])).toEqual([
    ['use', 'answer'],
    ['language__app', 'code'],
    ['language__web', 'code'],
    ['language__phone', 'code'],
    ['grid__fast', 'answer'],
    ['grid__fair', 'answer'],
    ['rank__a', 'code'],
    ['rank__b', 'code'],
    ['channel', 'answer'],
  ]);
});
