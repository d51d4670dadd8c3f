import { DRIVERS, SENTIMENTS, STAGES } from '../../feedback/vocabulary';
import { isSmall, suppress } from '../suppression';
import type { Quarter } from './quarters';
import { ALL, type NoteCount, type ScoreCount } from './scorecard.queries';

/*
 * The scorecard as rows (pure): one per service × stage × period ('all', then each quarter),
 * with each driver's share agreeing and n, and the coded notes by sentiment. The page and the
 * export show these same rows. A score of fewer than 5 answers is hidden ("fewer than 5"), and
 * in a trend so is the quarter that would give it back from the whole period's n.
 */

export interface ScoreCell {
  n: number;
  agree: number;
  /** False: hidden (fewer than 5 answers, or what would give such a count back). */
  shown: boolean;
}

export interface ScorecardRow {
  service: string;
  stage: string | null;
  period: string;
  drivers: Record<string, ScoreCell>;
  notes: Record<string, number>;
}

export interface Scorecard {
  drivers: string[];
  sentiments: readonly string[];
  quarters: Quarter[];
  /** Ordered: service, stage, then 'all' before the quarters. */
  rows: ScorecardRow[];
}

const key = (service: string, stage: string | null) => `${service}\u0000${stage ?? ''}`;

/** Services in the reference order (`order`), unknown ones after, by name. */
function serviceRank(order: string[]) {
  return (s: string) => (order.includes(s) ? order.indexOf(s) : order.length);
}
const stageRank = (s: string | null) =>
  s === null ? STAGES.length : (STAGES as readonly string[]).indexOf(s);

export function buildScorecard(
  scores: ScoreCount[],
  notes: NoteCount[],
  quarters: Quarter[],
  serviceOrder: string[],
): Scorecard {
  const drivers = [
    ...DRIVERS,
    ...[...new Set(scores.map((s) => s.driver))].filter(
      (d) => !(DRIVERS as readonly string[]).includes(d),
    ),
  ];
  const periods = [ALL, ...quarters.map((q) => q.label)];
  const groups = new Map<string, { service: string; stage: string | null }>();
  for (const r of [...scores, ...notes]) groups.set(key(r.service, r.stage), r);
  const scoreAt = new Map(
    scores.map((s) => [`${key(s.service, s.stage)}|${s.driver}|${s.period}`, s]),
  );
  const notesAt = new Map(
    notes.map((n) => [`${key(n.service, n.stage)}|${n.sentiment}|${n.period}`, n.n]),
  );
  const rank = serviceRank(serviceOrder);
  const ordered = [...groups.values()].sort(
    (a, b) =>
      rank(a.service) - rank(b.service) ||
      a.service.localeCompare(b.service) ||
      stageRank(a.stage) - stageRank(b.stage),
  );

  const rows: ScorecardRow[] = [];
  for (const g of ordered) {
    const k = key(g.service, g.stage);
    const cells = new Map<string, Record<string, ScoreCell>>();
    for (const period of periods) {
      const byDriver: Record<string, ScoreCell> = {};
      for (const driver of drivers) {
        const hit = scoreAt.get(`${k}|${driver}|${period}`);
        byDriver[driver] = { n: hit?.n ?? 0, agree: hit?.agree ?? 0, shown: !isSmall(hit?.n ?? 0) };
      }
      cells.set(period, byDriver);
    }
    // The quarters of a driver add up to the whole period: hide what would give a small one back.
    if (quarters.length) {
      for (const driver of drivers) {
        const column = quarters.map((q) => cells.get(q.label)![driver].n);
        const total = cells.get(ALL)![driver].n;
        const hidden = suppress({
          counts: column.map((n) => [n]),
          rowTotals: column,
          columnTotals: [total],
          rowsAddUp: true,
        });
        quarters.forEach((q, i) => {
          if (hidden.cells[i][0] || hidden.rowTotals[i]) cells.get(q.label)![driver].shown = false;
        });
        if (hidden.columnTotals[0]) cells.get(ALL)![driver].shown = false;
      }
    }
    for (const period of periods) {
      const counts: Record<string, number> = {};
      for (const s of SENTIMENTS) {
        counts[s] = notesAt.get(`${k}|${s}|${period}`) ?? 0;
      }
      rows.push({
        service: g.service,
        stage: g.stage,
        period,
        drivers: cells.get(period)!,
        notes: counts,
      });
    }
  }
  return { drivers, sentiments: SENTIMENTS, quarters, rows };
}

/** A score as a percent (0–100) of those who answered, or null when hidden or unanswered. */
export function agreePercent(cell: ScoreCell): number | null {
  return cell.shown && cell.n > 0 ? (100 * cell.agree) / cell.n : null;
}
