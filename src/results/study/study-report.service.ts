import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { NoteSentiment, StudyRow } from '../../db/schema';
import { NotFoundError } from '../../errors';
import { GENERAL, SENTIMENT_LABELS, STAGE_LABELS } from '../../feedback/vocabulary';
import type { ReferenceData } from '../../reference/reference.queries';
import { MIN_OUTCOMES, showRate } from '../../studies/attendance/attendance.rules';
import { dollars } from '../../studies/incentives/incentives.rules';
import { parseQueryString } from '../../studies/sampling/draw';
import { drawSample, type Quota } from '../../studies/sampling/quota-draw';
import { dimensionLabels, sampleValidator } from '../../studies/sampling/sample.schema';
import { boundsText } from '../../studies/sampling/sample.view';
import { findStudy } from '../../studies/studies.queries';
import { formatCityTime } from '../../studies/city-time';
import { suppress } from '../suppression';
import { funnelRows } from './funnel';
import * as notesQ from './notes-report.queries';
import * as q from './study-report.queries';

export interface StudyReportDeps {
  db: DB;
  clock: Clock;
  ref: ReferenceData;
  cityTimeZone: string;
  service311: string;
}

/** A count as shown: the number, or hidden ("fewer than 5") when suppression says so. */
export interface Shown {
  count: number | null;
  hidden: boolean;
}
const shown = (count: number, hidden: boolean): Shown => ({ count: hidden ? null : count, hidden });

const NEED_LABELS: Record<string, string> = {
  interpreter: 'Interpreter',
  asl: 'ASL (American Sign Language)',
  wheelchair: 'Wheelchair access',
  childcare: 'Childcare',
  transit: 'Transit help',
  other: 'Other needs',
};

/**
 * The study report (issue 9 item 2): the funnel, the show rate, quota fill, accommodations,
 * incentives and the coded notes. Counts of people by group go through `suppress`; the funnel and
 * the other whole-study totals are not a breakdown.
 */
export class StudyReportService {
  constructor(private readonly d: StudyReportDeps) {}

  async study(id: number): Promise<StudyRow> {
    const study = await findStudy(this.d.db, id);
    if (!study) throw new NotFoundError();
    return study;
  }

  async report(id: number) {
    const study = await this.study(id);
    const { db } = this.d;
    const now = this.d.clock.now().toISOString();
    const [funnel, show, accommodations, incentives, groups, quoted] = await Promise.all([
      q.funnelCounts(db, id),
      q.showCounts(db, id, now),
      q.accommodationCounts(db, id),
      q.incentiveTotals(db, id),
      notesQ.noteGroups(db, id),
      notesQ.quotes(db, id),
    ]);
    const outcomes = show.attended + show.noShows;
    return {
      study,
      funnel: funnelRows(funnel),
      anonymousResponses: funnel.anonymousResponses,
      show: {
        ...show,
        rate: outcomes ? show.attended / outcomes : null,
        trusted: showRate(show.attended, show.noShows) !== null,
        minOutcomes: MIN_OUTCOMES,
      },
      quotas: await this.quotaFill(id, funnel.invited, funnel.attended),
      accommodations: this.accommodations(accommodations, funnel.attended),
      incentives: {
        ...incentives,
        owedAmount: dollars(incentives.owedCents),
        issuedAmount: dollars(incentives.issuedCents),
      },
      notes: groups.map((g) => ({
        service: g.service === GENERAL ? '311 in general' : g.service,
        stage: g.stage ? STAGE_LABELS[g.stage] : 'Not coded',
        sentiment: g.sentiment ? SENTIMENT_LABELS[g.sentiment as NoteSentiment] : 'Not coded',
        notes: Number(g.notes),
        quotes: Number(g.quotes ?? 0),
      })),
      quotes: quoted.map((n) => ({
        id: n.id,
        service: n.service === GENERAL ? '311 in general' : n.service,
        stage: n.stage ? STAGE_LABELS[n.stage] : 'Not coded',
        sentiment: n.sentiment ? SENTIMENT_LABELS[n.sentiment as NoteSentiment] : 'Not coded',
        pseudonym: n.pseudonym,
        session: formatCityTime(n.starts_at, this.d.cityTimeZone),
        body: n.body,
      })),
    };
  }

  /**
   * The latest draw's quotas against who was invited and who attended. Targets are the draw's
   * own sample bounds (the quota rule of the sample builder, `drawSample`). Screener quotas are
   * listed without counts.
   */
  private async quotaFill(studyId: number, invitedTotal: number, attendedTotal: number) {
    const draw = await q.latestDraw(this.d.db, studyId);
    if (!draw) return null;
    const parsed = sampleValidator(this.d.ref, this.d.service311)(parseQueryString(draw.query));
    if (!parsed.ok) return { size: draw.size, rows: [] };
    const quotas = parsed.data.quotas;
    const targets = drawSample({
      candidates: [],
      quotas,
      size: draw.size,
      seed: 0,
      overRecruit: 0,
    });
    const counted = await Promise.all(
      quotas.map((quota) =>
        q.COUNTED_DIMENSIONS.includes(quota.dimension)
          ? q.quotaCounts(this.d.db, studyId, quota.dimension as q.CountedDimension, quota.value)
          : null,
      ),
    );
    const known = counted.map((c) => c ?? { invited: 0, attended: 0 });
    // A quota is a group of people: its counts are suppressed like any breakdown.
    const hidden = suppress({
      counts: known.map((c) => [c.invited, c.attended]),
      rowTotals: known.map((c) => c.invited),
      columnTotals: [invitedTotal, attendedTotal],
    });
    const rows = quotas.map((quota, k) => {
      const target = targets.fill[k].sample;
      const attended = known[k].attended;
      return {
        label: this.quotaLabel(quota),
        target: boundsText(target.min, target.max),
        counted: counted[k] !== null,
        invited: shown(known[k].invited, hidden.cells[k][0]),
        attended: shown(attended, hidden.cells[k][1]),
        met:
          counted[k] === null || hidden.cells[k][1]
            ? null
            : attended >= target.min && (target.max === null || attended <= target.max),
      };
    });
    return { size: draw.size, rows };
  }

  private quotaLabel(quota: Quota): string {
    const dim = quota.dimension as keyof ReturnType<typeof dimensionLabels>;
    if (dim === 'councilDistrict') return `Council District ${quota.value}`;
    const name = dimensionLabels(this.d.service311)[dim] ?? quota.dimension;
    const value =
      dim === 'language'
        ? (this.d.ref.languages.find((l) => l.code === quota.value)?.english_name ?? quota.value)
        : quota.value;
    return `${name}: ${value}`;
  }

  /** Needs of the people who attended, by kind; small counts hidden. */
  private accommodations(a: Awaited<ReturnType<typeof q.accommodationCounts>>, attended: number) {
    const rows = [
      ...a.needs.map((r) => ({ label: NEED_LABELS[r.kind] ?? r.kind, count: r.count })),
      { label: 'Stated accommodations for their session', count: a.stated },
    ].filter((r) => r.count > 0);
    // Kinds overlap (one person may need several), so each is its own split of the people who
    // attended: those with the need and those without, either of which may be small.
    const hidden = rows.map(
      (r) =>
        suppress({
          counts: [[r.count, attended - r.count]],
          rowTotals: [attended],
          columnTotals: [r.count, attended - r.count],
          rowsAddUp: true,
          showColumnTotals: false,
        }).cells[0][0],
    );
    return rows.map((r, i) => ({ label: r.label, ...shown(r.count, hidden[i]) }));
  }
}

export type StudyReport = Awaited<ReturnType<StudyReportService['report']>>;
