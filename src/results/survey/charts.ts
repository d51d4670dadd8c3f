import { scaleBand, scaleLinear } from 'd3-scale';
import { formatPercent } from './stats';

/*
 * The geometry of the results charts, drawn as SVG by views/results/survey/chart-*.ejs (no
 * JavaScript in the browser). Scales and ticks come from d3-scale. Each mark carries its own
 * direct label, and fills are distinct grey levels with patterns, so a chart reads printed in
 * grayscale and never by colour alone. Pure: no database, no HTML.
 */

export const CHART_WIDTH = 560;
/** Room at each end for a tick's label. */
const EDGE = 24;

export interface Tick {
  x: number;
  label: string;
}

export interface Bar {
  label: string;
  y: number;
  width: number;
  /** Written at the bar's end: "12 (40%)". */
  value: string;
}

export interface BarChart {
  width: number;
  height: number;
  /** Where bars start (the axis at 0). */
  left: number;
  barHeight: number;
  bars: Bar[];
  ticks: Tick[];
}

const BAR_ROW = 44;
const BAR_HEIGHT = 18;
const LEFT = 16;
const RIGHT = 96;

/** Horizontal bars, one per option, each its share of the people who answered. */
export function barChart(items: { label: string; count: number; percent: number | null }[]) {
  const max = Math.max(1, ...items.map((i) => i.percent ?? 0));
  const x = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([0, CHART_WIDTH - LEFT - RIGHT]);
  const bars = items.map((item, i) => ({
    label: item.label,
    y: i * BAR_ROW + 18,
    width: Math.max(item.count > 0 ? 1 : 0, x(item.percent ?? 0)),
    value: `${item.count} (${formatPercent(item.percent)})`,
  }));
  const height = items.length * BAR_ROW + 30;
  const ticks = x.ticks(4).map((t) => ({ x: LEFT + x(t), label: `${t}%` }));
  return { width: CHART_WIDTH, height, left: LEFT, barHeight: BAR_HEIGHT, bars, ticks };
}

/** The five agreement points, disagreeing first: fill (grey level) and pattern of each. */
export const AGREEMENT_STYLE = [
  { point: '1', fill: '#1b1b1b', pattern: 'hatch', text: '#ffffff' },
  { point: '2', fill: '#71767a', pattern: 'hatch', text: '#ffffff' },
  { point: '3', fill: '#dfe1e2', pattern: null, text: '#1b1b1b' },
  { point: '4', fill: '#a9aeb1', pattern: null, text: '#1b1b1b' },
  { point: '5', fill: '#3d4551', pattern: null, text: '#ffffff' },
] as const;

export interface Segment {
  point: string;
  x: number;
  width: number;
  fill: string;
  pattern: string | null;
  text: string;
  /** The percentage, written inside when the segment is wide enough, else ''. */
  label: string;
}

export interface DivergingRow {
  label: string;
  y: number;
  segments: Segment[];
  n: number;
}

const SEGMENT_LABEL_MIN = 30;

/**
 * Diverging stacked bars for the agreement scale: disagreeing left of the centre line, agreeing
 * right, the neutral point split across it. One row per statement (or the one question).
 */
export function divergingChart(
  rows: { label: string; n: number; counts: ReadonlyMap<string, number> }[],
) {
  const share = (r: (typeof rows)[number], p: string) =>
    r.n > 0 ? ((r.counts.get(p) ?? 0) / r.n) * 100 : 0;
  const extent = Math.max(
    10,
    ...rows.flatMap((r) => {
      const half = share(r, '3') / 2;
      return [share(r, '1') + share(r, '2') + half, share(r, '4') + share(r, '5') + half];
    }),
  );
  const x = scaleLinear()
    .domain([-extent, extent])
    .nice(4)
    .range([EDGE, CHART_WIDTH - EDGE]);
  const out: DivergingRow[] = rows.map((r, i) => {
    let at = -(share(r, '1') + share(r, '2') + share(r, '3') / 2);
    const segments = AGREEMENT_STYLE.map((s) => {
      const p = share(r, s.point);
      const seg = {
        point: s.point,
        x: x(at),
        width: x(at + p) - x(at),
        fill: s.fill,
        pattern: s.pattern,
        text: s.text,
        label: '',
      };
      seg.label = seg.width >= SEGMENT_LABEL_MIN ? `${Math.round(p)}%` : '';
      at += p;
      return seg;
    });
    return { label: r.label, y: i * 52 + 18, segments, n: r.n };
  });
  const ticks = x.ticks(4).map((t) => ({ x: x(t), label: `${Math.abs(t)}%` }));
  return {
    width: CHART_WIDTH,
    height: rows.length * 52 + 30,
    centre: x(0),
    barHeight: 22,
    rows: out,
    ticks,
  };
}

