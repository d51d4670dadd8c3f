import { SUPPRESSED } from '../exports/codes';
import type { ExportFactory } from '../exports/export-type';
import type { CsvColumn } from '../../web/csv';
import { ALL } from './scorecard.queries';
import { agreePercent, type ScorecardRow } from './scorecard.rules';
import { ScorecardService } from './scorecard.service';
import { serviceLabel } from '../../feedback/notes.view';

/*
 * Export type `scorecard`: the scorecard page's rows, one per service × stage × period ('all',
 * then each city-time quarter "2026-Q1"); per driver the percent agreeing (one decimal) and n,
 * `<5` where the page says "fewer than 5", blank percent where no one answered; then the coded
 * notes by sentiment. The page's date range (`from`/`to`) applies; other filters do not.
 */
export const scorecardExport: ExportFactory = (deps) => ({
  type: 'scorecard',
  title: 'Service scorecard: A-11 driver scores and coded notes by service, stage and quarter',
  scope: 'panel',
  roles: ['analyst', 'organizer'],
  async open(req) {
    const service = new ScorecardService({
      db: deps.db,
      ref: deps.ref,
      cityTimeZone: deps.cityTimeZone,
    });
    const range = {
      ...(req.filter.from ? { from: req.filter.from } : {}),
      ...(req.filter.to ? { to: req.filter.to } : {}),
    };
    const card = await service.scorecard(range);
    const label = serviceLabel(deps.ref);
    const columns: CsvColumn<ScorecardRow>[] = [
      { header: 'service', value: (r) => r.service, kind: 'code' },
      { header: 'service_label', value: (r) => label(r.service) },
      { header: 'stage', value: (r) => r.stage ?? '', kind: 'code' },
      { header: 'period', value: (r) => r.period, kind: 'code' },
      ...card.drivers.flatMap((d): CsvColumn<ScorecardRow>[] => [
        {
          header: `${d}_agree_percent`,
          value: (r) => {
            const c = r.drivers[d];
            if (!c.shown) return SUPPRESSED;
            const p = agreePercent(c);
            return p === null ? '' : p.toFixed(1);
          },
          kind: 'code',
        },
        {
          header: `${d}_n`,
          value: (r) => (r.drivers[d].shown ? r.drivers[d].n : SUPPRESSED),
          kind: 'code',
        },
      ]),
      ...card.sentiments.map((s): CsvColumn<ScorecardRow> => ({
        header: `${s}_notes`,
        value: (r) => r.notes[s],
        kind: 'code',
      })),
    ];
    const stamp = deps.clock.now().toISOString().slice(0, 10);
    return { filename: `scorecard-${stamp}.csv`, columns, rows: card.rows };
  },
});

export { ALL };
