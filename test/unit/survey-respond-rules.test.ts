import { translator } from '../../src/i18n/i18n';
import { readPage } from '../../src/surveys/model/answers';
import { definitionOf } from '../../src/surveys/model/spec';
import {
  availability,
  languageFor,
  nextPage,
  previousPage,
  progressOf,
  recipientKey,
  resumeAt,
  reviewItems,
  seenBefore,
  shownPages,
  signKey,
  valuesFrom,
  verifyKey,
} from '../../src/surveys/respond/respond.rules';
import { sampleSurveySpec } from '../support/surveys';

const def = definitionOf(sampleSurveySpec().pages);
const page = (i: number) => def.pages[i];
const answer = (
  i: number,
  body: Record<string, unknown>,
  stored = [] as ReturnType<typeof readPage>['answers'],
) => readPage(page(i), body, seenBefore(def, stored, i)).answers;

describe('which pages a respondent sees', () => {
  test('before any answer: the pages whose conditions hold without answers', () => {
    expect(shownPages(def, [])).toEqual([0, 1]);
  });
  test('"never" shows page 3 and hides "ease"; "often" hides page 3', () => {
    const never = answer(0, { q_use: 'never' });
    expect(shownPages(def, never)).toEqual([0, 1, 2]);
    expect(nextPage(def, never, 1)).toBe(2);
    const often = answer(0, { q_use: 'often' });
    expect(shownPages(def, often)).toEqual([0, 1]);
    expect(nextPage(def, often, 1)).toBeNull();
    expect(previousPage(def, often, 1)).toBe(0);
    expect(previousPage(def, often, 0)).toBeNull();
    expect(progressOf(def, never, 2)).toEqual({ page: 3, of: 3 });
  });
  test('resuming at a page a change has hidden goes on to the next shown one, or the review', () => {
    const often = answer(0, { q_use: 'often' });
    expect(resumeAt(def, often, 2)).toBeNull();
    expect(resumeAt(def, often, 1)).toBe(1);
  });
});

test('stored answers go back into the form as they were chosen', () => {
  const rows = answer(0, {
    q_use: 'often',
    q_channels: ['app', 'other'],
    q_channels__other: 'Mail',
  });
  expect(valuesFrom(page(0).questions, rows)).toEqual({
    q_use: 'often',
    q_channels: ['app', 'other'],
    q_channels__other: 'Mail',
  });
  const preferNot = answer(0, { q_use: 'never', q_channels: '_prefer_not' });
  expect(valuesFrom(page(0).questions, preferNot).q_channels).toEqual(['_prefer_not']);
});

test('the review lists shown questions with their answers, skipped and prefer not to say', () => {
  const t = translator('es');
  const rows = [...answer(0, { q_use: 'never', q_channels: '_prefer_not' })];
  rows.push(...answer(1, {}, rows));
  const items = reviewItems(def, rows, 'es', t);
  expect(items.map((i) => [i.code, i.state, i.lines])).toEqual([
    ['use', 'answered', ['Nunca']],
    ['channels', 'prefer_not', []],
    ['nps', 'skipped', []],
    ['barrier', 'skipped', []],
  ]);
});

describe('whether a survey takes answers', () => {
  const now = '2027-01-01T00:00:00.000Z';
  const open = { status: 'open' as const, closes_at: null, response_limit: null };
  test.each([
    [{ ...open }, 0, true, 'open'],
    [{ ...open, status: 'draft' as const }, 0, true, 'draft'],
    [{ ...open, status: 'closed' as const }, 0, false, 'closed'],
    [{ ...open, closes_at: '2026-12-31T23:59:59.000Z' }, 0, false, 'closed'],
    [{ ...open, closes_at: '2027-01-02T00:00:00.000Z' }, 0, false, 'open'],
    [{ ...open, response_limit: 3 }, 3, true, 'full'],
    // A response already started may still be submitted once the limit is reached.
    [{ ...open, response_limit: 3 }, 3, false, 'open'],
  ])('%o with %i submitted (starting: %s) → %s', (survey, submitted, starting, want) => {
    expect(availability(survey, now, submitted, starting)).toBe(want);
  });
});

test('keys: a recipient’s key is an HMAC for anonymous surveys; an open link’s cookie cannot be forged', () => {
  expect(recipientKey(7, false, 's')).toBe('recipient:7');
  const anon = recipientKey(7, true, 's');
  expect(anon).toMatch(/^anon:/);
  expect(anon).toMatch(/^anon:[\w-]{43}$/);
  expect(recipientKey(7, true, 'other secret')).not.toBe(anon);
  const cookie = signKey('s', 1, 'abcdefghijklmnop');
  expect(verifyKey('s', 1, cookie)).toBe('abcdefghijklmnop');
  expect(verifyKey('s', 2, cookie)).toBeNull();
  expect(verifyKey('t', 1, cookie)).toBeNull();
  expect(verifyKey('s', 1, 'abcdefghijklmnop.forged')).toBeNull();
  expect(verifyKey('s', 1, undefined)).toBeNull();
});

test('the language: the person’s if offered, else the survey’s first', () => {
  expect(languageFor('es', ['en', 'es'])).toBe('es');
  expect(languageFor('ko', ['en', 'es'])).toBe('en');
  expect(languageFor(null, ['es'])).toBe('es');
});
