import { DEFAULT_LOCALE, LOCALES } from '../i18n/i18n';

/** A reference row's label in each resident language, by locale code. */
export type Labels = Record<string, string>;

/**
 * The labels of one CSV row, from its `label_<locale>` columns (label_en, label_es, label_zh-Hant…).
 * A missing or blank one is the English label (or the code itself when even that is missing),
 * and `missing` is told which language lacked it, so the loader can log it once.
 */
export function referenceLabels(
  row: Record<string, string | undefined>,
  code: string,
  missing: (language: string) => void,
): Labels {
  const cell = (locale: string) => row[`label_${locale}`]?.trim() || undefined;
  const english = cell(DEFAULT_LOCALE);
  if (!english) missing(DEFAULT_LOCALE);
  const fallback = english ?? code;
  return Object.fromEntries(
    LOCALES.map((locale) => {
      const own = cell(locale);
      if (!own && locale !== DEFAULT_LOCALE) missing(locale);
      return [locale, own ?? fallback];
    }),
  );
}

/** The label in a language; English, then the code, for anything the labels lack. */
export function labelIn(labels: Labels, locale: string, code: string): string {
  return labels[locale] ?? labels[DEFAULT_LOCALE] ?? code;
}

/** A request type's label in a language, or its name when the reference data no longer has it. */
export function requestTypeLabel(
  ref: { requestTypes: { name: string; labels: Labels }[] },
  name: string,
  locale: string,
): string {
  const type = ref.requestTypes.find((r) => r.name === name);
  return type ? labelIn(type.labels, locale, name) : name;
}
