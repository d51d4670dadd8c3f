import { readShares } from '../../src/results/representation/city-shares.rules';
import { dimensionTable, gapWords } from '../../src/results/representation/representation.rules';
import { quarterOf, quartersBetween } from '../../src/results/scorecard/quarters';

const ZONE = 'America/Los_Angeles';
const groups = [
  { code: 'a', label: 'A' },
  { code: 'b', label: 'B' },
  { code: 'c', label: 'C' },
];

describe('city shares form', () => {
  test('percents become fractions; blanks have no figure', () => {
    const r = readShares(
      { x_a: '12.5', x_b: '', x_c: '7 %', x_source: ' ACS ', x_year: '2023' },
      'x' as never,
      groups,
    );
    expect(r).toEqual({
      ok: true,
      data: {
        dimension: 'x',
        shares: [
          { code: 'a', share: 0.125 },
          { code: 'c', share: 0.07 },
        ],
        source: 'ACS',
        year: 2023,
      },
    });
  });

  test('allows half a point over 100 % for rounding, not more', () => {
    const body = (v: string) => ({ d_a: v, d_b: '50', d_source: 'S', d_year: '2020' });
    expect(readShares(body('50.5'), 'd' as never, groups).ok).toBe(true);
    expect(readShares(body('50.6'), 'd' as never, groups)).toEqual({
      ok: false,
      errors: { d_shares: 'The shares add up to 100.6 %: they must add up to 100 % or less' },
    });
  });

  test('nothing entered needs no source or year (it clears the figures)', () => {
    expect(readShares({}, 'd' as never, groups)).toMatchObject({ ok: true, data: { shares: [] } });
  });
});

describe('representativeness table', () => {
  const city = new Map([
    ['a', 0.5],
    ['b', 0.3],
    ['c', 0.2],
  ]);

  test('shares of those who gave the dimension, gaps in points, large ones marked', () => {
    const t = dimensionTable(
      groups,
      [
        { code: 'a', n: 30 },
        { code: 'b', n: 10 },
        { code: 'c', n: 10 },
        { code: null, n: 6 },
      ],
      city,
    );
    expect(t.total).toBe(56);
    expect(t.rows.map((r) => [r.label, r.count, r.panelPercent, r.large])).toEqual([
      ['A', 30, 60, true],
      ['B', 10, 20, true],
      ['C', 10, 20, false],
      ['Not given', 6, null, false],
    ]);
    expect(t.rows[1].gap).toBeCloseTo(-10);
  });

  test('a group of 3 is hidden with its complement; shares then of everyone', () => {
    const t = dimensionTable(
      groups,
      [
        { code: 'a', n: 20 },
        { code: 'b', n: 3 },
        { code: 'c', n: 7 },
        { code: null, n: 2 },
      ],
      city,
    );
    expect(t.rows.map((r) => r.count)).toEqual([20, null, 7, null]);
    expect(t.rows.map((r) => r.panelPercent)).toEqual([
      (100 * 20) / 32,
      null,
      (100 * 7) / 32,
      null,
    ]);
  });

  test.each([
    [-6.24, 'under by 6.2 points'],
    [1, 'over by 1.0 point'],
    [0.04, 'even'],
  ])('gap %p in words: %p', (gap, words) => {
    expect(gapWords(gap)).toBe(words);
  });
});

describe('city-time quarters', () => {
  test('a quarter starts at midnight in the city, in UTC across daylight saving', () => {
    expect(quarterOf('2026-01-01T07:59:59.000Z', ZONE).label).toBe('2025-Q4');
    expect(quarterOf('2026-01-01T08:00:00.000Z', ZONE)).toEqual({
      label: '2026-Q1',
      fromUtc: '2026-01-01T08:00:00.000Z',
      toUtc: '2026-04-01T07:00:00.000Z',
    });
  });

  test('every quarter between two instants, in order', () => {
    expect(
      quartersBetween('2025-11-15T20:00:00.000Z', '2026-07-01T06:00:00.000Z', ZONE).map(
        (q) => q.label,
      ),
    ).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });
});
