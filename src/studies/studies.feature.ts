import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ParticipantService } from '../participants/participants.service';
import type { ReferenceData } from '../reference/reference.queries';
import { attendanceRoutes, rosterPageOf } from './attendance/attendance.routes';
import { AttendanceService } from './attendance/attendance.service';
import { WalkInService } from './attendance/walk-in.service';
import { incentiveRoutes } from './incentives/incentives.routes';
import { IncentiveService } from './incentives/incentives.service';
import { registrationRoutes } from './registration/registration.routes';
import { RegistrationMail } from './registration/registration.mail';
import { RegistrationService } from './registration/registration.service';
import { residentRegistrationRoutes } from './registration/resident/resident.routes';
import { ResidentRegistrationService } from './registration/resident/resident.service';
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
  config: Pick<Config, 'cityTimeZone' | 'baseUrl' | 'cityNames'>;
  mailer: Mailer;
  ref: ReferenceData;
  /** The staff feature, asked for the accounts a team is chosen from. */
  staff: StaffDirectory;
  /** The participants feature: walk-ins new to the panel are created through it. */
  participants: ParticipantService;
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
  const zone = { db: d.db, clock: d.clock, cityTimeZone: d.config.cityTimeZone };
  const attendance = new AttendanceService(zone);
  const walkIns = new WalkInService({
    ...zone,
    ref: d.ref,
    attendance,
    participants: d.participants,
  });
  const incentives = new IncentiveService(zone);
  const team = { attendance, walkIns, incentives, ref: d.ref, cityTimeZone: d.config.cityTimeZone };
  router.use(
    attendanceRoutes(team),
    incentiveRoutes({
      ...team,
      db: d.db,
      clock: d.clock,
      studies: s.studies,
      rosterPage: rosterPageOf(team),
    }),
  );
  return { ...s, attendance, walkIns, incentives, router };
}
