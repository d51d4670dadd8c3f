import type { Request } from 'express';
import { ValidationError } from '../../errors';
import type { FormPage, Values } from '../../web/forms';
import type { QuestionDef } from '../model/definition';
import {
  allowsOther,
  allowsPreferNot,
  alwaysRequired,
  hasOptions,
  hasStatements,
  isQuestionType,
  QUESTION_TYPE_LABELS,
  type QuestionType,
} from '../model/question-types';
import type { QuestionSpec } from '../model/spec';
import { describeCondition } from './condition-form';
import { pageIndexOf, questionOf, surveyIdOf, type BuilderDeps } from './builder.deps';
import { langField } from './builder.schema';
import type { BuilderSurvey } from './builder.service';
import {
  languageColumns,
  languageName,
  translated,
  typeOptions,
  vocabularyOptions,
} from './builder.view';
import { allQuestions } from '../model/definition';
import { textIn } from '../model/texts';

/** A question's own fields from its form (options, statements and condition have their own forms). */
export function questionFields(
  input: Record<string, unknown>,
  type: QuestionType,
  s: Pick<BuilderSurvey, 'languages'>,
  languageNameOf: (l: string) => string,
): Omit<QuestionSpec, 'options' | 'statements' | 'condition' | 'type'> {
  const label = translated(input, 'label', s.languages);
  const first = s.languages[0];
  if (!label[first])
    throw new ValidationError({
      [langField('label', first)]: `Enter the question in ${languageNameOf(first)}`,
    });
  const settings = Object.fromEntries(
    ['min', 'max', 'integer', 'maxLength']
      .map((k) => [k, input[k]])
      .filter(([, v]) => v !== undefined && v !== null && v !== false),
  );
  return {
    code: input.code as string,
    label,
    help: translated(input, 'help', s.languages),
    required: alwaysRequired(type) || input.required === true,
    preferNot: allowsPreferNot(type) && input.preferNot === true,
    settings,
    service: (input.service as string | null) ?? null,
    stage: (input.stage as QuestionSpec['stage']) ?? null,
    driver: (input.driver as string | null) ?? null,
  };
}

/** A stored question as its form's values. */
function questionValues(q: QuestionDef, languages: string[]): Values {
  const v: Values = {
    code: q.code,
    required: q.required ? 'yes' : '',
    preferNot: q.preferNot ? 'yes' : '',
    service: q.service ?? '',
    stage: q.stage ?? '',
    driver: q.driver ?? '',
  };
  for (const l of languages) {
    v[langField('label', l)] = textIn(q.texts.label, l);
    v[langField('help', l)] = textIn(q.texts.help, l);
  }
  for (const k of ['min', 'max', 'maxLength'] as const)
    if (q.settings[k] !== undefined) v[k] = String(q.settings[k]);
  if (q.settings.integer) v.integer = 'yes';
  return v;
}

/** The type of a new question: from the query string (the chooser) or the form's hidden field. */
export function typeFrom(req: Request, values?: Values): QuestionType | null {
  const raw = values?.type ?? (req.query.type as unknown);
  return isQuestionType(raw) ? raw : null;
}

/**
 * The question form: new (once its type is chosen; before that, the type chooser) or edit,
 * with the labels and help of every language side by side; an existing question also lists
 * its options or statements, its condition, and the forms that move or delete it.
 */
export function questionPage(d: BuilderDeps, mode: 'new' | 'edit'): FormPage {
  return async (req, res, { values, errors }) => {
    const s = await d.builder.get(surveyIdOf(req));
    const found = mode === 'edit' ? questionOf(req, s) : null;
    const page = found ? found.page : pageIndexOf(req, s);
    const type = found ? found.q.type : typeFrom(req, values);
    const base = { survey: s.survey, pageNumber: page + 1, errors };
    if (!type)
      return res.render('surveys/builder/question-type', {
        ...base,
        types: typeOptions(),
        values: values ?? {},
      });
    const columns = languageColumns(d.ref, s.languages).map((c) => ({
      ...c,
      label: langField('label', c.lang),
      help: langField('help', c.lang),
    }));
    const q = found?.q;
    res.render('surveys/builder/question', {
      ...base,
      mode,
      type,
      typeLabel: QUESTION_TYPE_LABELS[type],
      question: q ?? null,
      columns,
      values: values ?? (q ? questionValues(q, s.languages) : { type }),
      can: {
        preferNot: allowsPreferNot(type),
        alwaysRequired: alwaysRequired(type),
        options: hasOptions(type),
        statements: hasStatements(type),
        other: allowsOther(type),
      },
      settingsKind:
        type === 'number'
          ? 'number'
          : type === 'date'
            ? 'date'
            : type === 'short_text' || type === 'long_text'
              ? 'text'
              : null,
      vocab: vocabularyOptions(d.ref, await d.builder.drivers()),
      items: q
        ? (hasStatements(type) ? q.statements : q.options).map((o, i, all) => ({
            code: o.code,
            labels: s.languages.map((l) => ({
              lang: l,
              name: languageName(d.ref, l),
              text: textIn(o.label, l),
            })),
            isOther: o.isOther,
            first: i === 0,
            last: i === all.length - 1,
          }))
        : [],
      condition: q ? describeCondition(q.condition, allQuestions(s.def)) : null,
      pages: s.pages
        .map((_, i) => ({ value: String(i + 1), label: `Page ${i + 1}` }))
        .filter((p) => p.value !== String(page + 1)),
    });
  };
}
