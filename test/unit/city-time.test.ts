import {
  cityInputValue,
  formatCityTime,
  isAmbiguousLocal,
  occurrenceNote,
  parseCityTime,
} from '../../src/studies/city-time';

const LA = 'America/Los_Angeles';

describe('parseCityTime', () => {
  test('a summer evening is PDT (UTC-7)', () => {
    expect(parseCityTime('2026-07-15T18:00', LA)).toEqual({
      ok: true,
      utc: '2026-07-16T01:00:00.000Z',
      ambiguous: false,
      abbreviation: 'PDT',
    });
  });

  test('a winter evening is PST (UTC-8)', () => {
    expect(parseCityTime('2026-12-10T18:00', LA)).toEqual({
      ok: true,
      utc: '2026-12-11T02:00:00.000Z',
      ambiguous: false,
      abbreviation: 'PST',
    });
  });

  test('a time skipped when the clocks spring forward is refused', () => {
    expect(parseCityTime('2027-03-14T02:30', LA)).toEqual({ ok: false, problem: 'gap' });
    expect(parseCityTime('2027-03-14T02:00', LA)).toEqual({ ok: false, problem: 'gap' });
    // Either side of the gap is fine.
    expect(parseCityTime('2027-03-14T01:59', LA)).toMatchObject({ ok: true, abbreviation: 'PST' });
    expect(parseCityTime('2027-03-14T03:00', LA)).toMatchObject({
      ok: true,
      utc: '2027-03-14T10:00:00.000Z',
      abbreviation: 'PDT',
    });
  });

  test('a time that happens twice when the clocks fall back is its first occurrence (PDT)', () => {
    expect(parseCityTime('2026-11-01T01:30', LA)).toEqual({
      ok: true,
      utc: '2026-11-01T08:30:00.000Z',
      ambiguous: true,
      abbreviation: 'PDT',
    });
    expect(parseCityTime('2026-11-01T02:30', LA)).toMatchObject({
      ok: true,
      ambiguous: false,
      abbreviation: 'PST',
    });
  });

  test.each([
    '',
    '2026-13-01T10:00',
    '2026-02-30T10:00',
    '2026-01-01T24:00',
    'tomorrow',
    '2026-01-01',
  ])('%j is not a date and time', (text) =>
    expect(parseCityTime(text, LA)).toEqual({ ok: false, problem: 'format' }),
  );

  test('a space instead of the T is accepted (typed without a date picker)', () => {
    expect(parseCityTime('2026-07-15 18:00', LA)).toMatchObject({ ok: true });
  });
});

describe('round trip', () => {
  test.each([
    '2026-07-15T18:00',
    '2026-12-10T09:15',
    '2027-03-14T03:00',
    '2026-11-01T00:59',
    '2026-11-01T01:30',
    '2026-11-01T02:00',
  ])('%s → UTC → the same field value', (text) => {
    const parsed = parseCityTime(text, LA);
    if (!parsed.ok) throw new Error('not parsed');
    expect(cityInputValue(parsed.utc, LA)).toBe(text);
  });
});

describe('showing a time', () => {
  test('with the zone abbreviation, summer and winter', () => {
    expect(formatCityTime('2026-07-16T01:00:00.000Z', LA)).toBe('Wed, Jul 15, 2026, 6:00 PM PDT');
    expect(formatCityTime('2026-12-11T02:00:00.000Z', LA)).toBe('Thu, Dec 10, 2026, 6:00 PM PST');
  });

  test('the two 1:30s of the fall-back night are told apart', () => {
    expect(formatCityTime('2026-11-01T08:30:00.000Z', LA)).toBe('Sun, Nov 1, 2026, 1:30 AM PDT');
    expect(formatCityTime('2026-11-01T09:30:00.000Z', LA)).toBe('Sun, Nov 1, 2026, 1:30 AM PST');
    expect(isAmbiguousLocal('2026-11-01T08:30:00.000Z', LA)).toBe(true);
    expect(isAmbiguousLocal('2026-11-01T10:30:00.000Z', LA)).toBe(false);
    expect(occurrenceNote('2026-11-01T08:30:00.000Z', LA)).toMatch(/the first one \(PDT\)/);
    expect(occurrenceNote('2026-11-01T09:30:00.000Z', LA)).toMatch(/the second one \(PST\)/);
    expect(occurrenceNote('2026-07-16T01:00:00.000Z', LA)).toBeNull();
  });
});
