import { Router, type RequestHandler, type Response } from 'express';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { setLocale } from '../../web/locale';
import type { RateLimits } from '../../web/rate-limit';
import { markSessionStarted, renewSession, saveSessionIn } from '../../web/session';
import { textIn } from '../model/texts';
import { languagesOf, surveyTexts } from '../surveys.queries';
import { answeringRoutes, languageLocals, type Ctx } from './answering';
import { signKey, verifyKey, randomKey, languageFor } from './respond.rules';
import type { Opened, RespondService } from './respond.service';

declare module 'express-session' {
  interface SessionData {
    /** Survey responses this browser may answer: response id → its recipient's id (0: none). */
    surveyResponses: Record<string, number>;
  }
}

export interface RespondRoutesDeps {
  respond: RespondService;
  clock: Clock;
  config: Pick<Config, 'cityNames' | 'secureCookies'>;
  limits: RateLimits;
  sessionSecret: string;
}

const VIEWS = 'surveys/respond';

/** The same polite page for a link that cannot be used, whatever the reason. */
const gone = (res: Response) => {
  // The switcher's links would repeat the URL, which may hold a link's token.
  res.locals.languageSwitcher = null;
  res.status(410).render(`${VIEWS}/gone`);
};

/**
 * The resident's survey pages. A personal link (`/s/<token>`) or an open link (`/s/o/<slug>`)
 * gives this browser's session its response; the pages live at `/s/r/<response id>` and
 * answer only a session that holds that response.
 */
export function respondRoutes(d: RespondRoutesDeps): Router {
  const r = Router();
  const s = d.respond;
  const limiter = d.limits.perIp('survey-open', 120);

  const closedPage = (res: Response, language: string, why: string, title = '') => {
    setLocale(res.locals, language, d.config.cityNames);
    res.status(why === 'draft' ? 404 : 200).render(`${VIEWS}/closed`, { why, title });
  };

  const opened = async (req: Parameters<RequestHandler>[0], res: Response, o: Opened) => {
    if (!o.ok) return o.why === 'gone' ? gone(res) : closedPage(res, o.language, o.why);
    req.session.surveyResponses = {
      ...req.session.surveyResponses,
      [o.response.id]: o.recipient?.id ?? 0,
    };
    markSessionStarted(req.session, d.clock);
    res.redirect(303, `/s/r/${o.response.id}`);
  };

  r.get('/s/:token', async (req, res) => {
    const o = await s.openPersonalLink(String(req.params.token));
    if (!o.ok) return o.why === 'gone' ? gone(res) : closedPage(res, o.language, o.why);
    // A new session holding only this response (and the person, for an identified survey).
    await renewSession(req, d.clock, (sess) => {
      if (o.response.participant_id !== null) sess.participantId = o.response.participant_id;
    });
    await opened(req, res, o);
  });

  // --- open links: anonymous, one response per browser (a signed cookie), limited per IP ---

  const cookie = (surveyId: number) => `cp_s${surveyId}`;
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: d.config.secureCookies,
    maxAge: 180 * 24 * 3600_000,
    path: '/s/',
  };

  r.get('/s/o/:slug', async (req, res) => {
    const survey = await s.surveyOfSlug(String(req.params.slug));
    if (!survey) return gone(res);
    const key = verifyKey(d.sessionSecret, survey.id, req.cookies?.[cookie(survey.id)]);
    const existing = await s.openLinkResponse(survey, key);
    if (existing)
      return opened(req, res, {
        ok: true,
        response: existing,
        recipient: null,
        language: existing.language,
      });
    const language = languageFor(res.locals.lang, languagesOf(survey));
    const why = await s.availability(survey, true);
    if (why !== 'open') return closedPage(res, language, why);
    setLocale(res.locals, language, d.config.cityNames);
    const texts = surveyTexts(survey);
    res.render(`${VIEWS}/start`, {
      title: textIn(texts.title, language),
      intro: textIn(texts.introduction, language),
      action: `/s/o/${survey.open_slug}`,
    });
  });

  // A bot filled the hidden field: answer as if all went well, store nothing.
  const honeypot: RequestHandler = (req, res, next) =>
    typeof req.body?.cp_hp === 'string' && req.body.cp_hp !== ''
      ? res.redirect(303, `/s/o/${encodeURIComponent(String(req.params.slug))}`)
      : next();

  r.post('/s/o/:slug', limiter, honeypot, async (req, res) => {
    const survey = await s.surveyOfSlug(String(req.params.slug));
    if (!survey) return gone(res);
    const name = cookie(survey.id);
    const key = verifyKey(d.sessionSecret, survey.id, req.cookies?.[name]) ?? randomKey();
    res.cookie(name, signKey(d.sessionSecret, survey.id, key), cookieOptions);
    const o = await s.startOpenLink(survey, key, res.locals.lang);
    if (!o.ok) return o.why === 'gone' ? gone(res) : closedPage(res, o.language, o.why);
    // The link's page finds this browser's response by its cookie and opens it.
    res.redirect(303, `/s/o/${survey.open_slug}`);
  });

  // --- the pages of a response this session holds ---

  answeringRoutes(r, {
    prefix: '/s/r/:rid',
    guards: [],
    gone,
    availability: (ctx) => s.availability(ctx.a.survey, false),
    closed: (res, ctx, why) => closedPage(res, ctx.qlang, why, ''),
    async load(req, res) {
      const raw = String(req.params.rid);
      const id = /^[1-9]\d{0,11}$/.test(raw) ? Number(raw) : 0;
      const held = req.session.surveyResponses ?? {};
      if (!id || !(String(id) in held)) return undefined;
      const a = await s.answering(id);
      if (!a || a.survey.status === 'draft') return undefined;
      const qlang = await s.useLanguage(a, req.query.lang);
      const recipientId = held[String(id)] || null;
      // The session (its sliding idle window) commits with the page: one disk sync per page.
      const withSession = saveSessionIn(req);
      const ctx: Ctx = {
        a,
        base: `/s/r/${id}`,
        qlang,
        kind: 'resident',
        save: (page, body) => s.answerPage(a, page, body, qlang, withSession),
        submit: (key) => s.submit(a, key, recipientId, withSession),
      };
      languageLocalsFor(req, res, ctx);
      return ctx;
    },
  });

  const languageLocalsFor = (req: Parameters<RequestHandler>[0], res: Response, ctx: Ctx) =>
    languageLocals(req, res, ctx, d.config.cityNames);

  return r;
}
