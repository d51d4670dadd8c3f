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
import { respondRoutes } from './respond/respond.routes';
import { RespondService } from './respond/respond.service';
import { PreviewService } from './respond/preview.service';
import { staffRespondRoutes } from './respond/staff.routes';
import { distributeRoutes } from './distribute/distribute.routes';
import { SurveySender } from './distribute/send.service';
import { responsesRoutes } from './responses/responses.routes';

export interface SurveysFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone' | 'baseUrl' | 'cityNames' | 'secureCookies'>;
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
  const zone = { cityTimeZone: d.config.cityTimeZone };
  const templates = new TemplatesService({ ...d, names: d.config.cityNames });
  const builder = new SurveyBuilder(d);
  const respond = new RespondService({ db: d.db, clock: d.clock, sessionSecret: d.sessionSecret });
  const sender = new SurveySender({ ...d, manageLinks: d.participants });
  // Templates before the builder's `/staff/surveys/:id`, which would take "templates" for an id.
  router.use(templateRoutes({ templates, ref: d.ref, service311: d.config.cityNames.service311 }));
  router.use(builderRoutes({ builder, ref: d.ref, ...zone }));
  router.use(respondRoutes({ ...d, respond }));
  router.use(staffRespondRoutes({ ...d, respond, preview: new PreviewService(d) }));
  router.use(distributeRoutes({ ...d, ...zone, sender }));
  router.use(responsesRoutes({ db: d.db, ref: d.ref, ...zone }));
  return { router, builder };
}
