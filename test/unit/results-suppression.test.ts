import { leakyFilters, suppress } from '../../src/results/suppression';

/** Every hidden entry: the cell can't be worked out from one sum with one unknown. */
function noSingleUnknown(t: ReturnType<typeof suppress>) {
  t.cells[0].forEach((_, c) => {
    const unknowns = t.cells.filter((row) => row[c]).length + (t.columnTotals[c] ? 1 : 0);
    expect(unknowns).not.toBe(1);
  });
  expect(t.rowTotals.filter(Boolean).length).not.toBe(1);
}

describe('suppress', () => {
  test('a table with no small counts hides nothing', () => {
    const t = suppress({
      counts: [
        [10, 5],
        [7, 0],
      ],
      rowTotals: [15, 7],
      columnTotals: [17, 5],
      rowsAddUp: true,
    });
    expect(t.cells.flat().some(Boolean)).toBe(false);
    expect(t.rowTotals).toEqual([false, false]);
  });

  test('a small cell hides a second cell in its column and its row', () => {
    const counts = [
      [3, 20, 12],
      [9, 15, 30],
      [11, 8, 25],
    ];
    const t = suppress({
      counts,
      rowTotals: counts.map((r) => r[0] + r[1] + r[2]),
      columnTotals: [23, 43, 67],
      rowsAddUp: true,
    });
    expect(t.cells[0][0]).toBe(true);
    // Its column 3 + 9 + 11 = 23: the next smallest (8? no, column 0: 9) is hidden too.
    expect(t.cells[1][0]).toBe(true);
    // Its row 3 + 20 + 12: a second cell of row 0 is hidden.
    expect(t.cells[0].filter(Boolean).length).toBeGreaterThanOrEqual(2);
    noSingleUnknown(t);
    for (const row of t.cells) expect(row.filter(Boolean).length).not.toBe(1);
  });

  test('a group under 5 people is hidden whole, and another group with it', () => {
    const t = suppress({
      counts: [
        [0, 3],
        [12, 20],
        [40, 2],
      ],
      rowTotals: [3, 32, 42],
      columnTotals: [52, 25],
    });
    expect(t.cells[0]).toEqual([true, true]);
    expect(t.rowTotals[0]).toBe(true);
    expect(t.rowTotals.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    noSingleUnknown(t);
  });

  test('zeros are shown unless their row is small', () => {
    const t = suppress({
      counts: [
        [0, 30],
        [10, 12],
      ],
      rowTotals: [30, 22],
      columnTotals: [10, 42],
    });
    expect(t.cells).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});

describe('leakyFilters', () => {
  test('a filter leaving out 1 to 4 people is refused; 0 or 5 and more is fine', () => {
    expect(leakyFilters(40, { language: 43, district: 40, channel: 45, study: 100 })).toEqual([
      'language',
    ]);
  });
});
