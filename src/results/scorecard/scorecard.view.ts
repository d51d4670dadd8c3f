import { DRIVER_LABELS, SENTIMENT_LABELS, STAGE_LABELS } from '../../feedback/vocabulary';
import { serviceLabel } from '../../feedback/notes.view';
import type { NoteDriver, NoteSentiment } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { ALL } from './scorecard.queries';
import { agreePercent, type ScoreCell, type Scorecard, type ScorecardRow } from './scorecard.rules';

/** A driver's staff name (another city's extra drivers by their code). */
export const driverLabel = (d: string) => DRIVER_LABELS[d as NoteDriver] ?? d;
export const sentimentLabel = (s: string) => SENTIMENT_LABELS[s as NoteSentiment] ?? s;
/** A stage's short name ("Intake"); questions and notes without a stage: "Any stage". */
export const stageLabel = (s: string | null) =>
  s === null
    ? 'Any stage (not tagged)'
    : (STAGE_LABELS[s as keyof typeof STAGE_LABELS] ?? s).replace(/ \(.*\)$/, '');

/** A score in words: "70 % agree (n = 10)", "fewer than 5", or "no answers". */
export function cellText(cell: ScoreCell): string {
  if (cell.n === 0) return 'no answers';
  const p = agreePercent(cell);
  return p === null ? 'fewer than 5' : `${Math.round(p)} % (n = ${cell.n})`;
}

const rowView = (s: Scorecard, r: ScorecardRow, label: string) => ({
  label,
  drivers: s.drivers.map((d) => ({ text: cellText(r.drivers[d]), hidden: !r.drivers[d].shown })),
  notes: s.sentiments.map((x) => r.notes[x]),
});

/** The page's view: per service, its stages (whole period) and each stage's trend by quarter. */
export function scorecardView(s: Scorecard, ref: ReferenceData) {
  const label = serviceLabel(ref);
  const services: {
    service: string;
    label: string;
    stages: ReturnType<typeof rowView>[];
    trends: { stage: string; rows: ReturnType<typeof rowView>[] }[];
  }[] = [];
  for (const r of s.rows) {
    let svc = services.at(-1);
    if (!svc || svc.service !== r.service) {
      svc = { service: r.service, label: label(r.service), stages: [], trends: [] };
      services.push(svc);
    }
    if (r.period === ALL) {
      svc.stages.push(rowView(s, r, stageLabel(r.stage)));
      svc.trends.push({ stage: stageLabel(r.stage), rows: [] });
    } else {
      svc.trends.at(-1)!.rows.push(rowView(s, r, r.period));
    }
  }
  return {
    drivers: s.drivers.map(driverLabel),
    sentiments: s.sentiments.map(sentimentLabel),
    services,
    quarters: s.quarters.length,
  };
}
