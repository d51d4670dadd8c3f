import type { DB } from '../../db/database';
import type { SurveyRow } from '../../db/schema';
import { NotFoundError } from '../../errors';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../../studies/city-time';
import { allQuestions, type QuestionDef } from '../../surveys/model/definition';
import { CHANNEL_LABELS } from '../../surveys/responses/responses.view';
import { findSurvey, loadDefinition, versionsOf } from '../../surveys/surveys.queries';
import { resolveFilter, type Breakdown, type ResultsFilter } from '../filters';
import { isSmall, leakyFilters } from '../suppression';
import { answerCells, completedByGroup, medianSeconds, responseTotals } from './aggregate.queries';
import { breakdownItems, type BreakdownItem } from './breakdown';
import { unsafeDateEdges } from './date-edges';
import { numberBinEdges } from './charts';
import { questionFigures, type QuestionFigures } from './figures';
import { responseContexts } from './results.queries';
import { binCounts, cellQuestions, numberPoints, tally } from './tally';

/*
 * A survey's results for a filter (and a breakdown): the figures of every question, read with
 * the grouped queries; refused, with the filters named, when a filter would give back a group
 * of 1–4 people by difference. The results page and the `summary` export both call this.
 */

/** The filters' names as the page and its error messages say them, by filter key. */
export const FILTER_NAMES: Record<keyof ResultsFilter, string> = {
  version: 'Version',
  language: 'Language',
  district: 'Council district',
  myla311Use: '311 use',
  study: 'Study',
  session: 'Session',
  channel: 'Channel',
  from: 'From',
  to: 'To',
};
/** The query-string field of each filter (the form's ids). */
export const FILTER_FIELDS: Record<keyof ResultsFilter, string> = {
  ...Object.fromEntries(Object.keys(FILTER_NAMES).map((k) => [k, k])),
  myla311Use: 'use',
} as Record<keyof ResultsFilter, string>;

export const USE_LABELS: Record<string, string> = {
  never: 'Never used it',
  once: 'Once',
  few: 'A few times',
  often: 'Often',
};

export interface SurveyResults {
  survey: SurveyRow;
  questions: QuestionDef[];
  started: number;
  completed: number;
  medianSeconds: number | null;
  figures: QuestionFigures[];
  /** Per number question's code: its histogram's bins. */
  bins: Map<string, { label: string; count: number }[]>;
  breakdown: BreakdownItem[] | null;
}

export type ResultsOutcome =
  | { ok: true; results: SurveyResults }
  | { ok: false; survey: SurveyRow; errors: Record<string, string> };

export class SurveyResultsService {
  constructor(private readonly d: { db: DB; ref: ReferenceData; cityTimeZone: string }) {}

  async survey(id: number): Promise<SurveyRow> {
    const survey = await findSurvey(this.d.db, id);
    if (!survey) throw new NotFoundError();
    return survey;
  }

  /** The survey's questions: the newest version's, then any only older versions had. */
  async questions(surveyId: number): Promise<QuestionDef[]> {
    return latestByCode(await this.everyVersion(surveyId));
  }

  /** Every version's questions, the newest version's first (answers name these ids). */
  private async everyVersion(surveyId: number): Promise<QuestionDef[]> {
    const versions = (await versionsOf(this.d.db, surveyId)).reverse();
    const out: QuestionDef[] = [];
    for (const v of versions) out.push(...allQuestions(await loadDefinition(this.d.db, v.id)));
    return out;
  }

  /** Errors by field when a filter would reveal 1–4 people by difference (or keeps 1–4). */
  async leaks(surveyId: number, filter: ResultsFilter): Promise<Record<string, string>> {
    const keys = Object.keys(filter) as (keyof ResultsFilter)[];
    if (!keys.length) return {};
    const completed = async (f: ResultsFilter) =>
      (await responseTotals(this.d.db, surveyId, resolveFilter(f, this.d.cityTimeZone))).completed;
    const kept = await completed(filter);
    const withoutEach: Record<string, number> = {};
    for (const k of keys) {
      const rest = { ...filter };
      delete rest[k];
      withoutEach[k] = await completed(rest);
    }
    const errors: Record<string, string> = {};
    for (const k of leakyFilters(kept, withoutEach) as (keyof ResultsFilter)[])
      errors[FILTER_FIELDS[k]] =
        `${FILTER_NAMES[k]}: this filter leaves out fewer than 5 responses, which could identify people. Widen or remove it.`;
    for (const k of await unsafeDateEdges(this.d.db, surveyId, filter, this.d.cityTimeZone))
      errors[FILTER_FIELDS[k]] ??=
        `${FILTER_NAMES[k]}: the nearest day with responses before or after this date has fewer than 5, which comparing two date ranges could reveal. Choose a date between two days that each have 5 or more, or remove it.`;
    if (isSmall(kept))
      errors[FILTER_FIELDS[keys[0]]] ??=
        'Fewer than 5 responses match these filters, which could identify people. Widen or remove a filter.';
    return errors;
  }

