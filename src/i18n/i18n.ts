import i18next, { type i18n, type TFunction } from 'i18next';
import { DEFAULT_CITY_NAMES, type CityNames } from '../config';
import { en, type Catalogue } from './locales/en';
import { es } from './locales/es';
import { ko } from './locales/ko';
import { hy } from './locales/hy';
import { zhHant } from './locales/zh-Hant';

/** The resident-facing languages, in the order the switcher shows them. Add one file, one line. */
export const catalogues: Record<string, Catalogue> = {
  en,
  es,
  ko,
  hy,
  'zh-Hant': zhHant,
};

export type Locale = keyof typeof catalogues & string;
export const LOCALES = Object.keys(catalogues);
export const DEFAULT_LOCALE = 'en';

/** Native names for the language switcher (also in the languages reference table). */
export const LOCALE_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Español',
  ko: '한국어',
  hy: 'Հայերեն',
  'zh-Hant': '中文',
};

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LOCALE,
  // No silent fallback: a missing key shows its name, and the catalogue test catches it first.
  fallbackLng: false,
  supportedLngs: LOCALES,
  load: 'currentOnly',
  lowerCaseLng: false,
  cleanCode: false,
  interpolation: { escapeValue: false }, // EJS escapes on output
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogues[l] }])),
});

/**
 * A `t` in a language, interpolating the city's names ({{city}}, {{service311}}, {{office}}).
 * Pass config.cityNames wherever the text can reach a resident; the default is the English
 * catalogue's names. A name left at its English default is said as each catalogue says it
 * (Los Ángeles, 로스앤젤레스…); any other name is used as configured in every language.
 */
export function translator(locale: string, names: CityNames = DEFAULT_CITY_NAMES): TFunction {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const vars = cityVariables(lng, names);
  const key = JSON.stringify(vars);
  let clone = clones.get(key);
  if (!clone) {
    // A clone shares the resources; only its default interpolation values differ.
    clone = instance.cloneInstance({
      interpolation: { ...instance.options.interpolation, defaultVariables: vars },
    });
    clones.set(key, clone);
  }
  return clone.getFixedT(lng);
}

const clones = new Map<string, i18n>();

/** The names as the catalogue of `lng` says them, where the configured name is the default. */
export function cityVariables(lng: Locale, names: CityNames): CityNames {
  const own = catalogues[lng].city;
  const pick = (configured: string, english: string, translated: string) =>
    configured === english ? translated : configured;
  return {
    city: pick(names.city, en.city.name, own.name),
    service311: pick(names.service311, en.city.service311, own.service311),
    office: pick(names.office, en.city.office, own.office),
  };
}

/** The language of a `t` made by translator() (i18next's fixed t carries it as `lng`). */
export function localeOf(t: TFunction): Locale {
  const lng = (t as unknown as { lng?: unknown }).lng;
  return isLocale(lng) ? lng : DEFAULT_LOCALE;
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && LOCALES.includes(value);
}

/**
 * Picks the best supported locale from an Accept-Language header. Exact tags first, then the
 * primary language (any Chinese goes to Traditional, the only Chinese we have).
 */
export function negotiateLocale(header: string | undefined): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag && r.tag !== '*' && r.q > 0 && !Number.isNaN(r.q))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    const exact = LOCALES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const primary = tag.split('-')[0];
    const byPrimary = LOCALES.find((l) => l.split('-')[0].toLowerCase() === primary);
    if (byPrimary) return byPrimary;
  }
  return undefined;
}
