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
import type { TFunction } from 'i18next';
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
      // Every form of a resident's survey page carries ?lang=: written only when it changes.
      if (req.cookies?.[LANG_COOKIE] !== lang)
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
    lazyLocal(res.locals, 'languageSwitcher', () =>
      languageSwitcher(req.originalUrl, LOCALES, lang),
    );
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
  const words = wordsFor(lang, names);
  locals.lang = lang;
  locals.t = words.t;
  locals.dir = words.dir;
  locals.cityNames = names;
  locals.city = words.city;
}

interface Words {
  t: TFunction;
  dir: string;
  city: Readonly<CityNames>;
}

/** What setLocale gives a page, made once per language and configuration (they never change). */
const words = new WeakMap<CityNames, Map<Locale, Words>>();

function wordsFor(lang: Locale, names: CityNames): Words {
  let byLang = words.get(names);
  if (!byLang) words.set(names, (byLang = new Map()));
  let w = byLang.get(lang);
  if (!w) {
    const t = translator(lang, names);
    w = { t, dir: t('meta.dir'), city: Object.freeze(cityVariables(lang, names)) };
    byLang.set(lang, w);
  }
  return w;
}

/**
 * A view local worked out the first time something reads it (a page rendered), not on answers
 * that only redirect; assigning it replaces it as usual.
 */
export function lazyLocal(locals: Record<string, any>, name: string, make: () => unknown): void {
  let made = false;
  let value: unknown;
  Object.defineProperty(locals, name, {
    configurable: true,
    enumerable: true,
    get: () => {
      if (!made) [made, value] = [true, make()];
      return value;
    },
    set: (v: unknown) => {
      [made, value] = [true, v];
    },
  });
}

/** The language switcher's entries: this page in each of `codes`, the current one marked. */
export function languageSwitcher(originalUrl: string, codes: readonly string[], current: string) {
  const url = new URL(originalUrl, 'http://x');
  return codes.map((code) => {
    url.searchParams.set('lang', code);
    return {
      code,
      name: LOCALE_NAMES[code as Locale] ?? code,
      href: url.pathname + url.search,
      current: code === current,
    };
  });
}
