/**
 * The question types of DESIGN.md §Surveys and what each one takes. A type's answers are
 * stored as codes: option codes for choices, '1'…'5' on the agreement scale, '0'…'10' for
 * ratings, 'yes'/'no', so that exports never depend on a label or a language.
 */
export const QUESTION_TYPES = [
  'single_choice',
  'multi_choice',
  'dropdown',
  'yes_no',
  'agreement',
  'agreement_grid',
  'rating',
  'nps',
  'short_text',
  'long_text',
  'number',
  'date',
  'ranking',
  'info',
  'consent',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const isQuestionType = (v: unknown): v is QuestionType =>
  typeof v === 'string' && (QUESTION_TYPES as readonly string[]).includes(v);

/** Staff's names for the types (the builder is in English). */
export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  single_choice: 'Single choice',
  multi_choice: 'Multiple choice',
  dropdown: 'Dropdown',
  yes_no: 'Yes / no',
  agreement: '5-point agreement',
  agreement_grid: 'Agreement grid',
  rating: 'Rating 0–10',
  nps: 'Net Promoter Score (0–10)',
  short_text: 'Short text',
  long_text: 'Long text',
  number: 'Number',
  date: 'Date',
  ranking: 'Ranking',
  info: 'Information text',
  consent: 'Consent acknowledgement',
};

/** Types whose options the builder lists (single, multi, dropdown, ranking). */
export const hasOptions = (t: QuestionType): boolean =>
  t === 'single_choice' || t === 'multi_choice' || t === 'dropdown' || t === 'ranking';

/** Only the agreement grid has statements (each answered on the agreement scale). */
export const hasStatements = (t: QuestionType): boolean => t === 'agreement_grid';

/** Types that may offer "Other, please specify" as one of their options. */
export const allowsOther = (t: QuestionType): boolean =>
  t === 'single_choice' || t === 'multi_choice';

/** Information text is read, not answered. */
export const isAnswerable = (t: QuestionType): boolean => t !== 'info';

/** Types answered with a code from a fixed list (an option, a scale point, yes/no, consent). */
export const isCoded = (t: QuestionType): boolean =>
  isAnswerable(t) && t !== 'short_text' && t !== 'long_text' && t !== 'number' && t !== 'date';

/** "Prefer not to say" fits every answerable type but a consent and a ranking. */
export const allowsPreferNot = (t: QuestionType): boolean =>
  t !== 'info' && t !== 'consent' && t !== 'ranking';

/** A consent acknowledgement is always required. */
export const alwaysRequired = (t: QuestionType): boolean => t === 'consent';

/** The 5-point agreement scale, codes '1' (strongly disagree) to '5' (strongly agree). */
export const AGREEMENT_POINTS = ['1', '2', '3', '4', '5'] as const;
/** 0–10 for ratings and NPS. */
export const RATING_POINTS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
export const YES_NO = ['yes', 'no'] as const;

/** The fixed codes a scale type answers with, or null for types with options or free input. */
export function scalePoints(t: QuestionType): readonly string[] | null {
  switch (t) {
    case 'yes_no':
      return YES_NO;
    case 'agreement':
    case 'agreement_grid':
      return AGREEMENT_POINTS;
    case 'rating':
    case 'nps':
      return RATING_POINTS;
    default:
      return null;
  }
}

/** Types whose answer is a number stored in `survey_answers.number` as well. */
export const isNumeric = (t: QuestionType): boolean =>
  t === 'agreement' ||
  t === 'agreement_grid' ||
  t === 'rating' ||
  t === 'nps' ||
  t === 'number' ||
  t === 'ranking';

/** What a type's settings may hold (JSON in `survey_questions.settings`). */
export interface QuestionSettings {
  /** number: bounds; date: bounds as YYYY-MM-DD. */
  min?: number | string;
  max?: number | string;
  /** number: whole numbers only. */
  integer?: boolean;
  /** short_text / long_text: the most characters taken (defaults below). */
  maxLength?: number;
}

export const SHORT_TEXT_MAX = 500;
export const LONG_TEXT_MAX = 10_000;
