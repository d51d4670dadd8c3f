/**
 * Texts a respondent reads exist once per language: `{ "en": "…", "es": "…" }`. The builder
 * shows what is missing; a survey cannot open while a language it offers has a gap.
 */
export type Translated = Partial<Record<string, string>>;

export interface SurveyTexts {
  title: Translated;
  introduction: Translated;
  thankYou: Translated;
}

export interface QuestionTexts {
  label: Translated;
  help: Translated;
}

const blank = (s: string | undefined) => !s || !s.trim();

/** The text in `lang`, or '' when it has none (a survey never opens with gaps). */
export const textIn = (t: Translated | undefined, lang: string): string => t?.[lang] ?? '';

/** JSON from the database, read defensively: anything but an object of strings is empty. */
export function parseTranslated(json: string | null | undefined): Translated {
  if (!json) return {};
  try {
    const v: unknown = JSON.parse(json);
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(
      Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
    );
  } catch {
    return {};
  }
}

/**
 * Whether a text is missing in `lang`: required texts must exist in every language; optional
 * ones (help, a page title, the introduction) only once another language has them.
 */
export function missingIn(t: Translated, lang: string, required: boolean): boolean {
  if (!blank(t[lang])) return false;
  return required || Object.values(t).some((v) => !blank(v));
}
