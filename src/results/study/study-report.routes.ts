import { Router } from 'express';
import { requireRole } from '../../web/auth';
import { idFrom } from '../../web/params';
import { percent } from './funnel';
import { funnelChart } from './funnel-chart';
import type { StudyReportService } from './study-report.service';

/** The export types of a study, linked from its report (the download route is the exports page's). */
export const STUDY_EXPORTS = [
  { type: 'registrations', title: 'Registrations and attendance' },
  { type: 'funnel', title: 'Recruitment funnel' },
  { type: 'incentives', title: 'Incentives (pseudonymous)' },
  { type: 'notes', title: 'Coded notes' },
];

/** `/staff/results/studies/:id`: the study report (analysts, organizers, admins). */
export function studyReportRoutes(d: { reports: StudyReportService }): Router {
  const r = Router();
  r.get('/staff/results/studies/:id', ...requireRole('analyst', 'organizer'), async (req, res) => {
    const report = await d.reports.report(idFrom(req.params.id));
    res.render('results/study/report', {
      ...report,
      chart: funnelChart(report.funnel),
      percent,
      exports: STUDY_EXPORTS,
      canReportBack: req.user!.role === 'organizer' || req.user!.role === 'admin',
    });
  });
  return r;
}
