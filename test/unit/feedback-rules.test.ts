import {
  isPseudonymWithin,
  pseudonymChoices,
  pseudonymLabels,
} from '../../src/feedback/pseudonym.rules';
import { mergePlan, themeKey, themeName } from '../../src/feedback/theme.rules';
import { DRIVERS, SENTIMENTS } from '../../src/feedback/vocabulary';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SEEDS_DIR } from '../../src/paths';

describe('pseudonyms', () => {
  test('P1 … Pn in registration id order, for those who held a seat or came', () => {
    const labels = pseudonymLabels([
      { id: 9, status: 'attended' },
      { id: 3, status: 'confirmed' },
      { id: 5, status: 'waitlisted' },
      { id: 4, status: 'cancelled' },
      { id: 7, status: 'no_show' },
    ]);
    expect([...labels.entries()]).toEqual([
      [3, 'P1'],
      [7, 'P2'],
      [9, 'P3'],
    ]);
  });

  test('recording a no-show or checking someone in renumbers no one', () => {
    const before = pseudonymLabels([
      { id: 1, status: 'confirmed' },
      { id: 2, status: 'confirmed' },
      { id: 3, status: 'confirmed' },
    ]);
    const after = pseudonymLabels([
      { id: 1, status: 'attended' },
      { id: 2, status: 'no_show' },
      { id: 3, status: 'attended' },
      { id: 4, status: 'attended' }, // a walk-in comes last
    ]);
    for (const [id, label] of before) expect(after.get(id)).toBe(label);
    expect(after.get(4)).toBe('P4');
  });

  test('choices and bounds', () => {
    expect(pseudonymChoices(3)).toEqual(['P1', 'P2', 'P3']);
    expect(pseudonymChoices(0)).toEqual([]);
    expect(isPseudonymWithin('P3', 3)).toBe(true);
    for (const bad of ['P4', 'P0', 'p1', 'P01', 'P', 'P1 ', 'Ana', 'P-1'])
      expect(isPseudonymWithin(bad, 3)).toBe(false);
  });
});

describe('theme names', () => {
  test('trimmed, spaces collapsed; the key ignores case', () => {
    expect(themeName('  Waiting \t  times\n')).toBe('Waiting times');
    expect(themeKey('WAITING   Times')).toBe(themeKey('waiting times'));
    expect(themeKey('Caf\u0065\u0301')).toBe(themeKey('CAF\u00c9'));
    expect(themeKey('Waiting time')).not.toBe(themeKey('Waiting times'));
  });
});

describe('merge plan', () => {
  test('notes of A not yet tagged B get B once; those with both only lose A', () => {
    expect(mergePlan([5, 1, 3, 3], [3, 8])).toEqual({ add: [1, 5], alreadyBoth: 1 });
    expect(mergePlan([], [1])).toEqual({ add: [], alreadyBoth: 0 });
    expect(mergePlan([2], [])).toEqual({ add: [2], alreadyBoth: 0 });
  });
});

test('the drivers are the A-11 §280 drivers of the reference data; sentiments as designed', () => {
  const csv = fs.readFileSync(path.join(SEEDS_DIR, 'omb_a11_280_questions.csv'), 'utf8');
  const drivers = (parse(csv, { columns: true }) as { driver: string }[]).map((r) => r.driver);
  expect([...DRIVERS].sort()).toEqual([...drivers].sort());
  expect(SENTIMENTS).toEqual(['praise', 'pain_point', 'suggestion']);
});
