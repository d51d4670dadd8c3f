import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ParticipantService } from '../participants/participants.service';
import type { ReferenceData } from '../reference/reference.queries';
import type { RateLimits } from '../web/rate-limit';
import { templateRoutes } from './templates/templates.routes';
import { TemplatesService } from './templates/templates.service';
import { builderRoutes } from './builder/builder.routes';
import { SurveyBuilder } from './builder/builder.service';

export interface SurveysFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone' | 'baseUrl' | 'cityNames'>;
  mailer: Mailer;
  ref: ReferenceData;
  participants: ParticipantService;
  /** Per-IP limits counted in the database (open survey links are public). */
  limits: RateLimits;
  /** Signs what must not be forged (an open link's browser key). */
  sessionSecret: string;
}

/**
 * The surveys feature's pages: the builder (organizers), the respondent pages (`/s/…`), sending
 * links and the responses (organizers). Each use case adds its router here, in match order.
 */
export function surveysFeature(d: SurveysFeatureDeps) {
  const router = Router();
  const templates = new TemplatesService({ ...d, names: d.config.cityNames });
  const builder = new SurveyBuilder(d);
  // Templates before the builder's `/staff/surveys/:id`, which would take "templates" for an id.
  router.use(templateRoutes({ templates, ref: d.ref, service311: d.config.cityNames.service311 }));
  router.use(builderRoutes({ builder, ref: d.ref, cityTimeZone: d.config.cityTimeZone }));
  return { router, builder };
}
