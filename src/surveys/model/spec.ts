import type { SurveyKind, SurveyStatus } from '../../db/schema';
import { conditionProblems, type Condition } from './conditions';
import type { QuestionDef, SurveyDefinition } from './definition';
import {
  allowsOther,
  allowsPreferNot,
  alwaysRequired,
  hasOptions,
  hasStatements,
  isQuestionType,
  type QuestionSettings,
  type QuestionType,
} from './question-types';
import { missingIn, type Translated } from './texts';

/**
 * A survey written down as data: what templates ship as, what tests and the demo create, and
 * what copying a version goes through (`specPagesOf`). `insertSurvey` stores one.
 */
export interface OptionSpec {
  code: string;
  label: Translated;
  isOther?: boolean;
}

export interface QuestionSpec {
  code: string;
  type: QuestionType;
  required?: boolean;
  preferNot?: boolean;
  label: Translated;
  help?: Translated;
  settings?: QuestionSettings;
  condition?: Condition | null;
  service?: string | null;
  stage?: 'intake' | 'fulfillment' | 'communication' | null;
  driver?: string | null;
  options?: OptionSpec[];
  statements?: OptionSpec[];
}

export interface PageSpec {
  title?: Translated;
  condition?: Condition | null;
  questions: QuestionSpec[];
}

export interface SurveySpec {
  title: string;
  kind: SurveyKind;
  studyId?: number | null;
  languages: string[];
  anonymous?: boolean;
  status?: SurveyStatus;
  texts: { title: Translated; introduction?: Translated; thankYou?: Translated };
  pages: PageSpec[];
}

/** Codes: lower case letters, digits and single underscores, starting with a letter (≤ 40). */
export const CODE_PATTERN = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
export const isCode = (v: string): boolean => v.length <= 40 && CODE_PATTERN.test(v);

/** The pages of a stored version as a spec (to copy it into a new version). */
export function specPagesOf(def: Pick<SurveyDefinition, 'pages'>): PageSpec[] {
  const option = (o: QuestionDef['options'][number]): OptionSpec => ({
    code: o.code,
    label: o.label,
    isOther: o.isOther,
  });
  return def.pages.map((p) => ({
    title: p.title,
    condition: p.condition,
    questions: p.questions.map((q) => ({
      code: q.code,
      type: q.type,
      required: q.required,
      preferNot: q.preferNot,
      label: q.texts.label,
      help: q.texts.help,
      settings: q.settings,
      condition: q.condition,
      service: q.service,
      stage: q.stage as QuestionSpec['stage'],
      driver: q.driver,
      options: q.options.map(option),
      statements: q.statements.map(option),
    })),
  }));
}

/** The spec's pages as a definition (ids are positions), for the pure checks. */
export function definitionOf(pages: PageSpec[]): Pick<SurveyDefinition, 'pages'> {
  let id = 0;
  const option = (o: OptionSpec) => ({
    id: ++id,
    code: o.code,
    label: o.label,
    isOther: !!o.isOther,
  });
  return {
    pages: pages.map((p, position) => ({
      id: ++id,
      position,
      title: p.title ?? {},
      condition: p.condition ?? null,
      questions: p.questions.map((q) => ({
        id: ++id,
        code: q.code,
        type: q.type,
        required: !!q.required || alwaysRequired(q.type),
        preferNot: !!q.preferNot,
        texts: { label: q.label, help: q.help ?? {} },
        settings: q.settings ?? {},
        condition: q.condition ?? null,
        options: (q.options ?? []).map(option),
        statements: (q.statements ?? []).map(option),
        service: q.service ?? null,
        stage: q.stage ?? null,
        driver: q.driver ?? null,
      })),
    })),
  };
}

/**
 * What is wrong with a survey's structure, in plain English (the builder and the templates'
 * test both ask): codes well formed and unique, options where the type needs them, "other" and
 * "prefer not to say" only where they fit, conditions only on answers of earlier pages.
 */
export function structureProblems(pages: PageSpec[]): string[] {
  const problems: string[] = [];
  const def = definitionOf(pages);
  const questions = def.pages.flatMap((p) => p.questions);
  const seen = new Set<string>();
  let index = 0;
  for (const page of def.pages) {
    const firstOfPage = index;
    if (page.condition)
      problems.push(
        ...conditionProblems(page.condition, questions, firstOfPage).map(
          (p) => `Page ${page.position + 1}: ${p}`,
        ),
      );
    for (const q of page.questions) {
      const at = `Question "${q.code}"`;
      if (!isQuestionType(q.type)) problems.push(`${at}: unknown type "${q.type}"`);
      if (!isCode(q.code))
        problems.push(
          `${at}: a code is lower-case letters, digits and single underscores, starting with a letter`,
        );
      if (seen.has(q.code)) problems.push(`${at}: the code is used twice`);
      seen.add(q.code);
      if (hasOptions(q.type) && q.options.length < 2)
        problems.push(`${at}: give at least two options`);
      if (!hasOptions(q.type) && q.options.length) problems.push(`${at}: this type has no options`);
      if (hasStatements(q.type) && q.statements.length < 1)
        problems.push(`${at}: give at least one statement`);
      if (!hasStatements(q.type) && q.statements.length)
        problems.push(`${at}: this type has no statements`);
      for (const list of [q.options, q.statements]) {
        const codes = list.map((o) => o.code);
        if (codes.some((c) => !isCode(c)))
          problems.push(`${at}: an option code is not well formed`);
        if (new Set(codes).size !== codes.length)
          problems.push(`${at}: an option code is used twice`);
      }
      if (q.options.some((o) => o.isOther) && !allowsOther(q.type))
        problems.push(`${at}: only single and multiple choice can offer "Other"`);
      if (q.preferNot && !allowsPreferNot(q.type))
        problems.push(`${at}: this type cannot offer "Prefer not to say"`);
      if (q.condition)
        problems.push(
          ...conditionProblems(q.condition, questions, firstOfPage).map((p) => `${at}: ${p}`),
        );
      index++;
    }
  }
  return problems;
}

/** Where a text is missing, by language: what the translation table shows and opening refuses. */
export function translationGaps(
  spec: Pick<SurveySpec, 'texts' | 'pages' | 'languages'>,
): Record<string, string[]> {
  const gaps: Record<string, string[]> = {};
  for (const lang of spec.languages) {
    const missing: string[] = [];
    const need = (t: Translated | undefined, required: boolean, what: string) => {
      if (missingIn(t ?? {}, lang, required)) missing.push(what);
    };
    need(spec.texts.title, true, 'survey title');
    need(spec.texts.introduction, false, 'introduction');
    need(spec.texts.thankYou, false, 'thank-you message');
    spec.pages.forEach((p, i) => {
      need(p.title, false, `page ${i + 1} title`);
      for (const q of p.questions) {
        need(q.label, true, `${q.code}: question`);
        need(q.help, false, `${q.code}: help text`);
        for (const o of q.options ?? []) need(o.label, true, `${q.code}: option ${o.code}`);
        for (const s of q.statements ?? []) need(s.label, true, `${q.code}: statement ${s.code}`);
      }
    });
    gaps[lang] = missing;
  }
  return gaps;
}
