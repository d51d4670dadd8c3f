import { Router } from 'express';
import type { BuilderDeps } from './builder.deps';
import { conditionRoutes } from './conditions.routes';
import { optionRoutes } from './options.routes';
import { pageRoutes } from './pages.routes';
import { questionRoutes } from './questions.routes';
import { surveyRoutes } from './survey.routes';

/** The survey builder's pages (organizers and admins), in match order: /new before /:id. */
export function builderRoutes(d: BuilderDeps): Router {
  return Router().use(
    surveyRoutes(d),
    pageRoutes(d),
    questionRoutes(d),
    optionRoutes(d),
    conditionRoutes(d),
  );
}
