import { Router, type Request } from 'express';
import type { DB } from '../../db/database';
import { NotFoundError } from '../../errors';
import type { ReferenceData } from '../../reference/reference.queries';
import { hasRole, requireRole } from '../../web/auth';
import { idFrom } from '../../web/params';
import { DIMENSIONS } from './city-shares.rules';
import { shareGroups, type CitySharesService } from './city-shares.service';
import { countPeople, findStudyTitle, type Population } from './representation.queries';
import { dimensionTable, LARGE_GAP } from './representation.rules';
import { DIMENSION_TITLES, sourceLine, tableView } from './representation.view';

export interface RepresentationDeps {
  db: DB;
  ref: ReferenceData;
  shares: CitySharesService;
  cityTimeZone: string;
}

/**
 * Representativeness (analysts, organizers, admins): the active pool's or a study's attendees'
 * shares by council district and language next to the city's, with the gaps.
 */
export function representationRoutes(d: RepresentationDeps): Router {
  const r = Router();
  const readers = requireRole('analyst', 'organizer');

  const render = async (req: Request, res: import('express').Response, who: Population) => {
    const [counts, city] = await Promise.all([countPeople(d.db, who), d.shares.byDimension()]);
    const dimensions = DIMENSIONS.map((dimension) => {
      const shares = new Map([...city[dimension]].map(([code, row]) => [code, row.share]));
      const table = dimensionTable(shareGroups(d.ref, dimension), counts[dimension], shares);
      return {
        dimension,
        title: DIMENSION_TITLES[dimension],
        source: sourceLine([...city[dimension].values()], d.cityTimeZone),
        table: tableView(table),
      };
    });
    return { dimensions, canEdit: hasRole(req, 'admin'), largeGap: LARGE_GAP };
  };

  r.get('/staff/results/representation', ...readers, async (req, res) => {
    const view = await render(req, res, { kind: 'pool' });
    res.render('results/representation/representation', {
      ...view,
      title: 'Representativeness: the active pool',
      who: 'people in the panel’s active pool',
      study: null,
    });
  });

  r.get('/staff/results/studies/:id/representation', ...readers, async (req, res) => {
    const study = await findStudyTitle(d.db, idFrom(req.params.id));
    if (!study) throw new NotFoundError();
    const view = await render(req, res, { kind: 'study', studyId: study.id });
    res.render('results/representation/representation', {
      ...view,
      title: `Representativeness: ${study.title}`,
      who: 'people who attended a session of this study',
      study,
    });
  });

  return r;
}
