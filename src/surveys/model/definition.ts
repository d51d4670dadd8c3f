import type { Condition } from './conditions';
import type { QuestionSettings, QuestionType } from './question-types';
import type { QuestionTexts, SurveyTexts, Translated } from './texts';

/**
 * One version of a survey as the pure rules see it: pages in order, questions in order, options
 * and statements in order. Built from the rows by `survey-definition.queries.ts`; everything in
 * `src/surveys/model` works on this shape and never on the database.
 */
export interface OptionDef {
  id: number;
  code: string;
  label: Translated;
  isOther: boolean;
}

export interface QuestionDef {
  id: number;
  code: string;
  type: QuestionType;
  required: boolean;
  preferNot: boolean;
  texts: QuestionTexts;
  settings: QuestionSettings;
  condition: Condition | null;
  options: OptionDef[];
  statements: OptionDef[];
  service: string | null;
  stage: string | null;
  driver: string | null;
}

export interface PageDef {
  id: number;
  position: number;
  title: Translated;
  condition: Condition | null;
  questions: QuestionDef[];
}

export interface SurveyDefinition {
  versionId: number;
  languages: string[];
  texts: SurveyTexts;
  pages: PageDef[];
}

/** Every question in survey order. */
export const allQuestions = (d: Pick<SurveyDefinition, 'pages'>): QuestionDef[] =>
  d.pages.flatMap((p) => p.questions);

/** Question code → its position in survey order (for "a condition points only backward"). */
export function questionOrder(d: Pick<SurveyDefinition, 'pages'>): Map<string, number> {
  return new Map(allQuestions(d).map((q, i) => [q.code, i]));
}
