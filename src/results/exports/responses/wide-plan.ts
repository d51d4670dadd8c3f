import type { AnswerState } from '../../../db/schema';
import { translator } from '../../../i18n/i18n';
import {
  allQuestions,
  type QuestionDef,
  type SurveyDefinition,
} from '../../../surveys/model/definition';
import { scalePoints } from '../../../surveys/model/question-types';
import { textIn } from '../../../surveys/model/texts';
import type { CsvColumn } from '../../../web/csv';
import { missingCode } from '../codes';

/*
 * The wide file's columns and how one response's answer rows fill them (pure: the export feeds
 * it rows read from the database). One column per question code of the survey across all its
 * versions, in version then page/position order; multi-select and ranking one column per option
 * (`q__option`), grids one per statement (`q__statement`), "other, please specify" in `q__other`.
 */

export interface SurveyVersion {
  id: number;
  number: number;
  def: Pick<SurveyDefinition, 'pages' | 'languages'>;
}

export interface WideColumn {
  name: string;
  /** The question's code, and the option or statement of the column (null: the question's own). */
  question: string;
  item: string | null;
  /** Free text typed by a respondent (neutralised in the Excel profile). */
  text: boolean;
  /** The text of "other, please specify". */
  other: boolean;
  /** Holds labels (staff-typed text) instead of codes: labels were asked for and the question has some. */
  labelled: boolean;
}

/** Where one version's question writes: its columns' positions and how a value reads. */
interface Slots {
  type: QuestionDef['type'];
  main: number | null;
  other: number | null;
  items: Map<string, number>;
  /** A stored value as written: the code, or its label in the chosen language. */
  show: (value: string) => string;
  text: boolean;
}

export interface WidePlan {
  columns: WideColumn[];
  slots: Map<number, Slots>;
}

/** The response's own columns, before the questions'. */
export const RESPONSE_FACTS = [
  'respondent',
  'version',
  'language',
  'channel',
  'submitted_at',
  'council_district',
  'myla311_use',
] as const;

/**
 * The response's own columns as the file names them: a question may have the same code (the
 * screener asks for `language` and `council_district`), so such a column becomes
 * `response_language`, never two columns of the same name.
 */
export function factNames(columns: readonly WideColumn[]): string[] {
  const taken = new Set(columns.map((c) => c.name));
  return RESPONSE_FACTS.map((n) => {
    let name: string = n;
    while (taken.has(name)) name = `response_${name}`;
    return name;
  });
}

/** The columns a question has, named as the wide file names them. */
export function questionColumns(q: QuestionDef): WideColumn[] {
  const col = (item: string | null, text = false): WideColumn => ({
    name: item ? `${q.code}__${item}` : q.code,
    question: q.code,
    item,
    text,
    other: false,
    labelled: false,
  });
  const own: WideColumn[] =
    q.type === 'info'
      ? []
      : q.type === 'multi_choice' || q.type === 'ranking'
        ? q.options.map((o) => col(o.code))
        : q.type === 'agreement_grid'
          ? q.statements.map((s) => col(s.code))
          : [col(null, q.type === 'short_text' || q.type === 'long_text')];
  if (q.type === 'ranking' || !q.options.some((o) => o.isOther)) return own;
  // "Other, please specify": `q__other`, or `q__other_text` when an option is coded `other`.
  let item = 'other';
  while (own.some((c) => c.item === item)) item += '_text';
  return [...own, { ...col(item, true), other: true }];
}

/** A question's values as labels in `lang` (English where a label is missing), else as codes. */
export function shower(q: QuestionDef, lang: string | null): (v: string) => string {
  return showWith(labelsOf(q, lang));
}

const showWith = (labels: Map<string, string>) =>
  labels.size ? (v: string) => labels.get(v) ?? v : (v: string) => v;

