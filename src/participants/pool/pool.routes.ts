import { Router } from 'express';
import type { DB } from '../../db/database';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { pageOf } from '../../web/pagination';
import { countPool, listPool, screenerQuestions } from './pool.queries';
import { PAGE_SIZE, parsePoolQuery, poolCriteria, poolQuerySchema } from './pool.schema';
import {
  activeFilters,
  poolColumns,
  poolCountTables,
  poolHref,
  poolOptions,
  poolRows,
  screenerAnswerOptions,
} from './pool.view';

/** The Pool: organizers find participants by any profile field, with counts for the filter. */
export function poolRoutes(d: { db: DB; ref: ReferenceData; cityTimeZone: string }): Router {
  const r = Router();
  const schema = poolQuerySchema(d.ref);

  r.get('/staff/participants', ...requireRole('organizer'), async (req, res) => {
    const filter = parsePoolQuery(schema, req.query);
    const criteria = poolCriteria(filter, d.cityTimeZone);
    // Counts first: the total clamps a page number past the end to the last page.
    const counts = await countPool(d.db, criteria);
    const pagination = pageOf(filter.page, PAGE_SIZE, counts.total, (page) =>
      poolHref(filter, { page }),
    );
    const rows = counts.total
      ? await listPool(d.db, criteria, PAGE_SIZE, (pagination.page - 1) * PAGE_SIZE)
      : [];
    res.render('participants/pool/pool', {
      filter,
      activeFilters: activeFilters(filter),
      options: {
        ...poolOptions(res.locals.t, d.ref),
        screenerAnswers: screenerAnswerOptions(await screenerQuestions(d.db)),
      },
      columns: poolColumns(filter),
      rows: poolRows(rows, d.ref, d.cityTimeZone),
      counts: poolCountTables(counts, d.ref),
      pagination,
    });
  });

  return r;
}
