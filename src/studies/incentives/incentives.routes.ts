import { Router, type Request } from 'express';
import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { exportSchema } from '../../participants/call-list/call-list.schema';
import { requireRole } from '../../web/auth';
import { streamCsv } from '../../web/csv';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import type { AttendanceService } from '../attendance/attendance.service';
import type { StudiesService } from '../studies.service';
import { issueSchema } from './incentives.schema';
import type { IncentiveService } from './incentives.service';
import { INCENTIVE_COLUMNS, reportLine, reportTotals } from './incentives.view';

export interface IncentiveRoutesDeps {
  db: DB;
  clock: Clock;
  studies: StudiesService;
  attendance: AttendanceService;
  incentives: IncentiveService;
  cityTimeZone: string;
  /** The roster page, where the issue form is and its problems are shown. */
  rosterPage: FormPage;
}

/** Issuing incentives at the session; the study's report and its finance CSV (organizers). */
export function incentiveRoutes(d: IncentiveRoutesDeps): Router {
  const r = Router();
  const line = reportLine(d.cityTimeZone);

  r.post(
    '/staff/studies/:id/sessions/:sessionId/incentives',
    ...requireRole('organizer', 'facilitator'),
    handleForm(issueSchema, d.rosterPage, async (req, res, input) => {
      const s = await d.attendance.session(
        idFrom(req.params.id),
        idFrom(req.params.sessionId),
        req.user!,
      );
      const issued = await d.incentives.issue(s, input, req.user!.id);
      flash(
        req,
        issued ? 'success' : 'info',
        issued
          ? 'Incentive recorded as issued.'
          : 'Nothing changed: an incentive was already issued.',
      );
      res.redirect(
        303,
        `/staff/studies/${s.study_id}/sessions/${s.id}/roster#r-${input.registrationId}`,
      );
    }),
  );

  const studyIdOf = (req: Request) => idFrom(req.params.id);
  const reportPage: FormPage = async (req, res, { values, errors }) => {
    const { study } = await d.studies.get(studyIdOf(req));
    const lines = (await d.incentives.report(study.id)).map(line);
    res.render('studies/incentives/report', {
      study,
      lines,
      totals: reportTotals(lines),
      reason: typeof values?.reason === 'string' ? values.reason : '',
      errors,
    });
  };
  r.get('/staff/studies/:id/incentives', ...requireRole('organizer'), showForm(reportPage));

  r.post(
    '/staff/studies/:id/incentives/export',
    ...requireRole('organizer'),
    handleForm(exportSchema, reportPage, async (req, res, { reason }) => {
      const { study } = await d.studies.get(studyIdOf(req));
      const lines = (await d.incentives.report(study.id)).map(line);
      const now = d.clock.now();
      // Personal data (names): logged, with the reason, before the download starts.
      await recordAudit(d.db, {
        actorStaffId: req.user!.id,
        action: 'participants.export',
        subjectType: 'study',
        subjectId: study.id,
        details: { export: 'incentives', studyId: study.id, reason, rows: lines.length },
        at: now,
      });
      await streamCsv(
        res,
        `incentives-study-${study.id}-${now.toISOString().slice(0, 10)}.csv`,
        INCENTIVE_COLUMNS,
        lines,
      );
    }),
  );

  return r;
}
