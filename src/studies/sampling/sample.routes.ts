import crypto from 'node:crypto';
import { Router } from 'express';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { parsePoolQuery, poolCriteria, poolQuerySchema } from '../../participants/pool/pool.schema';
import { activeFilters, poolOptions } from '../../participants/pool/pool.view';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { handleForm, keepTyped, showForm, type FormPage, type Values } from '../../web/forms';
import { idFrom } from '../../web/params';
import { outcomeCounts } from '../attendance/attendance.queries';
import { showRate } from '../attendance/attendance.rules';
import type { StudiesService } from '../studies.service';
import { drawSample, overRecruitRate, quotaValues } from './quota-draw';
import { MAX_SAMPLE, sampleValidator, type SampleInput } from './sample.schema';
import { dimensionOptions, preview, quotaRows, sampleLabels } from './sample.view';
import { DEFAULT_COOL_DOWN_DAYS, candidatesFor, drawnPeople } from './sampling.queries';

export interface SampleRoutesDeps {
  db: DB;
  clock: Clock;
  studies: StudiesService;
  ref: ReferenceData;
  cityTimeZone: string;
}

/** A fresh seed for an empty form: six digits, easy to read out and type again. */
const freshSeed = () => String(crypto.randomInt(100000, 1000000));

/**
 * The sample builder's preview (organizers): a GET form, so a draw is a URL that can be shared
 * and reloaded. With `draw=1` it validates, reads the candidates and draws; nothing is stored
 * and no one is contacted.
 */
export function sampleRoutes(d: SampleRoutesDeps): Router {
  const r = Router();
  const filterSchema = poolQuerySchema(d.ref);

  /**
   * The one rendering path: empty, with errors (400 through the form helper) or, given a valid
   * submission, with its draw (the study is read first: an unknown one is a 404 before any draw).
   */
  const page =
    (input: SampleInput | null): FormPage =>
    async (req, res, { values, errors }) => {
      const { study } = await d.studies.get(idFrom(req.params.id));
      const filter = parsePoolQuery(filterSchema, req.query);
      const drawn = input && (await draw(filter, input));
      const labels = sampleLabels(res.locals.t, d.ref, res.locals.city.service311);
      const typed: Values = {
        size: String(Math.min(MAX_SAMPLE, Math.max(1, study.target_participants))),
        coolDownDays: String(DEFAULT_COOL_DOWN_DAYS),
        seed: freshSeed(),
        ...(values ?? keepTyped(req.query)),
      };
      res.render('studies/sampling/sample', {
        study,
        values: typed,
        errors,
        quotas: quotaRows(typed, labels),
        dimensions: dimensionOptions(labels),
        filter,
        activeFilters: activeFilters(filter),
        options: poolOptions(res.locals.t, d.ref),
        preview:
          drawn && preview(drawn.result, drawn.people, labels, drawn.coolDownDays, drawn.history),
      });
    };

  async function draw(filter: ReturnType<typeof parsePoolQuery>, input: SampleInput) {
    const { size, coolDownDays, seed, quotas } = input;
    const candidates = await candidatesFor(
      d.db,
      poolCriteria(filter, d.cityTimeZone),
      { coolDownDays, now: d.clock.now() },
      quotaValues(quotas, 'channel'),
    );
    // The pool's show rate over past sessions; too little history gives the 20% default.
    const counts = await outcomeCounts(d.db, d.clock.now().toISOString());
    const history = { ...counts, rate: showRate(counts.attended, counts.noShows) };
    const result = drawSample({
      candidates,
      quotas,
      size,
      seed,
      overRecruit: overRecruitRate(history.rate),
    });
    return { result, people: await drawnPeople(d.db, result.ids), coolDownDays, history };
  }

  const empty = showForm(page(null));
  const drawn = handleForm(
    (query, _req, res) => sampleValidator(d.ref, res.locals.city.service311)(query),
    page(null),
    (req, res, input) => page(input)(req, res, { errors: {} }),
  );

  // With draw=1 the form was submitted (validated, then drawn); without, it is the empty form.
  r.get('/staff/studies/:id/sample', ...requireRole('organizer'), (req, res, next) =>
    (req.query.draw === '1' ? drawn : empty)(req, res, next),
  );

  return r;
}
