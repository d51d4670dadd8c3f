import {
  barChart,
  CHART_WIDTH,
  divergingChart,
  histogram,
  npsChart,
  numberBinEdges,
} from '../../src/results/survey/charts';
import {
  formatDuration,
  formatPercent,
  npsSplit,
  percent,
  topTwoBox,
} from '../../src/results/survey/stats';

/* The pure parts of the results charts and figures: geometry, scales, and the survey statistics. */

describe('stats', () => {
  test('percent of n, null when no one answered', () => {
    expect(percent(1, 4)).toBe(25);
    expect(percent(0, 0)).toBeNull();
    expect(formatPercent(100 / 3)).toBe('33.3%');
    expect(formatPercent(50)).toBe('50%');
    expect(formatPercent(null)).toBe('—');
  });

  test('top-2-box: 4–5 on the agreement scale, 9–10 on ratings, none elsewhere', () => {
    const counts = new Map([
      ['3', 2],
      ['4', 3],
      ['5', 5],
      ['9', 1],
    ]);
    expect(topTwoBox('agreement', counts, 10)).toBe(80);
    expect(topTwoBox('rating', counts, 10)).toBe(10);
    expect(topTwoBox('single_choice', counts, 10)).toBeNull();
  });

  test('NPS: detractors 0–6, passives 7–8, promoters 9–10, score rounded', () => {
    const counts = new Map([
      ['0', 1],
      ['6', 2],
      ['7', 1],
      ['8', 1],
      ['9', 2],
      ['10', 2],
    ]);
    expect(npsSplit(counts)).toEqual({ detractors: 3, passives: 2, promoters: 4, score: 11 });
    expect(npsSplit(new Map()).score).toBeNull();
  });

  test('durations read as minutes and seconds', () => {
    expect(formatDuration(1230)).toBe('20 min 30 s');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('charts', () => {
  test('bars: lengths in proportion to the share, labelled with count and percent', () => {
    const c = barChart([
      { label: 'A', count: 3, percent: 30 },
      { label: 'B', count: 6, percent: 60 },
      { label: 'C', count: 0, percent: 0 },
    ]);
    expect(c.bars[1].width).toBeCloseTo(c.bars[0].width * 2, 6);
    expect(c.bars[2].width).toBe(0);
    expect(c.bars.map((b) => b.value)).toEqual(['3 (30%)', '6 (60%)', '0 (0%)']);
    // d3's nice ticks: 0 to 60 (or beyond) and every bar fits inside the chart.
    expect(c.ticks[0].label).toBe('0%');
    expect(c.bars.every((b) => c.left + b.width <= CHART_WIDTH)).toBe(true);
  });

  test('diverging bars: disagreeing left of the centre, agreeing right, neutral across it', () => {
    const counts = new Map([
      ['1', 1],
      ['2', 1],
      ['3', 2],
      ['4', 3],
      ['5', 3],
    ]);
    const c = divergingChart([{ label: 'S', n: 10, counts }]);
    const [s1, s2, s3, s4, s5] = c.rows[0].segments;
    expect(s2.x + s2.width).toBeCloseTo(s3.x, 6);
    expect(s3.x + s3.width / 2).toBeCloseTo(c.centre, 6);
    expect(s4.x).toBeCloseTo(s3.x + s3.width, 6);
    expect(s5.width).toBeCloseTo(s4.width, 6);
    expect(s1.x).toBeLessThan(c.centre);
    // Distinct grey levels, and the disagreeing side hatched: not colour alone.
    expect(new Set(c.rows[0].segments.map((s) => s.fill)).size).toBe(5);
    expect(s1.pattern).toBe('hatch');
    expect(s5.label).toBe('30%');
  });

  test('the NPS bar splits its width by the three groups', () => {
    const c = npsChart({ detractors: 2, passives: 3, promoters: 5 });
    const total = c.segments.reduce((s, x) => s + x.width, 0);
    expect(c.segments[2].width / total).toBeCloseTo(0.5, 6);
    expect(c.segments.map((s) => s.label)).toEqual(['20%', '30%', '50%']);
  });

  test('histogram: column heights in proportion, integer ticks from 0', () => {
    const h = histogram([
      { label: '0', count: 2 },
      { label: '1', count: 4 },
      { label: '2', count: 0 },
    ]);
    expect(h.columns[1].height).toBeCloseTo(h.columns[0].height * 2, 6);
    expect(h.columns[2].height).toBe(0);
    expect(h.ticks.map((t) => t.label)[0]).toBe('0');
    expect(h.ticks.every((t) => Number.isInteger(Number(t.label)))).toBe(true);
  });

  test('number bins: nice bounds covering least to most, the last bin closed', () => {
    const { edges, labels } = numberBinEdges(18, 77);
    expect(edges[0]).toBeLessThanOrEqual(18);
    expect(edges.length).toBe(labels.length);
    expect(edges.length).toBeGreaterThanOrEqual(2);
    expect(labels[labels.length - 1]).toMatch(/^\d+ to \d+$/);
    expect(labels[0]).toMatch(/to under/);
    const tiny = numberBinEdges(1, 2);
    expect(tiny.edges.length).toBeGreaterThanOrEqual(2);
  });
});