  async results(
    survey: SurveyRow,
    filter: ResultsFilter,
    breakdown: Breakdown | undefined,
    lang = 'en',
  ): Promise<ResultsOutcome> {
    const errors = await this.leaks(survey.id, filter);
    if (Object.keys(errors).length) return { ok: false, survey, errors };
    const db = this.d.db;
    const resolved = resolveFilter(filter, this.d.cityTimeZone);
    const every = await this.everyVersion(survey.id);
    const questions = latestByCode(every);
    const totals = await responseTotals(db, survey.id, resolved);
    const cells = await answerCells(db, survey.id, resolved, cellQuestions(every));
    const counts = tally(cells, every);
    const figures = questionFigures(questions, counts, lang);
    const bins = new Map<string, { label: string; count: number }[]>();
    for (const f of figures.filter((q) => q.type === 'number' && q.n > 0)) {
      if (f.min === f.max) {
        bins.set(f.code, [{ label: String(f.min), count: f.n }]);
        continue;
      }
      const { edges, labels } = numberBinEdges(f.min!, f.max!);
      const counted = binCounts(numberPoints(cells, every, f.code), edges);
      bins.set(
        f.code,
        labels.map((label, i) => ({ label, count: counted[i] })),
      );
    }
    return {
      ok: true,
      results: {
        survey,
        questions,
        started: totals.started,
        completed: totals.completed,
        medianSeconds: await medianSeconds(db, survey.id, resolved, totals.completed),
        figures,
        bins,
        breakdown: breakdown
          ? await this.breakdown(survey.id, every, figures, resolved, breakdown, lang)
          : null,
      },
    };
  }

  private async breakdown(
    surveyId: number,
    every: QuestionDef[],
    figures: QuestionFigures[],
    resolved: ReturnType<typeof resolveFilter>,
    by: Breakdown,
    lang: string,
  ): Promise<BreakdownItem[]> {
    const db = this.d.db;
    const groups = await completedByGroup(db, surveyId, resolved, by);
    const cells = await answerCells(db, surveyId, resolved, cellQuestions(every), by);
    const counts = tally(cells, every);
    const questions = latestByCode(every);
    const labels = await this.groupLabels(surveyId, by);
    const names = [...groups.keys()].sort((a, b) =>
      a === '' ? 1 : b === '' ? -1 : a.localeCompare(b, 'en', { numeric: true }),
    );
    return breakdownItems(
      figures,
      names.map((g) => ({
        group: g,
        label: g === '' ? 'Not recorded' : (labels.get(g) ?? g),
        figures: questionFigures(questions, counts, lang, g),
      })),
    );
  }

  /** How each group of a breakdown is named on the page. */
  async groupLabels(surveyId: number, by: Breakdown): Promise<Map<string, string>> {
    const ref = this.d.ref;
    switch (by) {
      case 'version':
        return new Map(
          (await versionsOf(this.d.db, surveyId)).map((v) => [String(v.id), `Version ${v.number}`]),
        );
      case 'language':
        return new Map(ref.languages.map((l) => [l.code, l.english_name]));
      case 'district':
        return new Map(ref.districts.map((d) => [String(d.district), d.name]));
      case 'myla311_use':
        return new Map(Object.entries(USE_LABELS));
      case 'channel':
        return new Map(Object.entries(CHANNEL_LABELS));
      default: {
        const { studies, sessions } = await responseContexts(this.d.db, surveyId);
        return by === 'study'
          ? new Map(studies.map((s) => [String(s.id), s.title]))
          : new Map(
              sessions.map((s) => [String(s.id), formatCityTime(s.starts_at, this.d.cityTimeZone)]),
            );
      }
    }
  }
}

/** One question per code: the newest version's (the list holds the newest version first). */
function latestByCode(every: QuestionDef[]): QuestionDef[] {
  const seen = new Set<string>();
  return every.filter((q) => !seen.has(q.code) && seen.add(q.code));
}
