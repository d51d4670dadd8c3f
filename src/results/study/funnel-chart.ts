import { scaleBand, scaleLinear } from 'd3-scale';
import type { FunnelRow } from './funnel';

/*
 * The funnel as a horizontal bar chart drawn on the server (SVG; the table beside it holds the
 * same numbers). Scales and ticks come from d3-scale. Grays and a pattern-free solid fill, so it
 * prints and reads in grayscale.
 */

export const CHART = {
  width: 640,
  left: 170,
  right: 60,
  barHeight: 30,
  gap: 0.25,
  top: 10,
  axis: 28,
};

export function funnelChart(rows: FunnelRow[]) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const x = scaleLinear()
    .domain([0, max])
    .nice()
    .range([CHART.left, CHART.width - CHART.right]);
  const plotHeight = rows.length * CHART.barHeight;
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.step))
    .range([CHART.top, CHART.top + plotHeight])
    .paddingInner(CHART.gap);
  const height = CHART.top + plotHeight + CHART.axis;
  return {
    width: CHART.width,
    height,
    axisY: CHART.top + plotHeight,
    left: CHART.left,
    bars: rows.map((r) => ({
      label: r.label,
      count: r.count,
      y: y(r.step) ?? 0,
      height: y.bandwidth(),
      width: Math.max(0, x(r.count) - CHART.left),
      textX: x(r.count) + 6,
    })),
    ticks: x.ticks(5).map((t) => ({ value: t, x: x(t) })),
  };
}
