import { Router } from 'express';
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ParticipantService } from '../participants/participants.service';
import type { ReferenceData } from '../reference/reference.queries';
import type { ExportDeps } from './exports/export-type';
import { ExportRunner } from './exports/export-runner';
import { exportRoutes } from './exports/exports.routes';
import { exportTypes } from './exports/registry';
import { surveyResultsRoutes } from './survey/results.routes';
import { reportBackRoutes } from './report-back/report-back.routes';
import { ReportBackService } from './report-back/report-back.service';
import { studyReportRoutes } from './study/study-report.routes';
import { StudyReportService } from './study/study-report.service';
import { CitySharesService } from './representation/city-shares.service';
import { citySharesRoutes } from './representation/city-shares.routes';
import { representationRoutes } from './representation/representation.routes';
import { scorecardRoutes } from './scorecard/scorecard.routes';
import { ScorecardService } from './scorecard/scorecard.service';

export interface ResultsFeatureDeps {
  db: DB;
  clock: Clock;
  config: Pick<Config, 'cityTimeZone' | 'cityNames'>;
  mailer: Mailer;
  ref: ReferenceData;
  /** Builds the manage link in report-back emails. */
  participants: Pick<ParticipantService, 'url'>;
}

/**
 * The results feature (issue 9): survey results, the study report, representativeness, the
 * service scorecard, report-back messages and the exports. Each use case adds its router here,
 * in match order, and its export types to `exports/registry.ts`.
 */
export function resultsFeature(d: ResultsFeatureDeps) {
  const router = Router();
  const exportDeps: ExportDeps = {
    db: d.db,
    ref: d.ref,
    clock: d.clock,
    cityTimeZone: d.config.cityTimeZone,
    names: d.config.cityNames,
  };
  const exports = exportTypes(exportDeps);
  router.use(surveyResultsRoutes({ db: d.db, ref: d.ref, cityTimeZone: d.config.cityTimeZone }));
  const runner = new ExportRunner(exportDeps, exports);
  router.use(exportRoutes(runner));
  const reports = new StudyReportService({
    ...d,
    cityTimeZone: d.config.cityTimeZone,
    service311: d.config.cityNames.service311,
  });
  const reportBack = new ReportBackService({
    ...d,
    names: d.config.cityNames,
    manageLinks: d.participants,
  });
  router.use(studyReportRoutes({ reports }));
  router.use(reportBackRoutes({ reports, reportBack }));
  const shares = new CitySharesService(d);
  const tz = d.config.cityTimeZone;
  router.use(representationRoutes({ db: d.db, ref: d.ref, shares, cityTimeZone: tz }));
  router.use(citySharesRoutes({ db: d.db, ref: d.ref, shares, cityTimeZone: tz }));
  const scorecard = new ScorecardService({ db: d.db, ref: d.ref, cityTimeZone: tz });
  router.use(scorecardRoutes({ scorecard, ref: d.ref }));
  return { router, exports, exportDeps, runner };
}
