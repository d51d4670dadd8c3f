import {
  accommodationSummary,
  checkInOpen,
  historyChange,
  outcomeStatus,
  showRate,
  undoStatus,
  type Held,
} from '../../src/studies/attendance/attendance.rules';
import {
  dollars,
  looksLikeCardNumber,
  owedCents,
} from '../../src/studies/incentives/incentives.rules';
import { overRecruitRate } from '../../src/studies/sampling/quota-draw';
import { overRecruitWhy } from '../../src/studies/sampling/sample.view';

const TZ = 'America/Los_Angeles';
const held = (over: Partial<Held>): Held => ({
  status: 'confirmed',
  late_cancellation: 0,
  outcome_from: null,
  walk_in: 0,
  ...over,
});

describe('outcomes', () => {
  test.each([
    ['confirmed', 'attended', 'attended'],
    ['confirmed', 'no_show', 'no_show'],
    ['confirmed', 'late_cancellation', 'cancelled'],
    ['waitlisted', 'attended', 'attended'],
    // Someone waiting was never expected: no no-show, no late cancellation for them.
    ['waitlisted', 'no_show', null],
    ['waitlisted', 'late_cancellation', null],
    // A recorded outcome changes through an undo first.
    ['attended', 'no_show', null],
    ['no_show', 'attended', null],
    ['cancelled', 'attended', null],
  ] as const)('%s + %s → %s', (from, outcome, to) => {
    expect(outcomeStatus(from, outcome)).toBe(to);
  });

  test.each([
    [held({ status: 'attended', outcome_from: 'confirmed' }), 'confirmed'],
    [held({ status: 'attended', outcome_from: 'waitlisted' }), 'waitlisted'],
    [held({ status: 'no_show', outcome_from: 'confirmed' }), 'confirmed'],
    [held({ status: 'cancelled', late_cancellation: 1, outcome_from: 'confirmed' }), 'confirmed'],
    // A walk-in leaves the roster.
    [held({ status: 'attended', walk_in: 1 }), 'cancelled'],
    // Nothing recorded at check-in: nothing to undo.
    [held({ status: 'confirmed' }), null],
    [held({ status: 'cancelled', late_cancellation: 1 }), null],
    [held({ status: 'cancelled' }), null],
  ])('undo of %j → %s', (r, to) => {
    expect(undoStatus(r)).toBe(to);
  });

  test.each([
    ['confirmed', 'attended', { attended: 1, noShows: 0 }],
    ['confirmed', 'no_show', { attended: 0, noShows: 1 }],
    ['no_show', 'confirmed', { attended: 0, noShows: -1 }],
    ['attended', 'cancelled', { attended: -1, noShows: 0 }],
    ['confirmed', 'cancelled', { attended: 0, noShows: 0 }],
  ] as const)('history %s → %s moves by %j', (from, to, change) => {
    expect(historyChange(from, to)).toEqual(change);
  });
});

describe('check-in opens at midnight of the session day in the city', () => {
  // 2027-07-15 18:00 PDT.
  const start = '2027-07-16T01:00:00.000Z';
  test.each([
    ['2027-07-15T06:59:59.000Z', false],
    ['2027-07-15T07:00:00.000Z', true],
    ['2027-07-16T03:00:00.000Z', true],
    ['2027-08-01T00:00:00.000Z', true],
  ])('at %s: %s', (now, open) => {
    expect(checkInOpen(start, TZ, new Date(now))).toBe(open);
  });
});

describe('show rate and over-recruitment', () => {
  test('too little history is none: the 20% default', () => {
    expect(showRate(0, 0)).toBeNull();
    expect(showRate(8, 1)).toBeNull();
    expect(overRecruitRate(showRate(8, 1))).toBe(0.2);
    expect(overRecruitWhy({ attended: 0, noShows: 0, rate: null })).toBe(
      'there is no attendance history yet, so the 20% default is used',
    );
    expect(overRecruitWhy({ attended: 8, noShows: 1, rate: null })).toContain(
      '9 recorded outcomes at past sessions; 10 are needed',
    );
  });

  test('a measured rate sets the over-recruitment and is named', () => {
    const rate = showRate(8, 2)!;
    expect(rate).toBe(0.8);
    expect(overRecruitRate(rate)).toBeCloseTo(0.25);
    expect(overRecruitWhy({ attended: 8, noShows: 2, rate })).toBe(
      'the pool’s show rate over past sessions is 80% (8 attended of 10 expected; walk-ins not counted)',
    );
  });
});

describe('accommodations rolled up', () => {
  const name = (c: string) => ({ es: 'Spanish', ko: 'Korean', en: 'English' })[c] ?? c;
  const p = (
    needs: string[],
    interpreterLanguage: string | null = null,
    accommodations: string | null = null,
  ) => ({
    needs,
    interpreterLanguage,
    accommodations,
  });

  test('the issue’s example', () => {
    expect(
      accommodationSummary(
        [p(['interpreter'], 'es'), p(['interpreter', 'wheelchair'], 'es'), p(['asl']), p([])],
        'en',
        name,
      ),
    ).toBe('2 need Spanish interpretation, 1 wheelchair access, 1 ASL');
  });

  test('an interpreter in the session’s own language is not needed; stated needs count', () => {
    expect(
      accommodationSummary([p(['interpreter'], 'es'), p([], null, 'Large print')], 'es', name),
    ).toBe('1 stated accommodations for this session');
  });

  test('no one needs anything: empty', () => {
    expect(accommodationSummary([p([]), p([], null, '  ')], 'en', name)).toBe('');
  });
});

describe('incentives', () => {
  test('owed when attended: the session’s amount, else the study’s', () => {
    expect(owedCents('attended', 5000, 2500)).toBe(5000);
    expect(owedCents('attended', 0, 2500)).toBe(2500);
    expect(owedCents('no_show', 5000, 2500)).toBe(0);
    expect(owedCents('confirmed', 5000, 2500)).toBe(0);
  });

  test('amounts in dollars', () => {
    expect(dollars(5000)).toBe('$50');
    expect(dollars(1250)).toBe('$12.50');
  });

  test.each([
    ['4821', false],
    ['card ending 4821', false],
    ['4111 1111 1111 1111', true],
    ['4111-1111-1111-1111', true],
    ['12345678', false],
    ['1234 5678 9012', true],
    ['given 2027-07-15', false],
    ['batch 2027-07', false],
  ])('%j looks like a full card number: %s', (note, yes) => {
    expect(looksLikeCardNumber(note)).toBe(yes);
  });
});
