import crypto from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import { DEFAULT_CITY_NAMES } from '../config';
import { isLocale, translator } from '../i18n/i18n';
import { setLocale } from './locale';

const STAFF = /^\/(staff|login|logout|set-password)(\/|$)/;

const KIND_BY_STATUS: Record<number, string> = {
  400: 'badRequest',
  403: 'forbidden',
  404: 'notFound',
  413: 'tooLarge',
  429: 'tooMany',
};

/** The 404 for anything no route answered: HTML or JSON by the Accept header. */
export const notFound: RequestHandler = (_req, res) => {
  sendError(res, 404, 'notFound');
};

/**
 * The one error handler. Known errors keep their status; anything else is a 500 with a reference
 * id that appears in the page and in the log, never a stack trace.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const status = statusOf(err);
    let ref: string | undefined;
    if (status >= 500) {
      ref = crypto.randomBytes(5).toString('hex');
      logger.error({ err, ref, method: req.method, route: req.route?.path }, 'request failed');
    } else {
      logger.info({ status, method: req.method, code: err?.code }, 'request refused');
    }
    if (res.headersSent) return res.end();
    // Refused before the language was chosen (a body over the limit): a resident form that names
    // its page's language in its action (`?lang=`, the survey pages do) still gets its language.
    if (!res.locals.t) {
      const lang = req.query?.lang;
      setLocale(
        res.locals,
        isLocale(lang) && !STAFF.test(req.path) ? lang : 'en',
        DEFAULT_CITY_NAMES,
      );
    }
    const kind = err instanceof AppError ? err.kind : (KIND_BY_STATUS[status] ?? 'server');
    sendError(res, status, kind, ref);
  };
}

function statusOf(err: any): number {
  if (err instanceof AppError) return err.status;
  const status = Number(err?.status ?? err?.statusCode);
  return status >= 400 && status < 600 ? status : 500;
}

function sendError(res: Response, status: number, kind: string, ref?: string): void {
  res.status(status);
  const t = res.locals.t ?? translator('en');
  const title = t(`errors.${kind}Title`);
  const html = () => {
    res.render('errors/error', { title, body: t(`errors.${kind}Body`), ref }, (renderErr, page) => {
      // If the error page itself fails, still answer with a minimal, escaped page.
      if (renderErr) {
        res
          .type('html')
          .send(
            `<!doctype html><html lang="en"><title>Error</title><h1>${escapeHtml(title)}</h1>` +
              (ref ? `<p>Reference: ${escapeHtml(ref)}</p>` : '') +
              '</html>',
          );
      } else {
        res.type('html').send(page);
      }
    });
  };
  res.format({
    html,
    json: () => {
      res.json({ error: title, status, ...(ref ? { reference: ref } : {}) });
    },
    default: html,
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
