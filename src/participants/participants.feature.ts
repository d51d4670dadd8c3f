import { Router } from 'express';
import type { Logger } from 'pino';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import { residentDate } from '../i18n/dates';
import type { Mailer } from '../mail/mailer';
import type { ReferenceData } from '../reference/reference.queries';
import type { RateLimits } from '../web/rate-limit';
import { callListRoutes } from './call-list/call-list.routes';
import { consentRoutes } from './consent/consent.routes';
import { ConsentService } from './consent/consent.service';
import { DeletionService } from './deletion.service';
import { importRoutes } from './import/import.routes';
import { linkRoutes } from './me/links.routes';
import { meRoutes } from './me/me.routes';
import { ParticipantService } from './participants.service';
import { poolRoutes } from './pool/pool.routes';
import { ProfileService } from './profile/profile.service';
import { entryRoutes } from './record/entry.routes';
import { LinkRequestService } from './me/link-requests.service';
import { retentionRoutes } from './retention/retention.routes';
import { RetentionService } from './retention/retention.service';
import { recordRoutes } from './record/record.routes';
import { RecordService } from './record/record.service';
import { joinRoutes } from './signup/join.routes';
import { SignupService } from './signup/signup.service';
import { StatusService } from './status.service';

export interface ParticipantsFeatureDeps {
  db: DB;
  mailer: Mailer;
  clock: Clock;
  config: Pick<Config, 'baseUrl' | 'cityTimeZone' | 'cityNames'>;
  logger: Logger;
  ref: ReferenceData;
  limits: RateLimits;
  /** Sign-ups per IP address in 15 minutes (tests lower it). */
  joinRateLimit?: number;
}

/** The services of the participants feature, built once per app (and by the CLI and jobs). */
export function participantServices(d: Omit<ParticipantsFeatureDeps, 'ref' | 'limits'>) {
  const consent = new ConsentService(d.db, d.clock);
  const participants = new ParticipantService({ ...d, consent });
  const profiles = new ProfileService(participants);
  const statuses = new StatusService(participants);
  const formatDate = (date: Date, lang: string) => residentDate(date, lang, d.config.cityTimeZone);
  const deletion = new DeletionService(participants, formatDate);
  const retention = new RetentionService(participants, deletion, formatDate);
  const linkRequests = new LinkRequestService(participants);
  const signup = new SignupService(participants);
  const records = new RecordService({
    db: d.db,
    clock: d.clock,
    participants,
    consent,
    profiles,
    statuses,
    deletion,
  });
  return {
    consent,
    participants,
    profiles,
    statuses,
    deletion,
    retention,
    linkRequests,
    signup,
    records,
  };
}

/** The participants feature's pages, resident and staff, in the order they must be matched. */
export function participantsFeature(d: ParticipantsFeatureDeps) {
  const s = participantServices(d);
  const { db, clock, ref, limits } = d;
  const cityTimeZone = d.config.cityTimeZone;
  const router = Router();
  router.use(
    joinRoutes({ ...s, ref, limits, joinRateLimit: d.joinRateLimit }),
    linkRoutes({ ...s, clock, limits }),
    retentionRoutes({ ...s, clock, cityTimeZone }),
    meRoutes({ ...s, ref, clock, cityTimeZone }),
    consentRoutes(s.consent),
    // Before any /staff/participants/:id route.
    importRoutes({ db, clock, ref, participants: s.participants, cityNames: d.config.cityNames }),
    callListRoutes({ db, clock, ref }),
    poolRoutes({ db, ref, cityTimeZone }),
    entryRoutes({ ...s, ref }),
    recordRoutes({ ...s, ref }),
  );
  return { ...s, router };
}
