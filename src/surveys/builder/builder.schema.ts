import { z } from 'zod';
import type { SurveyKind } from '../../db/schema';
import { LOCALES } from '../../i18n/i18n';
import { manyOf, oneOf, text } from '../../studies/fields';
import { parseCityTime } from '../../studies/city-time';
import { STAGES } from '../../studies/study.rules';
import { CONDITION_OPS } from '../model/conditions';
import {
  LONG_TEXT_MAX,
  QUESTION_TYPES,
  SHORT_TEXT_MAX,
  type QuestionType,
} from '../model/question-types';
import { isCode } from '../model/spec';

/*
 * The builder's forms (staff pages: English messages). Fields that exist once per language are
 * named `<field>_<lang>` with the language's hyphen as an underscore (`label_zh_Hant`).
 */

export const SURVEY_KINDS: readonly SurveyKind[] = [
  'screener',
  'pre_session',
  'post_session',
  'general',
];
export const SURVEY_KIND_LABELS: Record<SurveyKind, string> = {
  screener: 'Screener',
  pre_session: 'Pre-session',
  post_session: 'Post-session',
  general: 'General',
};
export const TITLE_MAX = 200;
export const TEXT_MAX = 2000;
export const LABEL_MAX = 1000;
export const RESPONSE_LIMIT_MAX = 1_000_000;

export const langField = (name: string, lang: string) => `${name}_${lang.replace(/-/g, '_')}`;

/** An optional whole number (blank → null) between min and max. */
const optionalWhole = (message: string, min: number, max: number) =>
  z
    .unknown()
    .optional()
    .transform((v) =>
      typeof v === 'string' ? v.trim().replace(/,/g, '') : v === undefined ? '' : null,
    )
    .refine(
      (v) =>
        v === '' ||
        (typeof v === 'string' && /^-?\d{1,9}$/.test(v) && Number(v) >= min && Number(v) <= max),
      {
        error: message,
      },
    )
    .transform((v) => (v === '' ? null : Number(v)));

const checkbox = z
  .unknown()
  .optional()
  .transform((v) => v === 'yes');

const code = (what: string) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .refine((v) => v !== '', { error: `Enter a code for the ${what}` })
    .refine((v) => v === '' || isCode(v), {
      error:
        'A code is up to 40 lower-case letters, digits and single underscores, starting with a letter',
    });

/** The survey's settings (new and edit). */
export function surveySchema(zone: string) {
  return z.object({
    title: text('The name', TITLE_MAX, 'Enter a name for the survey'),
    kind: oneOf(SURVEY_KINDS, 'Choose the kind of survey'),
    studyId: z
      .unknown()
      .optional()
      .refine(
        (v) => v === undefined || v === '' || (typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v)),
        {
          error: 'Choose a study from the list',
        },
      )
      .transform((v) => (typeof v === 'string' && v !== '' ? Number(v) : null)),
    languages: manyOf(LOCALES, 'Choose languages from the list')
      .refine((v) => v.length > 0, { error: 'Choose at least one language' })
      .transform((v) => LOCALES.filter((l) => v.includes(l))),
    respondents: oneOf(
      ['identified', 'anonymous'] as const,
      'Choose whether answers are anonymous',
    ),
    closesAt: z
      .unknown()
      .optional()
      .transform((v, ctx) => {
        const typed = typeof v === 'string' ? v.trim() : v === undefined ? '' : null;
        if (typed === '') return null;
        const parsed = typed === null ? null : parseCityTime(typed, zone);
        if (!parsed?.ok) {
          ctx.addIssue({
            code: 'custom',
            message:
              parsed && parsed.problem === 'gap'
                ? 'That time does not exist on the night the clocks change: choose another'
                : 'Enter the close date and time as a date and a time, for example 2027-01-31 17:00',
          });
          return z.NEVER;
        }
        return parsed.utc;
      }),
    responseLimit: optionalWhole(
      `Enter a response limit as a whole number from 1 to ${RESPONSE_LIMIT_MAX.toLocaleString('en-US')}, or leave it blank`,
      1,
      RESPONSE_LIMIT_MAX,
    ),
  });
}
export type SurveyInput = z.output<ReturnType<typeof surveySchema>>;

/** The survey's texts in one language. */
export const textsSchema = z.object({
  title: text('The title', TITLE_MAX, 'Enter the survey title in this language'),
  introduction: text('The introduction', TEXT_MAX),
  thankYou: text('The thank-you message', TEXT_MAX),
});

/**
 * Texts per language, for every resident language (a survey uses some): the service keeps those
 * of the survey's languages and asks for the first language's where one is required.
 */
function perLanguage(name: string, what: string) {
  return Object.fromEntries(LOCALES.map((l) => [langField(name, l), text(what, LABEL_MAX)]));
}

/** A page's title per language. */
export const pageTitleSchema = z.object(perLanguage('title', 'The page title'));

const numberOrBlank = (message: string) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : v === undefined ? '' : null))
    .refine((v) => v === '' || (typeof v === 'string' && /^-?\d{1,12}(\.\d{1,6})?$/.test(v)), {
      error: message,
    })
    .transform((v) => (v === '' ? undefined : Number(v)));

