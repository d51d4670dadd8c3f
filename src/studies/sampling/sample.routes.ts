import crypto from 'node:crypto';
import { Router, type Request } from 'express';
import type { DB } from '../../db/database';
import { screenerQuestions } from '../../participants/pool/pool.queries';
import {
  activeFilters,
  poolOptions,
  screenerAnswerOptions,
} from '../../participants/pool/pool.view';
import type { ReferenceData } from '../../reference/reference.queries';
import { requireRole } from '../../web/auth';
import { handleForm, keepTyped, showForm, str, type FormPage, type Values } from '../../web/forms';
import { idFrom } from '../../web/params';
import type { StudiesService } from '../studies.service';
import { parseQueryString, queryStringOf, type SampleDrawer } from './draw';
import { MAX_SAMPLE } from './sample.schema';
import { dimensionOptions, preview, quotaRows, sampleLabels } from './sample.view';
import { DEFAULT_COOL_DOWN_DAYS, drawnPeople } from './sampling.queries';

export interface SampleRoutesDeps {
  db: DB;
  studies: StudiesService;
  ref: ReferenceData;
  drawer: SampleDrawer;
  /** How many people this study has invited already (they are never drawn for it again). */
  invitedTo(studyId: number): Promise<number>;
}

/** A fresh seed for an empty form: six digits, easy to read out and type again. */
const freshSeed = () => String(crypto.randomInt(100000, 1000000));

/**
 * The builder's query: the query string of the GET form, or — when "Send invitations" comes
 * back with a problem — the same query string, posted in its hidden `query` field.
 */
export function builderQuery(req: Request): Record<string, unknown> {
  if (req.method !== 'POST') return req.query as Record<string, unknown>;
  return parseQueryString(str((req.body as Record<string, unknown> | undefined)?.query));
}

/**
 * The sample builder page, the one rendering path: empty, with errors (400 through the form
 * helper) or, given a valid submitted draw (`draw=1`), with its preview and the "Send
 * invitations" form (the study is read first: an unknown one is a 404 before any draw). Sending
 * comes back here with its problem, drawn again: a changed pool shows the new preview.
 */
export function samplePage(d: SampleRoutesDeps): FormPage {
  return async (req, res, { errors }) => {
    const { study } = await d.studies.get(idFrom(req.params.id));
    const query = builderQuery(req);
    const filter = d.drawer.filter(query);
    const screener = screenerAnswerOptions(await screenerQuestions(d.db));
    const labels = sampleLabels(res.locals.t, d.ref, res.locals.city.service311, screener);
    const form = query.draw === '1' ? d.drawer.validate(query, res.locals.city.service311) : null;
    const drawn = form?.ok ? await d.drawer.draw(study.id, query, form.data) : null;
    const typed: Values = {
      size: String(Math.min(MAX_SAMPLE, Math.max(1, study.target_participants))),
      coolDownDays: String(DEFAULT_COOL_DOWN_DAYS),
      seed: freshSeed(),
      ...keepTyped(query),
    };
    res.render('studies/sampling/sample', {
      study,
      values: typed,
      errors,
      quotas: quotaRows(typed, labels),
      dimensions: dimensionOptions(labels),
      filter,
      activeFilters: activeFilters(filter),
      options: {
        ...poolOptions(res.locals.t, d.ref),
        screenerAnswers: screener,
      },
      preview:
        drawn &&
        preview(
          drawn.result,
          await drawnPeople(d.db, drawn.result.ids),
          labels,
          drawn.coolDownDays,
          drawn.history,
        ),
      send: drawn && { query: queryStringOf(query), fingerprint: drawn.fingerprint },
      alreadyInvited: await d.invitedTo(study.id),
    });
  };
}

/**
 * The sample builder's preview (organizers): a GET form, so a draw is a URL that can be shared
 * and reloaded. With `draw=1` it validates, reads the candidates and draws; nothing is stored
 * and no one is contacted from this page (its "Send invitations" form posts to the invitations).
 */
export function sampleRoutes(d: SampleRoutesDeps): Router {
  const r = Router();
  const page = samplePage(d);
  const empty = showForm(page);
  const drawn = handleForm(
    (query, _req, res) => d.drawer.validate(query, res.locals.city.service311),
    page,
    (req, res) => page(req, res, { errors: {} }),
  );

  // With draw=1 the form was submitted (validated, then drawn); without, it is the empty form.
  r.get('/staff/studies/:id/sample', ...requireRole('organizer'), (req, res, next) =>
    (req.query.draw === '1' ? drawn : empty)(req, res, next),
  );

  return r;
}
