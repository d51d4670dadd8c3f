import type { AnswerCell } from '../../src/results/survey/aggregate.queries';
import { subtractCells } from '../../src/results/survey/aggregate.queries';
import { binCounts, cellQuestions, numberPoints, tally } from '../../src/results/survey/tally';
import type { QuestionDef } from '../../src/surveys/model/definition';

/* From answer cells (counted in SQL) to the figures' counts: the sums a results page rests on. */

const question = (id: number, code: string, type: string, options: string[] = []) =>
  ({
    id,
    code,
    type,
    options: options.map((o) => ({ id: 0, code: o, label: {}, isOther: false })),
    statements: [],
  }) as unknown as QuestionDef;

const cell = (
  questionId: number,
  state: string,
  item: string,
  value: string | null,
  rows: number,
  x: number | null = null,
): AnswerCell => ({
  questionId,
  state,
  item,
  value,
  rows,
  numbers: x === null ? 0 : rows,
  sum: x === null ? null : x * rows,
  min: x,
  max: x,
  grp: '',
});

test('a multi-select counts the people who answered once, across its options and versions', () => {
  // Version 1 (id 1) and version 2 (id 2) of the same question; every answer has a row per option.
  const qs = [
    question(2, 'ch', 'multi_choice', ['a', 'b', 'c']),
    question(1, 'ch', 'multi_choice', ['a', 'b']),
  ];
  const counts = tally(
    [
      cell(2, 'answered', 'a', '1', 3, 1),
      cell(2, 'not_selected', 'a', '0', 2, 0),
      cell(2, 'answered', 'b', '1', 1, 1),
      cell(2, 'not_selected', 'b', '0', 4, 0),
      cell(2, 'not_selected', 'c', '0', 5, 0),
      cell(2, 'skipped', '', null, 2),
      cell(1, 'answered', 'a', '1', 4, 1),
      cell(1, 'not_selected', 'b', '0', 4, 0),
    ],
    qs,
  );
  const state = (s: string) => counts.states.find((c) => c.code === 'ch' && c.state === s)?.n;
  expect(state('answered')).toBe(5 + 4);
  expect(state('skipped')).toBe(2);
  const ticked = (o: string) => counts.values.find((v) => v.item === o && v.value === '1')?.n ?? 0;
  expect([ticked('a'), ticked('b'), ticked('c')]).toEqual([7, 1, 0]);
  // Multi-selects have no mean.
  expect(counts.stats).toEqual([]);
});

test('scales give n, mean, least and most from their value cells; grids per statement', () => {
  const qs = [question(5, 'ease', 'agreement'), question(6, 'grid', 'agreement_grid')];
  const counts = tally(
    [
      cell(5, 'answered', '', '4', 3, 4),
      cell(5, 'answered', '', '2', 1, 2),
      cell(5, 'prefer_not', '', null, 2),
      cell(6, 'answered', 's1', '5', 2, 5),
      cell(6, 'answered', 's2', '1', 2, 1),
      cell(6, 'not_shown', 's2', null, 1),
    ],
    qs,
  );
  expect(counts.stats.find((s) => s.code === 'ease')).toMatchObject({
    n: 4,
    mean: 14 / 4,
    min: 2,
    max: 4,
  });
  expect(counts.states).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: 'ease', item: '', state: 'answered', n: 4 }),
      expect.objectContaining({ code: 'ease', item: '', state: 'prefer_not', n: 2 }),
      expect.objectContaining({ code: 'grid', item: 's2', state: 'answered', n: 2 }),
      expect.objectContaining({ code: 'grid', item: 's2', state: 'not_shown', n: 1 }),
    ]),
  );
  expect(counts.stats.find((s) => s.code === 'grid' && s.item === 's1')?.mean).toBe(5);
});

test('the cells of responses in progress come off exactly; an emptied cell goes', () => {
  const all = [
    cell(5, 'answered', '', '4', 10, 4),
    cell(5, 'answered', '', '2', 3, 2),
    cell(7, 'answered', '', null, 6),
  ];
  const less = [
    cell(5, 'answered', '', '4', 4, 4),
    cell(5, 'answered', '', '2', 3, 2),
    cell(7, 'answered', '', null, 1),
  ];
  expect(subtractCells(all, less)).toEqual([
    cell(5, 'answered', '', '4', 6, 4),
    cell(7, 'answered', '', null, 5),
  ]);
});

test('number questions are counted by value; the histogram bins those counts', () => {
  const qs = [
    question(8, 'age', 'number'),
    question(9, 'why', 'long_text'),
    question(10, 'note', 'info'),
  ];
  expect(cellQuestions(qs)).toEqual({ byValue: [8], byState: [9] });
  const cells = [
    cell(8, 'answered', '', '3', 2, 3),
    cell(8, 'answered', '', '3.0', 1, 3),
    cell(8, 'answered', '', '10', 4, 10),
    cell(8, 'answered', '', '25', 1, 25),
    cell(8, 'skipped', '', null, 7),
  ];
  const points = numberPoints(cells, qs, 'age');
  expect(points).toEqual([
    { x: 3, n: 3 },
    { x: 10, n: 4 },
    { x: 25, n: 1 },
  ]);
  // Bins [0, 10), [10, 20), [20, …): a bound belongs to the bin it starts.
  expect(binCounts(points, [0, 10, 20])).toEqual([3, 4, 1]);
  expect(tally(cells, qs).stats[0]).toMatchObject({
    n: 8,
    min: 3,
    max: 25,
    mean: (9 + 40 + 25) / 8,
  });
});
