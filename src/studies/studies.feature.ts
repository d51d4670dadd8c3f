import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ReferenceData } from '../reference/reference.queries';
import { invitationRoutes } from './invitations/invitations.routes';
import { InvitationService, type ManageLinks } from './invitations/invitations.service';
import { registrationRoutes } from './registration/registration.routes';
import { RegistrationService } from './registration/registration.service';
import { SampleDrawer } from './sampling/draw';
import { samplePage, sampleRoutes } from './sampling/sample.routes';
import { sessionPage, sessionRoutes } from './sessions/session.routes';
import { SessionService } from './sessions/session.service';
import { StudiesService, type StaffDirectory } from './studies.service';
import { studyPage, studyRoutes } from './study/study.routes';

export interface StudiesFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone' | 'baseUrl'>;
  ref: ReferenceData;
  mailer: Mailer;
  /** The staff feature, asked for the accounts a team is chosen from. */
  staff: StaffDirectory;
  /** The participants feature's manage links, sent with a first invitation. */
  manageLinks: ManageLinks;
}

/** The services of the studies feature, built once per app. */
export function studiesServices(d: Pick<StudiesFeatureDeps, 'db' | 'clock' | 'staff' | 'config'>) {
  const studies = new StudiesService(d);
  const sessions = new SessionService(studies);
  const registrations = new RegistrationService({
    db: d.db,
    clock: d.clock,
    cityTimeZone: d.config.cityTimeZone,
  });
  return { studies, sessions, registrations };
}

/** The studies feature's pages (organizers), in match order: /new before /:id. */
export function studiesFeature(d: StudiesFeatureDeps) {
  const s = studiesServices(d);
  const drawer = new SampleDrawer({
    db: d.db,
    clock: d.clock,
    ref: d.ref,
    cityTimeZone: d.config.cityTimeZone,
  });
  const invitations = new InvitationService({ ...d, ...s, drawer });
  const deps = { ...s, invitations, ref: d.ref, cityTimeZone: d.config.cityTimeZone };
  const sampling = {
    ...deps,
    db: d.db,
    drawer,
    invitedTo: async (id: number) => (await invitations.counts(id)).total,
  };
  const router = Router();
  const page = sessionPage(deps);
  router.use(
    studyRoutes(deps),
    sessionRoutes(deps),
    registrationRoutes({ ...deps, sessionPage: page }),
    sampleRoutes(sampling),
    invitationRoutes({ ...deps, samplePage: samplePage(sampling), studyPage: studyPage(deps) }),
  );
  return { ...s, invitations, router };
}
