import { describeCondition } from '../../../surveys/builder/condition-form';
import { allQuestions, type OptionDef, type QuestionDef } from '../../../surveys/model/definition';
import { QUESTION_TYPE_LABELS, scalePoints } from '../../../surveys/model/question-types';
import { textIn, type Translated } from '../../../surveys/model/texts';
import { languagesOf } from '../../../surveys/surveys.queries';
import { translator } from '../../../i18n/i18n';
import type { CsvColumn } from '../../../web/csv';
import { MISSING_CODES } from '../codes';
import type { ExportDeps, ExportRequest, ExportTable, ExportType } from '../export-type';
import { exportFilename, loadSurvey } from './responses.export';
import {
  factNames,
  questionColumns,
  RESPONSE_FACTS,
  widePlan,
  type SurveyVersion,
} from './wide-plan';

/*
 * The codebook (issue 9 item 9): the data dictionary of the wide file, one row per column of it —
 * the response's own columns, each question, each option or statement — with its type, page,
 * required, condition in plain words, label in each language of the survey and the versions it
 * appears in; then what each missing-data code means.
 */

export interface CodebookRow {
  column: string;
  question: string;
  item: string;
  type: string;
  page: string;
  required: string;
  condition: string;
  labels: Translated;
  values: string;
  versions: string;
}

const FACTS: Record<string, string> = {
  respondent: 'Respondent pseudonym: the same within this export, different in the next one',
  version: 'The survey version the response answered (its number)',
  language: 'The language the response was given in',
  channel: 'How it was given: web, phone (interview) or paper',
  submitted_at: "When it was submitted: ISO 8601 with the city's UTC offset",
  council_district: 'Council district of the respondent (blank: not known)',
  myla311_use: 'How often the respondent used 311: never, once, few, often (blank: not known)',
};

const en = translator('en');
function valuesOf(q: QuestionDef): string {
  const points = scalePoints(q.type);
  if (q.type === 'agreement' || q.type === 'agreement_grid')
    return points!.map((p) => `${p}=${en(`survey.agreement.${p}`)}`).join('; ');
  if (q.type === 'yes_no') return 'yes; no';
  if (q.type === 'rating' || q.type === 'nps') return '0 to 10';
  if (q.type === 'consent') return 'yes=acknowledged';
  if (q.type === 'multi_choice') return '1=selected; 0=not selected';
  if (q.type === 'ranking') return `rank 1 to ${q.options.length}`;
  if (q.type === 'number') return 'a number';
  if (q.type === 'date') return 'YYYY-MM-DD';
  if (q.type === 'short_text' || q.type === 'long_text') return 'text';
  return 'option codes';
}

/** The codebook's rows: the same columns as the wide file, in the same order. */
export function codebookRows(versions: SurveyVersion[]): CodebookRow[] {
  const blank = { question: '', item: '', page: '', required: '', condition: '', versions: '' };
  const names = factNames(widePlan(versions, null).columns);
  const rows: CodebookRow[] = RESPONSE_FACTS.map((fact, i) => ({
    ...blank,
    column: names[i],
    type: 'response',
    labels: { en: FACTS[fact] },
    values: '',
  }));
  // Each code as its newest version has it, with every version it appears in.
  const newest = new Map<string, { q: QuestionDef; page: number; condition: string }>();
  const seenIn = new Map<string, number[]>();
  const note = (key: string, n: number) => seenIn.set(key, [...(seenIn.get(key) ?? []), n]);
  for (const v of versions) {
    const questions = allQuestions(v.def);
    for (const p of v.def.pages)
      for (const q of p.questions) {
        note(q.code, v.number);
        for (const o of [...q.options, ...q.statements]) note(`${q.code}\n${o.code}`, v.number);
        const conditions = [
          describeCondition(p.condition, questions)?.replace('Shown only', 'Page shown only'),
          describeCondition(q.condition, questions),
        ].filter(Boolean);
        newest.set(q.code, { q, page: p.position + 1, condition: conditions.join('; ') });
      }
  }
  const versionsOf = (key: string) => [...new Set(seenIn.get(key))].join(' ');
  const allItems = new Map<string, OptionDef>();
  for (const v of versions)
    for (const q of allQuestions(v.def))
      for (const o of [...q.options, ...q.statements]) allItems.set(`${q.code}\n${o.code}`, o);
  for (const [code, { q, page, condition }] of newest) {
    if (q.type === 'info') continue;
    const base = {
      question: code,
      page: String(page),
      required: q.required ? 'yes' : 'no',
      condition,
    };
    const columns = new Map<string, string>();
    for (const v of versions)
      for (const vq of allQuestions(v.def))
        if (vq.code === code)
          for (const c of questionColumns(vq))
            columns.set(c.other ? '\nother' : (c.item ?? ''), c.name);
    rows.push({
      ...base,
      column: columns.get('') ?? '',
      item: '',
      type: QUESTION_TYPE_LABELS[q.type],
      labels: q.texts.label,
      values: valuesOf(q),
      versions: versionsOf(code),
    });
    const items = [...allItems].filter(([k]) => k.startsWith(`${code}\n`));
    for (const [key, o] of items) {
      const statement = q.type === 'agreement_grid';
      rows.push({
        ...base,
        column: columns.get(o.code) ?? columns.get('') ?? '',
        item: o.code,
        type: statement ? 'statement' : o.isOther ? 'option (other, please specify)' : 'option',
        labels: o.label,
        values: statement ? valuesOf(q) : columns.has(o.code) ? valuesOf(q) : `value ${o.code}`,
        versions: versionsOf(key),
      });
    }
    if (columns.has('\nother'))
      rows.push({
        ...base,
        column: columns.get('\nother')!,
        item: '',
        type: 'text (other, please specify)',
        labels: { en: 'What the respondent wrote for "other, please specify"' },
        values: 'text',
        versions: versionsOf(code),
      });
  }
  for (const m of MISSING_CODES)
    rows.push({
      ...blank,
      column: m.code,
      type: 'missing-data code',
      labels: { en: m.meaning },
      values: '',
    });
  return rows;
}

async function codebookTable(
  deps: ExportDeps,
  req: ExportRequest,
): Promise<ExportTable<CodebookRow>> {
  const { survey, versions } = await loadSurvey(deps, req);
  const languages = languagesOf(survey);
  if (!languages.includes('en')) languages.unshift('en');
  const code = (header: keyof CodebookRow): CsvColumn<CodebookRow> => ({
    header,
    value: (r) => r[header] as string,
    kind: 'code',
  });
  return {
    filename: exportFilename(deps, survey.id, 'codebook'),
    columns: [
      code('column'),
      code('question'),
      code('item'),
      code('type'),
      code('page'),
      code('required'),
      { header: 'condition', value: (r) => r.condition },
      ...languages.map((l) => ({
        header: `label_${l}`,
        value: (r: CodebookRow) => textIn(r.labels, l),
      })),
      { header: 'values', value: (r) => r.values },
      code('versions'),
    ],
    rows: codebookRows(versions),
  };
}

export function codebookExport(deps: ExportDeps): ExportType {
  return {
    type: 'codebook',
    title: 'Codebook: every column of the wide file, its labels and the missing-data codes',
    scope: 'survey',
    roles: ['analyst', 'organizer'],
    open: (req) => codebookTable(deps, req),
  };
}
