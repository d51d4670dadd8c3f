import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ReferenceData } from '../reference/reference.queries';
import { registrationRoutes } from './registration/registration.routes';
import { RegistrationService } from './registration/registration.service';
import { callsRoutes } from './reminders/calls.routes';
import { ReminderService } from './reminders/reminder.service';
import { sampleRoutes } from './sampling/sample.routes';
import { cancelRoutes } from './sessions/cancel.routes';
import { SessionCancellation } from './sessions/cancel.service';
import { sessionPage, sessionRoutes } from './sessions/session.routes';
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
  mailer: Mailer;
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
  });
  const zone = { cityTimeZone: d.config.cityTimeZone };
  const reminders = new ReminderService({ db: d.db, clock: d.clock, mailer: d.mailer, ...zone });
  const cancellation = new SessionCancellation({ studies, sessions, mailer: d.mailer, ...zone });
  return { studies, sessions, registrations, reminders, cancellation };
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
    cancelRoutes(deps),
    callsRoutes(deps),
  );
  return { ...s, router };
}
