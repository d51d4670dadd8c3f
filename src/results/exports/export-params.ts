import { z } from 'zod';
import { isLocale } from '../../i18n/i18n';
import { CSV_PROFILES, type CsvProfile } from '../../web/csv';
import type { FormResult } from '../../web/forms';
import {
  BREAKDOWNS,
  blank,
  filterParams,
  parseFilter,
  type Breakdown,
  type ResultsFilter,
} from '../filters';
import type { ExportScope } from './export-type';

/*
 * An export's parameters as a query string (a download link, the exports page's GET form) or
 * command-line flags: `survey` or `study`, `profile`, `labels`, `reason`, `breakdown`, and the
 * results filter (`version`, `language`, `district`, `use`, `study`, `session`, `channel`, `from`,
 * `to`). For a survey's export `study` is a filter; for a study's export it names the study. A
 * breakdown splits a survey's figures (the summary; other types have none to split), so a study's
 * or the panel's export refuses one. English messages (staff pages and the command line).
 */

/** An export's parameters as parsed (the runner's `read` makes them an ExportChoice). */
export interface ExportParams {
  survey?: number;
  study?: number;
  profile: CsvProfile;
  labels: string | null;
  reason?: string;
  /** Split the figures by this dimension (a survey's summary). */
  breakdown?: Breakdown;
  filter: ResultsFilter;
}

const id = (what: string) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `Choose a ${what} from the list` })
      .int(`Choose a ${what} from the list`)
      .positive(`Choose a ${what} from the list`)
      .max(1e12, `Choose a ${what} from the list`)
      .optional(),
  );

const schema = z.object({
  survey: id('survey'),
  study: id('study'),
  profile: z.preprocess(
    blank,
    z
      .enum(CSV_PROFILES as [CsvProfile, ...CsvProfile[]], { error: 'Choose Excel or analysis' })
      .default('excel'),
  ),
  labels: z.preprocess(
    blank,
    z
      .string({ error: 'Choose a language for labels from the list' })
      .refine(isLocale, 'Choose a language for labels from the list')
      .optional(),
  ),
  breakdown: z.preprocess(
    blank,
    z.enum(BREAKDOWNS, { error: 'Choose a breakdown from the list' }).optional(),
  ),
  reason: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z
      .string({ error: 'Say why you need this export' })
      .max(500, 'Say why in 500 characters or fewer')
      .optional(),
  ),
});

export type ParamErrors = Record<string, string>;

/** Reads and checks an export's parameters for a type of this scope. */
export function parseExportParams(
  query: Record<string, unknown>,
  scope: ExportScope,
  personal = false,
): FormResult<ExportParams> {
  const errors: ParamErrors = {};
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  const filter = parseFilter(query);
  if (!filter.ok) for (const [k, m] of Object.entries(filter.errors)) errors[k] ??= m;
  if (!parsed.success || !filter.ok) return { ok: false, errors };
  const { survey, study, profile, labels, reason, breakdown } = parsed.data;
  if (scope === 'survey' && survey === undefined) errors.survey = 'Choose a survey';
  if (scope !== 'survey' && breakdown !== undefined)
    errors.breakdown = 'A breakdown is for a survey’s export: leave it empty for this one';
  if (scope === 'study' && study === undefined) errors.study = 'Choose a study';
  if (personal && !reason) errors.reason = 'Say why you need personal data';
  if (Object.keys(errors).length) return { ok: false, errors };
  const choice: ExportParams = { profile, labels: labels ?? null, filter: filter.filter };
  if (scope === 'survey') choice.survey = survey;
  if (study !== undefined && scope !== 'survey') choice.study = study;
  if (scope !== 'survey') delete choice.filter.study;
  if (reason) choice.reason = reason;
  if (breakdown !== undefined) choice.breakdown = breakdown;
  return { ok: true, data: choice };
}

/** The parameters as query-string pairs again, the inverse of `parseExportParams` (for links). */
export function exportParamPairs(p: ExportParams): [string, string][] {
  const pairs: [string, string | number | undefined][] = [
    ['survey', p.survey],
    ['study', p.study],
    ['profile', p.profile],
    ['labels', p.labels ?? undefined],
    ['breakdown', p.breakdown],
  ];
  return [
    ...pairs
      .filter((x): x is [string, string | number] => x[1] !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
    ...filterParams(p.filter),
  ];
}
