/*
 * The recruitment funnel of a study, a plain function: each step's count and its rate from the
 * step before (sampled → invited → registered → attended → responded). Whole-study totals, not a
 * breakdown of people, so no suppression (src/results/suppression.ts) applies.
 */

export const FUNNEL_STEPS = ['sampled', 'invited', 'registered', 'attended', 'responded'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

export const STEP_LABELS: Record<FunnelStep, string> = {
  sampled: 'Sampled',
  invited: 'Invited',
  registered: 'Registered',
  attended: 'Attended',
  responded: 'Responded to a survey',
};

export interface FunnelRow {
  step: FunnelStep;
  label: string;
  count: number;
  /** count / the previous step's count; null for the first step or after a zero. */
  rate: number | null;
}

export function funnelRows(counts: Record<FunnelStep, number>): FunnelRow[] {
  return FUNNEL_STEPS.map((step, i) => {
    const before = i === 0 ? null : counts[FUNNEL_STEPS[i - 1]];
    return {
      step,
      label: STEP_LABELS[step],
      count: counts[step],
      rate: before ? counts[step] / before : null,
    };
  });
}

/** "62%", "100%", "–" for no rate. */
export function percent(rate: number | null): string {
  return rate === null ? '–' : `${Math.round(rate * 100)}%`;
}