/** The NPS split as one stacked bar: detractors, passives, promoters. */
export function npsChart(split: { detractors: number; passives: number; promoters: number }) {
  const n = split.detractors + split.passives + split.promoters;
  const x = scaleLinear()
    .domain([0, Math.max(1, n)])
    .range([LEFT, CHART_WIDTH - LEFT]);
  const parts = [
    {
      name: 'Detractors (0–6)',
      count: split.detractors,
      fill: '#1b1b1b',
      pattern: 'hatch',
      text: '#ffffff',
    },
    {
      name: 'Passives (7–8)',
      count: split.passives,
      fill: '#dfe1e2',
      pattern: null,
      text: '#1b1b1b',
    },
    {
      name: 'Promoters (9–10)',
      count: split.promoters,
      fill: '#565c65',
      pattern: null,
      text: '#ffffff',
    },
  ];
  let at = 0;
  const segments = parts.map((p) => {
    const seg = { ...p, x: x(at), width: x(at + p.count) - x(at), label: '' };
    const pct = n > 0 ? (p.count / n) * 100 : 0;
    seg.label = seg.width >= SEGMENT_LABEL_MIN ? `${Math.round(pct)}%` : '';
    at += p.count;
    return seg;
  });
  return { width: CHART_WIDTH, height: 64, barHeight: 28, segments };
}

export interface Column {
  label: string;
  x: number;
  width: number;
  y: number;
  height: number;
  count: number;
}

const PLOT_TOP = 20;
const PLOT_HEIGHT = 160;
const AXIS_LEFT = 40;

/** A histogram: one column per bin (0–10 points, or a number question's ranges). */
export function histogram(bins: { label: string; count: number }[]) {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const y = scaleLinear()
    .domain([0, max])
    .nice(4)
    .range([PLOT_TOP + PLOT_HEIGHT, PLOT_TOP]);
  const x = scaleBand<number>()
    .domain(bins.map((_, i) => i))
    .range([AXIS_LEFT, CHART_WIDTH - 8])
    .padding(0.15);
  const columns: Column[] = bins.map((b, i) => ({
    label: b.label,
    x: x(i) ?? 0,
    width: x.bandwidth(),
    y: y(b.count),
    height: PLOT_TOP + PLOT_HEIGHT - y(b.count),
    count: b.count,
  }));
  const ticks = y
    .ticks(4)
    .filter((t) => Number.isInteger(t))
    .map((t) => ({ y: y(t), label: String(t) }));
  return {
    width: CHART_WIDTH,
    height: PLOT_TOP + PLOT_HEIGHT + 28,
    baseline: PLOT_TOP + PLOT_HEIGHT,
    axisLeft: AXIS_LEFT,
    columns,
    ticks,
  };
}

/**
 * Bins for a number question's answers from its least to its most (min < max): the lower bounds
 * of d3's "nice" ticks (about eight bins), each with a label; the last bin takes its upper bound.
 */
export function numberBinEdges(min: number, max: number): { edges: number[]; labels: string[] } {
  let ticks = scaleLinear().domain([min, max]).nice(8).ticks(8);
  if (ticks.length < 3) ticks = [ticks[0], (ticks[0] + ticks[1]) / 2, ticks[1]];
  const edges = ticks.slice(0, -1);
  const labels = edges.map((e, i) =>
    i === edges.length - 1 ? `${e} to ${ticks[i + 1]}` : `${e} to under ${ticks[i + 1]}`,
  );
  return { edges, labels };
}
