import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ParticipantService } from '../participants/participants.service';
import type { ReferenceData } from '../reference/reference.queries';
import type { RateLimits } from '../web/rate-limit';
import { distributeRoutes } from './distribute/distribute.routes';
import { SurveySender } from './distribute/send.service';
import { responsesRoutes } from './responses/responses.routes';

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
  const zone = { cityTimeZone: d.config.cityTimeZone };
  const sender = new SurveySender({ ...d, manageLinks: d.participants });
  const router = Router();
  router.use(distributeRoutes({ ...d, ...zone, sender }));
  router.use(responsesRoutes({ db: d.db, ref: d.ref, ...zone }));
  return { router };
}
