import { Router, type Request } from 'express';
import { requireRole } from '../../web/auth';
import { flash } from '../../web/flash';
import { handleForm, showForm, type FormPage } from '../../web/forms';
import { idFrom } from '../../web/params';
import type { StudyReportService } from '../study/study-report.service';
import { composeSchema, messageField, sendSchema } from './report-back.schema';
import type { ReportBackService } from './report-back.service';

export interface ReportBackRoutesDeps {
  reports: StudyReportService;
  reportBack: ReportBackService;
}

const base = (id: number) => `/staff/results/studies/${id}/report-back`;

/** Report-back from a study report: compose, preview, send (organizers and admins). */
export function reportBackRoutes(d: ReportBackRoutesDeps): Router {
  const r = Router();
  const studyOf = (req: Request) => d.reports.study(idFrom(req.params.id));

  const composePage: FormPage = async (req, res, { values, errors }) => {
    const study = await studyOf(req);
    const state = await d.reportBack.state(study);
    const typed = (code: string) => {
      const v = values?.[messageField(code)];
      return typeof v === 'string' ? v : state.messages[code];
    };
    res.render('results/report-back/compose', {
      study,
      state,
      fields: state.languages.map((l) => ({
        ...l,
        name: messageField(l.code),
        value: typed(l.code),
      })),
      errors,
    });
  };

  const previewPage: FormPage = async (req, res, { errors }) => {
    const study = await studyOf(req);
    const state = await d.reportBack.state(study);
    res.render('results/report-back/preview', {
      study,
      state,
      previews: await d.reportBack.previews(state),
      errors,
    });
  };

  const organizers = requireRole('organizer');
  r.get('/staff/results/studies/:id/report-back', ...organizers, showForm(composePage));
  r.post(
    '/staff/results/studies/:id/report-back',
    ...organizers,
    handleForm(composeSchema, composePage, async (req, res, typed) => {
      const study = await studyOf(req);
      await d.reportBack.save(study, typed, req.user!.id);
      res.redirect(303, `${base(study.id)}/preview`);
    }),
  );
  r.get('/staff/results/studies/:id/report-back/preview', ...organizers, showForm(previewPage));
  r.post(
    '/staff/results/studies/:id/report-back/send',
    ...organizers,
    handleForm(sendSchema, previewPage, async (req, res) => {
      const study = await studyOf(req);
      const done = await d.reportBack.send(study, req.user!.id);
      flash(
        req,
        'success',
        `Report-back sent: ${done.sent} emails queued; ${done.skippedTotal} people who attended were not written to.`,
      );
      res.redirect(303, base(study.id));
    }),
  );
  return r;
}
