import type { Request, RequestHandler, Response, Router } from 'express';
import { translator, type Locale } from '../../i18n/i18n';
import type { CityNames } from '../../config';
import type { FieldErrors } from '../../errors';
import { keepTyped, type Values } from '../../web/forms';
import { languageSwitcher, lazyLocal, setLocale } from '../../web/locale';
import { readPage, type AnswerError } from '../model/answers';
import type { PageDef } from '../model/definition';
import { textIn } from '../model/texts';
import { languagesOf } from '../surveys.queries';
import {
  progressOf,
  previousPage,
  resumeAt,
  reviewItems,
  seenBefore,
  shownOn,
  valuesFrom,
} from './respond.rules';
import type { Answering, PageOutcome, SubmitOutcome } from './respond.service';

/**
 * The pages of answering, shared by the resident's pages (`/s/r/:rid`), a staff-entered
 * response and the staff preview: one page of questions at a time, the review, the submit, the
 * thank-you page. What differs is given by a `Mode`: how the response is found and owned, where
 * a page's answers go, and the chrome around the questions.
 */
export interface Ctx {
  a: Answering;
  /** The URL the pages hang under (no trailing slash). */
  base: string;
  /** The language the questions are shown in. */
  qlang: string;
  kind: 'resident' | 'entry' | 'preview';
  save(page: PageDef, body: unknown): Promise<PageOutcome>;
  submit(key: string): Promise<SubmitOutcome>;
}

export interface Mode {
  prefix: string;
  guards: RequestHandler[];
  /** The response of the URL for this session, or undefined (the mode's own "not yours" answer is sent). */
  load(req: Request, res: Response): Promise<Ctx | undefined>;
  gone(res: Response): unknown;
  /** 'open', or why the survey takes no more answers. */
  availability(ctx: Ctx): Promise<string>;
  /** The polite page of a survey that no longer takes answers. */
  closed(res: Response, ctx: Ctx, why: string): unknown;
}

const VIEWS = 'surveys/respond';

/** The page's translators: resident pages speak the response's language; staff chrome stays English. */
export function languageLocals(req: Request, res: Response, ctx: Ctx, cityNames: CityNames) {
  if (ctx.kind !== 'entry') setLocale(res.locals, ctx.qlang as Locale, cityNames);
  res.locals.qlang = ctx.qlang;
  lazyLocal(res.locals, 'qt', () =>
    ctx.kind === 'entry' ? translator(ctx.qlang, cityNames) : res.locals.t,
  );
  res.locals.txt = (t: Record<string, string | undefined> | undefined) => textIn(t, ctx.qlang);
  // The switcher offers the survey's languages only; following it keeps every stored answer.
  lazyLocal(res.locals, 'languageSwitcher', () =>
    languageSwitcher(req.originalUrl, languagesOf(ctx.a.survey), ctx.qlang),
  );
}

/** Errors of a page in its language, by field, in the order the fields appear. */
function pageErrors(
  res: Response,
  errors: Record<string, AnswerError>,
  order: string[],
): FieldErrors {
  const qt = res.locals.qt as (k: string, o?: object) => string;
  const rank = (k: string) => {
    const i = order.findIndex((f) => k === f || k.startsWith(`${f}__`));
    return i < 0 ? order.length : i;
  };
  return Object.fromEntries(
    Object.entries(errors)
      .sort(([x], [y]) => rank(x) - rank(y))
      .map(([field, e]) => [field, qt(e.key, e.params)]),
  );
}

