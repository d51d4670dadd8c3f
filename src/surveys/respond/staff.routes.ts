import { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import type { Config } from '../../config';
import { NotFoundError } from '../../errors';
import { LOCALE_NAMES } from '../../i18n/i18n';
import { requireRole } from '../../web/auth';
import { handleForm, inFieldOrder, parseForm, showForm, type FormPage } from '../../web/forms';
import type { SurveyRow } from '../../db/schema';
import { idFrom } from '../../web/params';
import { saveSessionIn } from '../../web/session';
import { textIn } from '../model/texts';
import { languagesOf, surveyTexts } from '../surveys.queries';
import { answeringRoutes, languageLocals, type Ctx } from './answering';
import type { PreviewService } from './preview.service';
import type { RespondService } from './respond.service';
import { ENTRY_FIELDS, entrySchema } from './staff.schema';

export interface StaffRespondDeps {
  respond: RespondService;
  preview: PreviewService;
  config: Pick<Config, 'cityNames' | 'baseUrl'>;
}

const VIEWS = 'surveys/respond/staff';
const organizers = requireRole('organizer');

/**
 * Staff pages of answering: the open link and its QR poster, the preview of the respondent
 * pages, and responses entered on a resident's behalf (phone interview, paper form).
 */
export function staffRespondRoutes(d: StaffRespondDeps): Router {
  const r = Router();
  const s = d.respond;
  const surveyOf = async (req: Request) => {
    const survey = await s.survey(idFrom(req.params.id));
    if (!survey) throw new NotFoundError();
    return survey;
  };
  const openUrl = (slug: string) => `${d.config.baseUrl.replace(/\/$/, '')}/s/o/${slug}`;

  // --- the open link ---

  r.get('/staff/surveys/:id/open-link', ...organizers, async (req, res) => {
    const survey = await surveyOf(req);
    res.render(`${VIEWS}/open-link`, {
      survey,
      url: survey.open_slug ? openUrl(survey.open_slug) : null,
    });
  });

  r.post('/staff/surveys/:id/open-link', ...organizers, async (req, res) => {
    await s.createOpenSlug(await surveyOf(req));
    res.redirect(303, `/staff/surveys/${req.params.id}/open-link`);
  });

  r.post('/staff/surveys/:id/open-link/retire', ...organizers, async (req, res) => {
    await s.retireOpenSlug(await surveyOf(req));
    res.redirect(303, `/staff/surveys/${req.params.id}/open-link`);
  });

  r.get('/staff/surveys/:id/open-link/qr.svg', ...organizers, async (req, res) => {
    const survey = await surveyOf(req);
    if (!survey.open_slug) throw new NotFoundError();
    const svg = await QRCode.toString(openUrl(survey.open_slug), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.type('image/svg+xml').send(svg);
  });

  r.get('/staff/surveys/:id/open-link/poster', ...organizers, async (req, res) => {
    const survey = await surveyOf(req);
    if (!survey.open_slug) return res.redirect(303, `/staff/surveys/${survey.id}/open-link`);
    const texts = surveyTexts(survey);
    const titles = languagesOf(survey).map((lang) => ({
      lang,
      title: textIn(texts.title, lang),
      name: LOCALE_NAMES[lang] ?? lang,
    }));
    res.render(`${VIEWS}/poster`, { survey, titles, url: openUrl(survey.open_slug) });
  });

  // --- preview: the respondent pages, answers kept in the staff session only ---

  answeringRoutes(r, {
    prefix: '/staff/surveys/:id/preview',
    guards: organizers,
    gone: () => {
      throw new NotFoundError();
    },
    availability: async () => 'open',
    closed: () => undefined,
    async load(req, res) {
      const ctx = await d.preview.context(req, idFrom(req.params.id));
      if (ctx) languageLocals(req, res, ctx, d.config.cityNames);
      return ctx;
    },
  });

  // --- staff-entered responses ---

  const entryPage: FormPage = async (req, res, { values, errors }) => {
    const survey = await surveyOf(req);
    res.render(`${VIEWS}/entry`, {
      survey,
      languages: languagesOf(survey).map((code) => ({ code, name: LOCALE_NAMES[code] ?? code })),
      values: values ?? { language: languagesOf(survey)[0] ?? '', channel: 'phone' },
      errors: inFieldOrder(errors, ENTRY_FIELDS),
    });
  };

  r.get('/staff/surveys/:id/entry', ...organizers, showForm(entryPage));

  /** The survey of the URL, for the entry form's validator (its languages). */
  const withSurvey = async (req: Request, res: Response, next: () => void) => {
    res.locals.survey = await surveyOf(req);
    next();
  };

  r.post(
    '/staff/surveys/:id/entry',
    ...organizers,
    withSurvey,
    handleForm(
      (input, _req, res) => parseForm(entrySchema(languagesOf(res.locals.survey)), input),
      entryPage,
      async (req, res, form) => {
        const survey = res.locals.survey as SurveyRow;
        const response = await s.startEntry(survey, { ...form, staffId: req.user!.id });
        res.redirect(303, `/staff/surveys/${survey.id}/entry/${response.id}`);
      },
    ),
  );

  answeringRoutes(r, {
    prefix: '/staff/surveys/:id/entry/:rid',
    guards: organizers,
    gone: () => {
      throw new NotFoundError();
    },
    availability: (ctx) => s.availability(ctx.a.survey, false),
    closed: (res: Response, ctx: Ctx, why: string) => res.render(`${VIEWS}/closed`, { ctx, why }),
    async load(req, res) {
      const a = await s.entryOf(idFrom(req.params.id), idFrom(req.params.rid), req.user!.id);
      if (!a) return undefined;
      const withSession = saveSessionIn(req);
      const ctx: Ctx = {
        a,
        base: `/staff/surveys/${a.survey.id}/entry/${a.response.id}`,
        qlang: a.response.language,
        kind: 'entry',
        save: (page, body) => s.answerPage(a, page, body, a.response.language, withSession),
        submit: (key) => s.submit(a, key, null, withSession),
      };
      languageLocals(req, res, ctx, d.config.cityNames);
      return ctx;
    },
  });

  return r;
}
