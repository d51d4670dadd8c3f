import type { CityNames } from '../../config';
import { cityVariables, translator, type Locale } from '../../i18n/i18n';
import type { Translated } from '../model/texts';

/**
 * The templates' own wording, written once in each resident language. Sentences never name the
 * city: `{{city}}`, `{{service311}}` and `{{office}}` are the configured names as each language
 * says them, and `{{service}}` is the service a survey is about.
 */
export const TEMPLATE_LANGUAGES = ['en', 'es', 'ko', 'hy', 'zh-Hant'] as const;
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number];
export type Five = Record<TemplateLanguage, string>;

export interface Fill {
  names: CityNames;
  /** Extra placeholders by language (the service's name). */
  vars?: Partial<Record<TemplateLanguage, Record<string, string>>>;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** A text in every template language, its placeholders filled. */
export function filled(text: Five, f: Fill): Translated {
  return Object.fromEntries(
    TEMPLATE_LANGUAGES.map((lang) => {
      const vars: Record<string, string> = {
        ...cityVariables(lang as Locale, f.names),
        ...(f.vars?.[lang] ?? {}),
      };
      return [lang, text[lang].replace(PLACEHOLDER, (all, k: string) => vars[k] ?? all)];
    }),
  );
}

/** A text of the resident catalogue in every template language (the profile's own wording). */
export function fromCatalogue(key: string, names: CityNames): Translated {
  return Object.fromEntries(
    TEMPLATE_LANGUAGES.map((lang) => [lang, translator(lang, names)(key) as string]),
  );
}

/** The same words in every language (a language's own name, as the language switcher shows it). */
export const everywhere = (text: string): Translated =>
  Object.fromEntries(TEMPLATE_LANGUAGES.map((lang) => [lang, text]));

/** Shared help of free-text questions: answers are read by staff and exported. */
export const NO_PERSONAL_DETAILS: Five = {
  en: 'Please do not include names, addresses or phone numbers.',
  es: 'Por favor, no incluya nombres, direcciones ni números de teléfono.',
  ko: '이름, 주소, 전화번호는 적지 마세요.',
  hy: 'Խնդրում ենք չնշել անուններ, հասցեներ կամ հեռախոսահամարներ։',
  'zh-Hant': '請勿填寫姓名、地址或電話號碼。',
};
