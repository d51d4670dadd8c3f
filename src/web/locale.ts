import type { RequestHandler } from 'express';
import {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_NAMES,
  isLocale,
  negotiateLocale,
  translator,
} from '../i18n/i18n';
import type { Config } from '../config';

export const LANG_COOKIE = 'lang';

/**
 * Resident pages: the language comes from `?lang=`, then the `lang` cookie, then Accept-Language.
 * A `?lang=` choice is remembered in a cookie. Sets res.locals.lang, .t, .dir and the switcher.
 */
export function residentLocale(config: Config): RequestHandler {
  return (req, res, next) => {
    const fromQuery = req.query.lang;
    let lang: string | undefined;
    if (isLocale(fromQuery)) {
      lang = fromQuery;
      res.cookie(LANG_COOKIE, lang, {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: 365 * 24 * 3600_000,
      });
    } else if (isLocale(req.cookies?.[LANG_COOKIE])) {
      lang = req.cookies[LANG_COOKIE];
    } else {
      lang = negotiateLocale(req.get('accept-language')) ?? DEFAULT_LOCALE;
    }
    setLocale(res.locals, lang);
    res.locals.languageSwitcher = LOCALES.map((code) => ({
      code,
      name: LOCALE_NAMES[code],
      href: withLang(req.originalUrl, code),
      current: code === lang,
    }));
    next();
  };
}

/** Staff pages are in English. */
export const staffLocale: RequestHandler = (_req, res, next) => {
  setLocale(res.locals, 'en');
  next();
};

function setLocale(locals: Record<string, any>, lang: string): void {
  const t = translator(lang);
  locals.lang = lang;
  locals.t = t;
  locals.dir = t('meta.dir');
}

function withLang(originalUrl: string, lang: string): string {
  const url = new URL(originalUrl, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}
