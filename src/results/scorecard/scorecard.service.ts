import type { DB } from '../../db/database';
import { ValidationError } from '../../errors';
import { GENERAL } from '../../feedback/vocabulary';
import type { ReferenceData } from '../../reference/reference.queries';
import { resolveFilter, type ResultsFilter } from '../filters';
import { isSmall } from '../suppression';
import { quartersBetween, type Quarter } from './quarters';
import {
  driverScores,
  noteCounts,
  timeSpan,
  type ScoreCount,
  type TimeRange,
} from './scorecard.queries';
import { buildScorecard, type Scorecard } from './scorecard.rules';

/** The date range of a scorecard: the `from`/`to` city-time days of the results filter. */
export type ScorecardFilter = Pick<ResultsFilter, 'from' | 'to'>;

/** The service scorecard (issue 9 item 4): the figures, then the rows the page and export show. */
export class ScorecardService {
  constructor(private readonly d: { db: DB; ref: ReferenceData; cityTimeZone: string }) {}

  async scorecard(filter: ScorecardFilter): Promise<Scorecard> {
    const { fromUtc, toUtc } = resolveFilter(filter, this.d.cityTimeZone);
    const range: TimeRange = { fromUtc, toUtc };
    await this.refuseLeakyRange(range);
    const quarters = await this.quarters(range);
    const [all, byQuarter, notes, notesByQuarter] = await Promise.all([
      driverScores(this.d.db, range, null),
      driverScores(this.d.db, range, quarters),
      noteCounts(this.d.db, range, null),
      noteCounts(this.d.db, range, quarters),
    ]);
    const order = [GENERAL, ...this.d.ref.requestTypes.map((t) => t.name)];
    return buildScorecard([...all, ...byQuarter], [...notes, ...notesByQuarter], quarters, order);
  }

  private async quarters(range: TimeRange): Promise<Quarter[]> {
    const span = await timeSpan(this.d.db, range);
    return span ? quartersBetween(span.first, span.last, this.d.cityTimeZone) : [];
  }

  /**
   * A date range must not give back a small group by subtraction: compared with the same
   * scorecard without each of its ends, no score (whole period or quarter) may lose 1–4 answers.
   */
  private async refuseLeakyRange(range: TimeRange): Promise<void> {
    const ends = (['fromUtc', 'toUtc'] as const).filter((k) => range[k] !== undefined);
    for (const end of ends) {
      const wider: TimeRange = { ...range, [end]: undefined };
      const quarters = await this.quarters(wider);
      const [kept, without] = await Promise.all([
        Promise.all([null, quarters].map((q) => driverScores(this.d.db, range, q))),
        Promise.all([null, quarters].map((q) => driverScores(this.d.db, wider, q))),
      ]);
      const n = new Map(kept.flat().map((s) => [cellKey(s), s.n]));
      if (without.flat().some((s) => isSmall(s.n - (n.get(cellKey(s)) ?? 0)))) {
        const field = end === 'fromUtc' ? 'from' : 'to';
        throw new ValidationError({
          [field]: `This ${field === 'from' ? 'start' : 'end'} date leaves out fewer than 5 answers of a score, which could reveal them: choose a date further from it`,
        });
      }
    }
  }
}

const cellKey = (s: ScoreCount) => `${s.service}|${s.stage}|${s.driver}|${s.period}`;
