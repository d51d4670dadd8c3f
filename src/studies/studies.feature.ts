import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { ReferenceData } from '../reference/reference.queries';
import { sampleRoutes } from './sampling/sample.routes';
import { sessionRoutes } from './sessions/session.routes';
import { SessionService } from './sessions/session.service';
import { StudiesService, type StaffDirectory } from './studies.service';
import { studyRoutes } from './study/study.routes';

export interface StudiesFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone'>;
  ref: ReferenceData;
  /** The staff feature, asked for the accounts a team is chosen from. */
  staff: StaffDirectory;
}

/** The services of the studies feature, built once per app. */
export function studiesServices(d: Pick<StudiesFeatureDeps, 'db' | 'clock' | 'staff'>) {
  const studies = new StudiesService(d);
  const sessions = new SessionService(studies);
  return { studies, sessions };
}

/** The studies feature's pages (organizers), in match order: /new before /:id. */
export function studiesFeature(d: StudiesFeatureDeps) {
  const s = studiesServices(d);
  const deps = { ...s, ref: d.ref, cityTimeZone: d.config.cityTimeZone };
  const router = Router();
  router.use(
    studyRoutes(deps),
    sessionRoutes(deps),
    sampleRoutes({ ...deps, db: d.db, clock: d.clock }),
  );
  return { ...s, router };
}
