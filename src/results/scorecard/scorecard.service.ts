import { DateTime } from 'luxon';
import type { DB } from '../../db/database';
import { ValidationError } from '../../errors';
import { GENERAL } from '../../feedback/vocabulary';
import type { ReferenceData } from '../../reference/reference.queries';
import { resolveFilter, type ResultsFilter } from '../filters';
import { serviceLabel } from '../../feedback/notes.view';
import { quartersBetween, type Quarter } from './quarters';
import { driverScores, noteCounts, timeSpan, type TimeRange } from './scorecard.queries';
import { buildScorecard, type Scorecard } from './scorecard.rules';
import { driverLabel, stageLabel } from './scorecard.view';
import { unsafeScoreEdges } from './date-edges';

/** The date range of a scorecard: the `from`/`to` city-time days of the results filter. */
export type ScorecardFilter = Pick<ResultsFilter, 'from' | 'to'>;

/** The service scorecard (issue 9 item 4): the figures, then the rows the page and export show. */
export class ScorecardService {
  constructor(private readonly d: { db: DB; ref: ReferenceData; cityTimeZone: string }) {}

  async scorecard(filter: ScorecardFilter): Promise<Scorecard> {
    await this.refuseUnsafeEdges(filter);
    const { fromUtc, toUtc } = resolveFilter(filter, this.d.cityTimeZone);
    const range: TimeRange = { fromUtc, toUtc };
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
   * A date range must not give back a small group by subtraction (`date-edges.ts`): an edge next
   * to a day with 1–4 answers of a score is refused, beside its field, saying which day and score.
   */
  private async refuseUnsafeEdges(filter: ScorecardFilter): Promise<void> {
    const unsafe = await unsafeScoreEdges(this.d.db, filter, this.d.cityTimeZone);
    const errors: Record<string, string> = {};
    for (const [edge, why] of Object.entries(unsafe)) {
      const typed = edge === 'from' ? filter.from! : filter.to!;
      const { service, stage, driver } = why.cell;
      const score = `${driverLabel(driver)}, ${serviceLabel(this.d.ref)(service)}, ${stageLabel(stage)}`;
      const near = SIDE[`${edge}/${why.side}`];
      errors[edge] =
        `${edge === 'from' ? 'From' : 'To'} ${cityDay(typed)}: the nearest day ${near} with answers to a score (${score}), ${cityDay(why.day)}, has fewer than 5 of them, which comparing two date ranges could give back. Choose a date next to days with 5 or more, or remove it.`;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }
}

/** Where the nearest day lies: a `from` edge is the start of its day, a `to` edge the end. */
const SIDE: Record<string, string> = {
  'from/before': 'before it',
  'from/after': 'on or after it',
  'to/before': 'on or before it',
  'to/after': 'after it',
};

/** "16 November 2025" from "2025-11-16". */
const cityDay = (day: string) => DateTime.fromISO(day).toFormat('d MMMM yyyy');