const dateOrBlank = (message: string) =>
  z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : v === undefined ? '' : null))
    .refine(
      (v) =>
        v === '' ||
        (typeof v === 'string' &&
          /^\d{4}-\d{2}-\d{2}$/.test(v) &&
          !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
          new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)),
      { error: message },
    )
    .transform((v) => (v === '' ? undefined : (v as string)));

/** A question's form for its type: code, texts per language, required, prefer-not, settings, tags. */
export function questionSchema(type: QuestionType, services: Set<string>) {
  const settings: Record<string, z.ZodType> = {};
  if (type === 'number') {
    settings.min = numberOrBlank('Enter the smallest number allowed, or leave it blank');
    settings.max = numberOrBlank('Enter the largest number allowed, or leave it blank');
    settings.integer = checkbox;
  }
  if (type === 'date') {
    settings.min = dateOrBlank('Enter the earliest date as YYYY-MM-DD, or leave it blank');
    settings.max = dateOrBlank('Enter the latest date as YYYY-MM-DD, or leave it blank');
  }
  if (type === 'short_text' || type === 'long_text') {
    const limit = type === 'short_text' ? SHORT_TEXT_MAX : LONG_TEXT_MAX;
    settings.maxLength = optionalWhole(
      `Enter the most characters as a whole number from 1 to ${limit.toLocaleString('en-US')}, or leave it blank`,
      1,
      limit,
    );
  }
  const optional = (known: (v: string) => boolean, message: string) =>
    z
      .unknown()
      .optional()
      .refine((v) => v === undefined || v === '' || (typeof v === 'string' && known(v)), {
        error: message,
      })
      .transform((v) => (typeof v === 'string' && v !== '' ? v : null));
  return z
    .object({
      code: code('question'),
      ...perLanguage('label', 'The question'),
      ...perLanguage('help', 'The help text'),
      required: checkbox,
      preferNot: checkbox,
      ...settings,
      service: optional(
        (v) => v === 'general' || services.has(v),
        'Choose a service from the list',
      ),
      stage: optional(
        (v) => (STAGES as readonly string[]).includes(v),
        'Choose a life-cycle stage from the list',
      ),
      // Checked against the reference table `cx_questions` by the route (a database read).
      driver: optional(isCode, 'Choose an A-11 driver from the list'),
    })
    .superRefine((v: Record<string, unknown>, ctx) => {
      if (
        typeof v.min === typeof v.max &&
        v.min !== undefined &&
        v.max !== undefined &&
        (v.min as number) > (v.max as number)
      )
        ctx.addIssue({
          code: 'custom',
          path: ['max'],
          message: 'The largest allowed must not be below the smallest',
        });
    });
}

/** An option (or a grid statement): code, label per language, "Other, please specify". */
export const optionSchema = z.object({
  code: code('option'),
  ...perLanguage('label', 'The label'),
  isOther: checkbox,
});

/** The type chosen first (a GET form), then carried by the question form. */
export const typeSchema = z.object({
  type: oneOf(QUESTION_TYPES, 'Choose a type of question'),
});

export const directionSchema = z.object({
  direction: oneOf(['up', 'down'] as const, 'Choose whether to move it up or down'),
});

export const confirmSchema = z.object({
  confirm: oneOf(['yes'] as const, 'Confirm that you want to delete it'),
});

export const toPageSchema = z.object({
  toPage: z
    .unknown()
    .optional()
    .refine((v) => typeof v === 'string' && /^[1-9]\d{0,3}$/.test(v), {
      error: 'Choose the page to move the question to',
    })
    .transform((v) => Number(v) - 1),
});

export const statusSchema = z.object({
  status: oneOf(['open', 'closed'] as const, 'Choose a status the survey can move to'),
});

export const RULE_ROWS = 3;
const ruleFields = Object.fromEntries(
  Array.from({ length: RULE_ROWS }, (_, i) => i + 1).flatMap((n) => [
    [`rule${n}Question`, text('The question', 80)],
    [
      `rule${n}Op`,
      z
        .unknown()
        .optional()
        .refine(
          (v) =>
            v === undefined ||
            v === '' ||
            (typeof v === 'string' && (CONDITION_OPS as readonly string[]).includes(v)),
          {
            error: 'Choose how the answer is compared',
          },
        )
        .transform((v) => (typeof v === 'string' && v !== '' ? v : null)),
    ],
    [`rule${n}Value`, text('The answer', 200)],
    [`rule${n}Text`, text('The value', 200)],
  ]),
);

/** The condition form: up to three rule rows and how they combine; blank rows are ignored. */
export const conditionSchema = z.object({
  combine: oneOf(['all', 'any'] as const, 'Choose whether all or any of the rules must hold'),
  ...ruleFields,
});

export const listQuerySchema = z.object({
  status: z
    .unknown()
    .optional()
    .transform((v) =>
      v === 'draft' || v === 'open' || v === 'closed' ? (v as 'draft' | 'open' | 'closed') : null,
    ),
});
