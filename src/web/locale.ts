import type { RequestHandler } from 'express';
import {
  DEFAULT_LOCALE,
  LOCALES,
  LOCALE_NAMES,
  isLocale,
  negotiateLocale,
  cityVariables,
  translator,
  type Locale,
} from '../i18n/i18n';
import type { CityNames, Config } from '../config';

export const LANG_COOKIE = 'lang';

/**
 * Resident pages: the language comes from `?lang=`, then the `lang` cookie, then Accept-Language.
 * A `?lang=` choice is remembered in a cookie. Sets res.locals.lang, .t, .dir and the switcher.
 */
export function residentLocale(config: Config): RequestHandler {
  return (req, res, next) => {
    const fromQuery = req.query.lang;
    let lang: Locale;
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
    setLocale(res.locals, lang, config.cityNames);
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
export function staffLocale(config: Config): RequestHandler {
  return (_req, res, next) => {
    setLocale(res.locals, 'en', config.cityNames);
    next();
  };
}

/**
 * Sets lang, t, dir, the configured city names (`cityNames`, for a translator in another language)
 * and those names as the page's language says them (`city.service311` …).
 */
export function setLocale(locals: Record<string, any>, lang: Locale, names: CityNames): void {
  const t = translator(lang, names);
  locals.lang = lang;
  locals.t = t;
  locals.dir = t('meta.dir');
  locals.cityNames = names;
  locals.city = cityVariables(lang, names);
}

function withLang(originalUrl: string, lang: string): string {
  const url = new URL(originalUrl, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}