/** A question's labels by code in `lang` (none without a language, or for a type without labels). */
function labelsOf(q: QuestionDef, lang: string | null): Map<string, string> {
  const labels = new Map<string, string>();
  if (!lang || q.type === 'multi_choice' || q.type === 'ranking') return labels;
  const t = translator(lang);
  const say = (key: string) => t(key);
  for (const o of q.options) labels.set(o.code, textIn(o.label, lang) || textIn(o.label, 'en'));
  if (q.type === 'agreement' || q.type === 'agreement_grid')
    for (const p of scalePoints(q.type)!) labels.set(p, say(`survey.agreement.${p}`));
  if (q.type === 'yes_no') {
    labels.set('yes', say('survey.yes'));
    labels.set('no', say('survey.no'));
  }
  if (q.type === 'consent') labels.set('yes', say('respond.consentGiven'));
  for (const [k, v] of labels) if (!v) labels.set(k, k);
  return labels;
}

/**
 * How the CSV writer treats a column: free text and labels are 'answer' (neutralised in the
 * Excel profile, the missing-data codes they may hold written as they are), "other" text is
 * text, the rest (codes, 0/1, ranks, numbers, dates) 'code'.
 */
export function columnKind(c: WideColumn): CsvColumn<unknown>['kind'] {
  if (c.other) return 'text';
  return c.text || c.labelled ? 'answer' : 'code';
}

/** The plan for a survey's versions: the union of their columns, and each question's slots. */
export function widePlan(
  versions: SurveyVersion[],
  labels: string | null,
  /** Where the first answer column is in a row (after the response's own columns). */
  offset = 0,
): WidePlan {
  const byCode = new Map<string, WideColumn[]>();
  for (const v of versions)
    for (const q of allQuestions(v.def)) {
      const list = byCode.get(q.code) ?? [];
      for (const c of questionColumns(q)) if (!list.some((x) => x.name === c.name)) list.push(c);
      byCode.set(q.code, list);
    }
  const columns = [...byCode.values()].flat();
  const index = new Map(columns.map((c, i) => [c.name, offset + i]));
  const slots = new Map<number, Slots>();
  for (const v of versions)
    for (const q of allQuestions(v.def)) {
      const own = questionColumns(q);
      const at = (name: string) => index.get(name)!;
      const main = own.find((c) => c.item === null);
      const other = own.find((c) => c.other);
      const named = labelsOf(q, labels);
      if (named.size)
        for (const c of own) if (!c.other) columns[at(c.name) - offset].labelled = true;
      slots.set(q.id, {
        type: q.type,
        main: main ? at(main.name) : null,
        other: other ? at(other.name) : null,
        items: new Map(
          own.filter((c) => c.item !== null && c !== other).map((c) => [c.item!, at(c.name)]),
        ),
        show: showWith(named),
        text: main?.text ?? false,
      });
    }
  return { columns, slots };
}

export interface AnswerCells {
  question_id: number;
  item: string;
  state: AnswerState;
  value: string | null;
  other_text: string | null;
}

/**
 * Writes one response's answers into `cells` (a row, blank where the plan's columns are): not
 * shown stays blank, skipped and prefer-not write their codes in every column of the question,
 * an unticked option of an answered multi-select writes 0.
 */
export function fillCells(plan: WidePlan, answers: readonly AnswerCells[], cells: string[]): void {
  for (const a of answers) {
    const s = plan.slots.get(a.question_id);
    if (!s || a.state === 'not_shown') continue;
    if (a.other_text && s.other !== null) cells[s.other] = a.other_text;
    if (a.item === '') {
      if (a.state === 'answered') {
        if (s.main !== null) cells[s.main] = s.text ? (a.value ?? '') : s.show(a.value ?? '');
        continue;
      }
      const code = missingCode(a.state);
      if (s.main !== null) cells[s.main] = code;
      for (const i of s.items.values()) cells[i] = code;
      continue;
    }
    const i = s.items.get(a.item);
    if (i === undefined) continue;
    cells[i] = a.state === 'answered' ? s.show(a.value ?? '') : missingCode(a.state);
  }
}
