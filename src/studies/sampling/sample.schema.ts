import { z } from 'zod';
import type { FieldErrors } from '../../errors';
import { SCREENER_ANSWER } from '../../participants/pool/pool.schema';
import { PROFILE_CODES } from '../../participants/profile/options';
import type { ReferenceData } from '../../reference/reference.queries';
import { inFieldOrder, type FormResult } from '../../web/forms';
import { QUOTA_DIMENSIONS, type Quota, type QuotaDimension } from './quota-draw';

/*
 * The sample builder's own fields, read from the query string (the form is a GET, so a draw can
 * be shared and reloaded). The pool filter beside them is parsed by the Pool page's own schema.
 * Quotas are numbered rows (`quota1Dimension`, `quota1Value`, `quota1Min` …); a blank row is
 * ignored. English messages: the page is for staff.
 */

export const QUOTA_ROWS = 5;
export const MAX_SAMPLE = 500;
export const MAX_COOL_DOWN_DAYS = 3650;
export const SEED_MAX = 40;

/** The dimensions' names on the page; `service311` is the city's name for its 311 service. */
export function dimensionLabels(service311: string): Record<QuotaDimension, string> {
  return {
    councilDistrict: 'Council district',
    language: 'Language',
    myla311Use: `${service311} use`,
    channel: 'Channel',
    format: 'Format',
    ageRange: 'Age range',
    screener: 'Screener answer',
  };
}

/** A label inside a sentence: "Council district" → "council district", a name such as "GovService use" as it is. */
export const inSentence = (label: string) =>
  label.replace(/^[A-Z](?=[a-z]+\b)/, (c) => c.toLowerCase());

/** The codes a quota may be set on, per dimension (the profile's own codes). */
export function dimensionValues(ref: ReferenceData): Record<QuotaDimension, readonly string[]> {
  return {
    councilDistrict: [...ref.districtNumbers].map(String),
    language: [...ref.languageCodes],
    myla311Use: PROFILE_CODES.myla311Use,
    channel: PROFILE_CODES.channels,
    format: PROFILE_CODES.format,
    ageRange: PROFILE_CODES.ageRange,
    // Screener answers come from the surveys there are: any well-formed one is taken.
    screener: [],
  };
}

/** The names of one quota row's fields, in page order. */
export function quotaFields(k: number) {
  return {
    dimension: `quota${k}Dimension`,
    value: `quota${k}Value`,
    min: `quota${k}Min`,
    max: `quota${k}Max`,
    minPct: `quota${k}MinPct`,
    maxPct: `quota${k}MaxPct`,
  };
}

/** Every field of the form in page order (the error summary follows it). */
export const SAMPLE_FIELD_ORDER = [
  'size',
  'coolDownDays',
  'seed',
  ...Array.from({ length: QUOTA_ROWS }, (_, i) => Object.values(quotaFields(i + 1))).flat(),
];

export interface SampleInput {
  size: number;
  coolDownDays: number;
  seed: string;
  quotas: Quota[];
}

const wholeNumber = (min: number, max: number, message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,6}$/, { error: message })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: message });

const percent = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, { error: message })
    .transform(Number)
    .refine((n) => n <= 100, { error: message });

const sizeField = wholeNumber(
  1,
  MAX_SAMPLE,
  `Enter a sample size: a whole number from 1 to ${MAX_SAMPLE}`,
);
const coolDownField = wholeNumber(
  0,
  MAX_COOL_DOWN_DAYS,
  `Enter the cool-down in days: a whole number from 0 to ${MAX_COOL_DOWN_DAYS}`,
);
const seedField = z
  .string({ error: 'Enter a seed: letters, digits and dashes' })
  .trim()
  .regex(new RegExp(`^[A-Za-z0-9-]{1,${SEED_MAX}}$`), {
    error: `Enter a seed: up to ${SEED_MAX} letters, digits and dashes`,
  });

/** The value of one field, or its error; `undefined` input counts as blank. */
function field<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  name: string,
  errors: FieldErrors,
): T | undefined {
  const result = schema.safeParse(raw ?? '');
  if (result.success) return result.data;
  errors[name] ??= result.error.issues[0]?.message ?? 'Check this field';
  return undefined;
}

const blank = (v: unknown) => v === undefined || (typeof v === 'string' && v.trim() === '');

/** Validates the builder's fields (the pool filter is not here: it never fails). */
export function sampleValidator(ref: ReferenceData, service311: string) {
  const values = dimensionValues(ref);
  const labels = dimensionLabels(service311);
  return (query: unknown): FormResult<SampleInput> => {
    const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
    const errors: FieldErrors = {};
    const size = field(sizeField, q.size, 'size', errors);
    const coolDownDays = field(coolDownField, q.coolDownDays, 'coolDownDays', errors);
    const seed = field(seedField, q.seed, 'seed', errors);
    const quotas: Quota[] = [];
    for (let k = 1; k <= QUOTA_ROWS; k++) {
      const f = quotaFields(k);
      if (Object.values(f).every((name) => blank(q[name]))) continue;
      const name = `quota ${k}`;
      const dimension = field(
        z.enum(QUOTA_DIMENSIONS, { error: `Choose what ${name} is on` }),
        q[f.dimension],
        f.dimension,
        errors,
      );
      const value = field(
        z
          .string()
          .refine(
            (v) =>
              dimension !== undefined &&
              (values[dimension].includes(v) ||
                (dimension === 'screener' && SCREENER_ANSWER.test(v))),
            {
              error: dimension
                ? `Choose ${/^[aeiou]/i.test(labels[dimension]) ? 'an' : 'a'} ${inSentence(labels[dimension])} for ${name}`
                : `Choose a value for ${name}`,
            },
          ),
        q[f.value],
        f.value,
        errors,
      );
      const count = (which: 'min' | 'max') =>
        blank(q[f[which]])
          ? undefined
          : field(
              wholeNumber(
                0,
                MAX_SAMPLE,
                `The ${which}imum count of ${name}: a whole number from 0 to ${MAX_SAMPLE}`,
              ),
              q[f[which]],
              f[which],
              errors,
            );
      const share = (which: 'minPct' | 'maxPct') => {
        const word = which === 'minPct' ? 'minimum' : 'maximum';
        if (blank(q[f[which]])) return undefined;
        const pct = field(
          percent(`The ${word} % of ${name}: a number from 0 to 100`),
          q[f[which]],
          f[which],
          errors,
        );
        return pct === undefined ? undefined : pct / 100;
      };
      const min = count('min');
      const max = count('max');
      const minShare = share('minPct');
      const maxShare = share('maxPct');
      const bounds = [f.min, f.max, f.minPct, f.maxPct];
      if (bounds.every((b) => blank(q[b])))
        errors[f.min] ??= `Give ${name} a minimum or a maximum, as a count or a %`;
      if (min !== undefined && max !== undefined && max < min)
        errors[f.max] ??= `The maximum count of ${name} is below its minimum`;
      if (minShare !== undefined && maxShare !== undefined && maxShare < minShare)
        errors[f.maxPct] ??= `The maximum % of ${name} is below its minimum`;
      if (dimension !== undefined && value !== undefined)
        quotas.push({
          dimension,
          value,
          ...(min !== undefined && { min }),
          ...(max !== undefined && { max }),
          ...(minShare !== undefined && { minShare }),
          ...(maxShare !== undefined && { maxShare }),
        });
    }
    if (Object.keys(errors).length)
      return { ok: false, errors: inFieldOrder(errors, SAMPLE_FIELD_ORDER) };
    return { ok: true, data: { size: size!, coolDownDays: coolDownDays!, seed: seed!, quotas } };
  };
}