export function answeringRoutes(r: Router, mode: Mode): void {
  const { prefix, guards } = mode;
  const ctxOf = (res: Response): Ctx => res.locals.answering as Ctx;

  const load: RequestHandler = async (req, res, next) => {
    const ctx = await mode.load(req, res);
    if (!ctx) return void mode.gone(res);
    res.locals.answering = ctx;
    next();
  };

  /** In progress and still taking answers; else the thank-you or the closed page. */
  const answerable: RequestHandler = async (req, res, next) => {
    const ctx = ctxOf(res);
    if (ctx.a.response.status === 'submitted') return res.redirect(303, `${ctx.base}/done`);
    const why = await mode.availability(ctx);
    if (why !== 'open') return void mode.closed(res, ctx, why);
    next();
  };

  const render = (
    req: Request,
    res: Response,
    page: PageDef,
    values: Values,
    errors: FieldErrors,
  ) => {
    const ctx = ctxOf(res);
    const shown = shownOn(ctx.a.def, page, ctx.a.stored);
    // The summary names the question each message is about (several may say "Answer this question").
    const labels = new Map(shown.map((q) => [`q_${q.code}`, textIn(q.texts.label, ctx.qlang)]));
    const summary = Object.fromEntries(
      Object.entries(errors).map(([field, message]) => {
        const label = labels.get(field.split('__')[0]);
        return [field, label ? `${label}: ${message}` : message];
      }),
    );
    const back = previousPage(ctx.a.def, ctx.a.stored, page.position);
    res.render(`${VIEWS}/page`, {
      ctx,
      page,
      questions: shown,
      values,
      errors,
      summary,
      progress: progressOf(ctx.a.def, ctx.a.stored, page.position),
      first: back === null,
      back: back === null ? null : `${ctx.base}/p/${back + 1}`,
      action: `${ctx.base}/p/${page.position + 1}?lang=${encodeURIComponent(ctx.qlang)}`,
      switchTo:
        ctx.kind === 'entry'
          ? []
          : res.locals.languageSwitcher.filter((l: { current: boolean }) => !l.current),
    });
  };

  /** The page of the URL, if the person sees it now; else they are sent where they resume. */
  const pageOf = (req: Request, res: Response): PageDef | undefined => {
    const ctx = ctxOf(res);
    const n = /^[1-9]\d{0,3}$/.test(String(req.params.n)) ? Number(req.params.n) - 1 : -1;
    const page = ctx.a.def.pages.find((p) => p.position === n);
    if (!page || !shownOn(ctx.a.def, page, ctx.a.stored).length) return undefined;
    return page;
  };
  const resume = (res: Response) => {
    const ctx = ctxOf(res);
    const at = resumeAt(ctx.a.def, ctx.a.stored, ctx.a.response.page_position);
    res.redirect(303, at === null ? `${ctx.base}/review` : `${ctx.base}/p/${at + 1}`);
  };

  r.get(prefix, ...guards, load, answerable, (_req, res) => resume(res));

  r.get(`${prefix}/p/:n`, ...guards, load, answerable, (req, res) => {
    const page = pageOf(req, res);
    if (!page) return resume(res);
    const ctx = ctxOf(res);
    const values = valuesFrom(page.questions, ctx.a.stored);
    // Sent back from the submit: show what the page still needs.
    const check =
      req.query.check === '1'
        ? readPage(page, values, seenBefore(ctx.a.def, ctx.a.stored, page.position)).errors
        : {};
    const order = page.questions.map((q) => `q_${q.code}`);
    if (Object.keys(check).length) res.status(400);
    render(req, res, page, values, pageErrors(res, check, order));
  });

  r.post(`${prefix}/p/:n`, ...guards, load, answerable, async (req, res) => {
    const page = pageOf(req, res);
    if (!page) return resume(res);
    const ctx = ctxOf(res);
    const outcome = await ctx.save(page, req.body);
    // "Save and switch language": the page is stored, then shown again in the other language.
    const to = req.body?._switch;
    if (outcome.ok && typeof to === 'string' && languagesOf(ctx.a.survey).includes(to))
      return res.redirect(303, `${ctx.base}/p/${page.position + 1}?lang=${encodeURIComponent(to)}`);
    if (!outcome.ok) {
      const order = page.questions.map((q) => `q_${q.code}`);
      res.status(400);
      return render(req, res, page, keepTyped(req.body), pageErrors(res, outcome.errors, order));
    }
    res.redirect(
      303,
      outcome.next === null ? `${ctx.base}/review` : `${ctx.base}/p/${outcome.next + 1}`,
    );
  });

  r.get(`${prefix}/review`, ...guards, load, answerable, (_req, res) => {
    const ctx = ctxOf(res);
    const qt = res.locals.qt as (k: string, o?: object) => string;
    const items = reviewItems(ctx.a.def, ctx.a.stored, ctx.qlang, qt);
    const shown = progressOf(ctx.a.def, ctx.a.stored, -1);
    const last = items.length ? items[items.length - 1].page : null;
    res.render(`${VIEWS}/review`, {
      ctx,
      items,
      progress: shown,
      back: last === null ? null : `${ctx.base}/p/${last + 1}`,
    });
  });

  r.post(`${prefix}/submit`, ...guards, load, async (req, res) => {
    const ctx = ctxOf(res);
    if (ctx.a.response.status === 'submitted') return res.redirect(303, `${ctx.base}/done`);
    const key = typeof req.body?.submission === 'string' ? req.body.submission : '';
    const outcome = await ctx.submit(key);
    if (outcome.done) return res.redirect(303, `${ctx.base}/done`);
    if ('closed' in outcome) return void mode.closed(res, ctx, outcome.closed);
    res.redirect(
      303,
      outcome.missingOnPage !== null && outcome.missingOnPage >= 0
        ? `${ctx.base}/p/${outcome.missingOnPage + 1}?check=1`
        : `${ctx.base}/review`,
    );
  });

  r.get(`${prefix}/done`, ...guards, load, (_req, res) => {
    const ctx = ctxOf(res);
    if (ctx.a.response.status !== 'submitted') return resume(res);
    res.render(`${VIEWS}/done`, { ctx });
  });
}
