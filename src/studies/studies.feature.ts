import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ReferenceData } from '../reference/reference.queries';
import { registrationRoutes } from './registration/registration.routes';
import { RegistrationMail } from './registration/registration.mail';
import { RegistrationService } from './registration/registration.service';
import { residentRegistrationRoutes } from './registration/resident/resident.routes';
import { ResidentRegistrationService } from './registration/resident/resident.service';
import { sampleRoutes } from './sampling/sample.routes';
import { sessionPage, sessionRoutes } from './sessions/session.routes';
import { SessionService } from './sessions/session.service';
import { StudiesService, type StaffDirectory } from './studies.service';
import { studyRoutes } from './study/study.routes';

export interface StudiesFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone' | 'baseUrl' | 'cityNames'>;
  mailer: Mailer;
  ref: ReferenceData;
  /** The staff feature, asked for the accounts a team is chosen from. */
  staff: StaffDirectory;
}

/** The services of the studies feature, built once per app. */
export function studiesServices(
  d: Pick<StudiesFeatureDeps, 'db' | 'clock' | 'staff' | 'config' | 'mailer'>,
) {
  const studies = new StudiesService(d);
  const sessions = new SessionService(studies);
  const registrations = new RegistrationService({
    db: d.db,
    clock: d.clock,
    cityTimeZone: d.config.cityTimeZone,
    mail: new RegistrationMail({ mailer: d.mailer, clock: d.clock, config: d.config }),
  });
  const resident = new ResidentRegistrationService({
    db: d.db,
    clock: d.clock,
    cityTimeZone: d.config.cityTimeZone,
    registrations,
  });
  return { studies, sessions, registrations, resident };
}

/** The studies feature's pages (organizers), in match order: /new before /:id. */
export function studiesFeature(d: StudiesFeatureDeps) {
  const s = studiesServices(d);
  const deps = { ...s, ref: d.ref, cityTimeZone: d.config.cityTimeZone };
  const router = Router();
  const page = sessionPage(deps);
  router.use(
    studyRoutes(deps),
    sessionRoutes(deps),
    registrationRoutes({ ...deps, sessionPage: page }),
    sampleRoutes({ ...deps, db: d.db, clock: d.clock }),
    residentRegistrationRoutes({ resident: s.resident, clock: d.clock }),
  );
  return { ...s, router };
}
