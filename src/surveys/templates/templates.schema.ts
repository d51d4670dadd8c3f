import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { CONTROL_CHARS } from '../../web/forms';
import { GENERAL_SERVICE, STAGES, type Stage } from './a11.template';
import type { SurveyTemplate } from './catalog';
import { TEMPLATE_LANGUAGES } from './texts';

/* The form that creates a survey from a template (staff pages: English messages). */

export const TITLE_MAX = 200;

const textOf = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

const title = z
  .unknown()
  .optional()
  .transform(textOf)
  .pipe(
    z
      .string()
      .min(1, { error: 'Enter a title for the survey' })
      .max(TITLE_MAX, { error: `The title must be ${TITLE_MAX} characters or fewer` })
      .refine((v) => !CONTROL_CHARS.test(v), {
        error: 'The title contains characters we cannot keep',
      }),
  );

const studyId = z
  .unknown()
  .optional()
  .transform(textOf)
  .pipe(
    z
      .string()
      .regex(/^(|[1-9]\d{0,9})$/, { error: 'Choose a study from the list' })
      .transform((v) => (v === '' ? null : Number(v))),
  );

const languages = z
  .unknown()
  .optional()
  .transform(listOf)
  .pipe(
    z
      .array(z.enum(TEMPLATE_LANGUAGES, { error: 'Choose languages from the list' }))
      .min(1, { error: 'Choose at least one language' })
      .transform((v) => [...new Set(v)]),
  );

export interface TemplateInput {
  title: string;
  service: string | null;
  stage: Stage | null;
  studyId: number | null;
  languages: string[];
}

/** The template's form: the title, the service and stage when it asks them, a study, languages. */
export function templateSchema(
  t: SurveyTemplate,
  ref: Pick<ReferenceData, 'requestTypeNames'>,
): z.ZodType<TemplateInput> {
  const service = t.asksService
    ? z
        .unknown()
        .optional()
        .transform(textOf)
        .pipe(
          z
            .string()
            .min(1, { error: 'Choose the service the survey is about' })
            .refine((v) => v === GENERAL_SERVICE || ref.requestTypeNames.has(v), {
              error: 'Choose a service from the list',
            }),
        )
    : z
        .unknown()
        .optional()
        .transform(() => null);
  const stage = t.asksService
    ? z
        .unknown()
        .optional()
        .transform(textOf)
        .pipe(
          z
            .string()
            .min(1, { error: 'Choose the life-cycle stage' })
            .pipe(z.enum(STAGES, { error: 'Choose a life-cycle stage from the list' })),
        )
    : z
        .unknown()
        .optional()
        .transform(() => null);
  return z.object({ title, service, stage, studyId, languages }) as z.ZodType<TemplateInput>;
}
