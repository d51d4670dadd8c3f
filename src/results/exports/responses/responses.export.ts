import { allQuestions, type QuestionDef } from '../../../surveys/model/definition';
import { hasOptions, scalePoints } from '../../../surveys/model/question-types';
import { textIn } from '../../../surveys/model/texts';
import { NotFoundError } from '../../../errors';
import type { CsvColumn } from '../../../web/csv';
import { cityIsoFormatter } from '../city-iso';
import { missingCode } from '../codes';
import type { ExportDeps, ExportRequest, ExportTable, ExportType } from '../export-type';
import { newPseudonymizer, type Pseudonymizer } from '../pseudonym';
import { responsesWithAnswers, surveyWithVersions } from './responses.queries';
import {
  columnKind,
  factNames,
  fillCells,
  RESPONSE_FACTS,
  shower,
  widePlan,
  type SurveyVersion,
} from './wide-plan';

/*
 * The response files of a survey (issue 9 items 7 and 8), one row per submitted response that
 * passes the filter (wide) or one row per answer (long), streamed from keyset pages. Cells are
 * written as stored; the CSV writer neutralises them by column kind (`columnKind`): free text and
 * labels are 'answer' columns, whose missing-data codes (-99, -98) stay as they are.
 */

type Row = string[];
const ROLES: ExportType['roles'] = ['analyst', 'organizer'];

/** The columns of a row of cells, by position, each of its kind (codes unless told). */
export const cellColumns = (
  names: string[],
  kinds: CsvColumn<Row>['kind'][] = [],
): CsvColumn<Row>[] =>
  names.map((header, i) => ({ header, value: (r: Row) => r[i], kind: kinds[i] ?? 'code' }));

/** The survey of the request and its versions, or NotFoundError. */
export async function loadSurvey(deps: ExportDeps, req: ExportRequest) {
  const found = req.survey === undefined ? null : await surveyWithVersions(deps.db, req.survey);
  if (!found) throw new NotFoundError();
  return found;
}

export const exportFilename = (deps: ExportDeps, surveyId: number, what: string, ext = 'csv') =>
  `survey-${surveyId}-${what}-${deps.clock.now().toISOString().slice(0, 10)}.${ext}`;

/** Rows of the wide file; `pseudonym` is shared when a bundle writes more than one file. */
export async function wideTable(
  deps: ExportDeps,
  req: ExportRequest,
  pseudonym: Pseudonymizer = newPseudonymizer(),
): Promise<ExportTable<Row>> {
  const { survey, versions } = await loadSurvey(deps, req);
  const plan = widePlan(versions, req.labels, RESPONSE_FACTS.length);
  const numbers = new Map(versions.map((v) => [v.id, String(v.number)]));
  const when = cityIsoFormatter(deps.cityTimeZone);
  const width = RESPONSE_FACTS.length + plan.columns.length;
  async function* rows(): AsyncGenerator<Row> {
    for await (const { response: r, answers } of responsesWithAnswers(
      deps.db,
      survey.id,
      req.resolved,
    )) {
      const cells: Row = new Array<string>(width).fill('');
      cells[0] = pseudonym(r.id);
      cells[1] = numbers.get(r.version_id) ?? '';
      cells[2] = r.language;
      cells[3] = r.channel;
      cells[4] = when(r.submitted_at);
      cells[5] = r.council_district === null ? '' : String(r.council_district);
      cells[6] = r.myla311_use ?? '';
      fillCells(plan, answers, cells);
      yield cells;
    }
  }
  return {
    filename: exportFilename(deps, survey.id, 'responses-wide'),
    columns: cellColumns(
      [...factNames(plan.columns), ...plan.columns.map((c) => c.name)],
      [...RESPONSE_FACTS.map(() => 'code' as const), ...plan.columns.map(columnKind)],
    ),
    rows: rows(),
  };
}

/**
 * The label of an answer row in `lang` (English where missing): the option of a multi-select or
 * ranking row, the choice or scale point of the others; none for numbers, dates and text.
 */
function labeller(q: QuestionDef, lang: string) {
  const perItem = q.type === 'multi_choice' || q.type === 'ranking';
  const coded =
    perItem || scalePoints(q.type) !== null || hasOptions(q.type) || q.type === 'consent';
  if (!coded) return () => '';
  if (perItem) {
    const items = new Map(
      q.options.map((o) => [o.code, textIn(o.label, lang) || textIn(o.label, 'en')]),
    );
    return (item: string) => items.get(item) ?? '';
  }
  const show = shower(q, lang);
  return (_item: string, value: string) => show(value);
}

function longTableRows(
  deps: ExportDeps,
  req: ExportRequest,
  surveyId: number,
  versions: SurveyVersion[],
): AsyncGenerator<Row> {
  const pseudonym = newPseudonymizer();
  const lang = req.labels ?? 'en';
  const questions = new Map<number, { q: QuestionDef; label: ReturnType<typeof labeller> }>();
  for (const v of versions)
    for (const q of allQuestions(v.def)) questions.set(q.id, { q, label: labeller(q, lang) });
  return (async function* () {
    for await (const { response, answers } of responsesWithAnswers(
      deps.db,
      surveyId,
      req.resolved,
    )) {
      const who = pseudonym(response.id);
      for (const a of answers) {
        const found = questions.get(a.question_id);
        if (!found) continue;
        const { q, label } = found;
        const value = a.state === 'answered' ? (a.value ?? '') : missingCode(a.state);
        yield [
          who,
          q.code,
          a.item,
          a.state,
          value,
          a.state === 'answered' ? label(a.item, a.value ?? '') : '',
          a.other_text ?? '',
        ];
      }
    }
  })();
}

export function responseExports(deps: ExportDeps): ExportType[] {
  return [
    {
      type: 'responses-wide',
      title: 'Responses, wide: one row per response, one column per question',
      scope: 'survey',
      roles: ROLES,
      open: (req) => wideTable(deps, req),
    },
    {
      type: 'responses-long',
      title: 'Responses, long: one row per answer',
      scope: 'survey',
      roles: ROLES,
      async open(req) {
        const { survey, versions } = await loadSurvey(deps, req);
        return {
          filename: exportFilename(deps, survey.id, 'responses-long'),
          // value: a code, a number, a missing-data code or free text; label and other_text: text.
          columns: cellColumns(
            ['respondent', 'question', 'item', 'state', 'value', 'label', 'other_text'],
            ['code', 'code', 'code', 'code', 'answer', 'text', 'text'],
          ),
          rows: longTableRows(deps, req, survey.id, versions),
        };
      },
    },
  ];
}
