/*
 * The figures a survey question shows, from counts the database has already grouped: percent,
 * top-2-box, the Net Promoter Score and its split. Pure: no database. Shared by the results page
 * and the `summary` export so both say the same.
 */

/** A share of `n` as a percentage, or null when no one answered. */
export function percent(count: number, n: number): number | null {
  return n > 0 ? (count / n) * 100 : null;
}

/** A percentage as the page writes it: one decimal, no trailing ".0". */
export function formatPercent(p: number | null): string {
  if (p === null) return '—';
  return `${Number(p.toFixed(1))}%`;
}

/** A mean as the page writes it: two decimals. */
export function formatMean(m: number | null): string {
  return m === null ? '—' : m.toFixed(2);
}

/** Seconds as "4 min 05 s" (or "1 h 02 min"). */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(rest).padStart(2, '0')} s`;
  return `${rest} s`;
}

/** The scale points that make a question's top two boxes (agree, strongly agree; 9 and 10). */
export function topTwoPoints(type: string): string[] | null {
  if (type === 'agreement' || type === 'agreement_grid') return ['4', '5'];
  if (type === 'rating' || type === 'nps') return ['9', '10'];
  return null;
}

/** The share of `n` in the top two boxes, or null for a type without them. */
export function topTwoBox(
  type: string,
  counts: ReadonlyMap<string, number>,
  n: number,
): number | null {
  const points = topTwoPoints(type);
  if (!points) return null;
  return percent(
    points.reduce((s, p) => s + (counts.get(p) ?? 0), 0),
    n,
  );
}

export interface NpsSplit {
  detractors: number;
  passives: number;
  promoters: number;
  /** Promoters' share minus detractors' share, −100 to 100, rounded to a whole number. */
  score: number | null;
}

/** Detractors 0–6, passives 7–8, promoters 9–10, and the score. */
export function npsSplit(counts: ReadonlyMap<string, number>): NpsSplit {
  let detractors = 0;
  let passives = 0;
  let promoters = 0;
  for (const [value, count] of counts) {
    const v = Number(value);
    if (v <= 6) detractors += count;
    else if (v <= 8) passives += count;
    else promoters += count;
  }
  const n = detractors + passives + promoters;
  const score = n > 0 ? Math.round(((promoters - detractors) / n) * 100) : null;
  return { detractors, passives, promoters, score };
}
