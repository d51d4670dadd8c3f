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
import { invitationRoutes } from './invitations/invitations.routes';
import { InvitationService } from './invitations/invitations.service';
import { registrationRoutes } from './registration/registration.routes';
import { RegistrationMail } from './registration/registration.mail';
import { RegistrationService } from './registration/registration.service';
import { residentRegistrationRoutes } from './registration/resident/resident.routes';
import { ResidentRegistrationService } from './registration/resident/resident.service';
import { callsRoutes } from './reminders/calls.routes';
import { ReminderService } from './reminders/reminder.service';
import { SampleDrawer } from './sampling/draw';
import { samplePage, sampleRoutes } from './sampling/sample.routes';
import { cancelRoutes } from './sessions/cancel.routes';
import { SessionCancellation } from './sessions/cancel.service';
import { sessionPage, sessionRoutes } from './sessions/session.routes';
import { SessionService } from './sessions/session.service';
import { StudiesService, type StaffDirectory } from './studies.service';
import { studyPage, studyRoutes } from './study/study.routes';

export interface StudiesFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone' | 'baseUrl' | 'cityNames'>;
  mailer: Mailer;
  ref: ReferenceData;
  /** The staff feature, asked for the accounts a team is chosen from. */
  staff: StaffDirectory;
  /**
   * The participants feature: walk-ins new to the panel are created through it, and its manage
   * links go with a first invitation.
   */
  participants: ParticipantService;
}

/** The core services of the studies feature (what its jobs and the resident pages need). */
export function studiesServices(
  d: Pick<StudiesFeatureDeps, 'db' | 'clock' | 'staff' | 'config' | 'mailer'>,
) {
  const zone = { cityTimeZone: d.config.cityTimeZone };
  const studies = new StudiesService(d);
  const sessions = new SessionService(studies);
  const registrations = new RegistrationService({
    db: d.db,
    clock: d.clock,
    ...zone,
    mail: new RegistrationMail({ mailer: d.mailer, clock: d.clock, config: d.config }),
  });
  const resident = new ResidentRegistrationService({
    db: d.db,
    clock: d.clock,
    ...zone,
    registrations,
  });
  const reminders = new ReminderService({
    db: d.db,
    clock: d.clock,
    mailer: d.mailer,
    baseUrl: d.config.baseUrl,
    ...zone,
  });
  const cancellation = new SessionCancellation({ studies, sessions, mailer: d.mailer, ...zone });
  return { studies, sessions, registrations, resident, reminders, cancellation };
}

/** Every service of the feature, built once per app. */
function allServices(d: StudiesFeatureDeps) {
  const s = studiesServices(d);
  const zone = { db: d.db, clock: d.clock, cityTimeZone: d.config.cityTimeZone };
  const drawer = new SampleDrawer({ ...zone, ref: d.ref });
  const invitations = new InvitationService({ ...d, ...s, drawer, manageLinks: d.participants });
  const attendance = new AttendanceService(zone);
  const walkIns = new WalkInService({
    ...zone,
    ref: d.ref,
    attendance,
    participants: d.participants,
  });
  const incentives = new IncentiveService(zone);
  return { ...s, drawer, invitations, attendance, walkIns, incentives };
}

/** The studies feature's pages, in match order: /new before /:id. */
export function studiesFeature(d: StudiesFeatureDeps) {
  const s = allServices(d);
  const deps = { ...s, ref: d.ref, cityTimeZone: d.config.cityTimeZone };
  const sampling = {
    ...deps,
    db: d.db,
    invitedTo: async (id: number) => (await s.invitations.counts(id)).total,
  };
  const team = { ...deps, rosterPage: rosterPageOf(deps) };
  const router = Router();
  router.use(
    studyRoutes(deps),
    sessionRoutes(deps),
    registrationRoutes({ ...deps, sessionPage: sessionPage(deps) }),
    sampleRoutes(sampling),
    invitationRoutes({ ...deps, samplePage: samplePage(sampling), studyPage: studyPage(deps) }),
    residentRegistrationRoutes({ resident: s.resident, clock: d.clock }),
    cancelRoutes(deps),
    callsRoutes(deps),
    attendanceRoutes(team),
    incentiveRoutes({ ...team, db: d.db, clock: d.clock }),
  );
  return { ...s, router };
}
