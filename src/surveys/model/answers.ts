import type { AnswerState } from '../../db/schema';
import { conditionHolds, type SeenAnswer, type SeenAnswers } from './conditions';
import { allQuestions, type PageDef, type QuestionDef, type SurveyDefinition } from './definition';
import {
  LONG_TEXT_MAX,
  SHORT_TEXT_MAX,
  isNumeric,
  scalePoints,
  type QuestionType,
} from './question-types';

/**
 * Reading a page of answers from a form post, and completing a response at submission. Pure:
 * the respondent pages, staff-entered responses and the tests all go through here, so every
 * channel stores the same codes and the same missing-data states:
 * - `not_shown`: a condition hid the question (or its page);
 * - `skipped`: shown, not required, left empty;
 * - `prefer_not`: "prefer not to say" chosen;
 * - `not_selected`: an option of a multi-select that was answered, left unticked.
 *
 * Form fields: `q_<code>` for the question, `q_<code>__<item>` for a grid statement or a
 * ranking option, `q_<code>__other` for "other, please specify", `q_<code>__prefer_not` for
 * the prefer-not box of text, number and date questions. The prefer-not answer of a choice is
 * the value `_prefer_not`.
 */
export const PREFER_NOT = '_prefer_not';

export interface AnswerInput {
  questionId: number;
  code: string;
  item: string;
  state: AnswerState;
  value: string | null;
  number: number | null;
  otherText: string | null;
}

/** A refusal: a catalogue key of the `survey.error` section and what it interpolates. */
export interface AnswerError {
  key: string;
  params?: Record<string, string | number>;
}

export interface PageReading {
  answers: AnswerInput[];
  /** By field name (the first field of the question, or the statement/option in error). */
  errors: Record<string, AnswerError>;
}

export const fieldName = (code: string, item?: string): string =>
  item ? `q_${code}__${item}` : `q_${code}`;

type Body = Record<string, unknown>;

const one = (body: Body, field: string): string => {
  const v = body[field];
  return typeof v === 'string' ? v.trim() : '';
};
const many = (body: Body, field: string): string[] => {
  const v = body[field];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string' && x !== '');
};

// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

const row = (
  q: QuestionDef,
  state: AnswerState,
  rest: Partial<Pick<AnswerInput, 'item' | 'value' | 'number' | 'otherText'>> = {},
): AnswerInput => ({
  questionId: q.id,
  code: q.code,
  item: rest.item ?? '',
  state,
  value: rest.value ?? null,
  number: rest.number ?? null,
  otherText: rest.otherText ?? null,
});

interface QuestionReading {
  answers: AnswerInput[];
  errors: Record<string, AnswerError>;
}
const ok = (...answers: AnswerInput[]): QuestionReading => ({ answers, errors: {} });
const refuse = (field: string, key: string, params?: AnswerError['params']): QuestionReading => ({
  answers: [],
  errors: { [field]: { key: `survey.error.${key}`, ...(params ? { params } : {}) } },
});

/** An empty answer: an error when required, else skipped. */
const empty = (q: QuestionDef, field = fieldName(q.code)): QuestionReading =>
  q.required ? refuse(field, q.type === 'consent' ? 'consent' : 'required') : ok(row(q, 'skipped'));

/** The text of "other, please specify" when the chosen option asks for it. */
function otherText(q: QuestionDef, body: Body, chosen: string[]): QuestionReading | string | null {
  const other = q.options.find((o) => o.isOther && chosen.includes(o.code));
  if (!other) return null;
  const field = fieldName(q.code, 'other');
  const text = one(body, field);
  if (!text) return refuse(field, 'otherMissing');
  if (text.length > SHORT_TEXT_MAX) return refuse(field, 'tooLong', { max: SHORT_TEXT_MAX });
  if (CONTROL.test(text)) return refuse(field, 'invalidText');
  return text;
}

function chooseOne(q: QuestionDef, body: Body): QuestionReading {
  const field = fieldName(q.code);
  const v = one(body, field);
  if (!v) return empty(q);
  if (v === PREFER_NOT && q.preferNot) return ok(row(q, 'prefer_not'));
  const codes = scalePoints(q.type) ?? q.options.map((o) => o.code);
  if (!codes.includes(v)) return refuse(field, 'invalidOption');
  const other = otherText(q, body, [v]);
  if (other && typeof other === 'object') return other;
  return ok(
    row(q, 'answered', {
      value: v,
      number: isNumeric(q.type) ? Number(v) : null,
      otherText: other,
    }),
  );
}

function consent(q: QuestionDef, body: Body): QuestionReading {
  const field = fieldName(q.code);
  const v = one(body, field);
  if (!v) return refuse(field, 'consent');
  if (v !== 'yes') return refuse(field, 'invalidOption');
  return ok(row(q, 'answered', { value: 'yes' }));
}

function multi(q: QuestionDef, body: Body): QuestionReading {
  const field = fieldName(q.code);
  const chosen = [...new Set(many(body, field))];
  if (!chosen.length) return empty(q);
  if (chosen.includes(PREFER_NOT)) {
    if (!q.preferNot) return refuse(field, 'invalidOption');
    return chosen.length === 1 ? ok(row(q, 'prefer_not')) : refuse(field, 'preferNotAlone');
  }
  const codes = q.options.map((o) => o.code);
  if (chosen.some((c) => !codes.includes(c))) return refuse(field, 'invalidOption');
  const other = otherText(q, body, chosen);
  if (other && typeof other === 'object') return other;
  return ok(
    ...q.options.map((o) =>
      chosen.includes(o.code)
        ? row(q, 'answered', {
            item: o.code,
            value: '1',
            number: 1,
            otherText: o.isOther ? other : null,
          })
        : row(q, 'not_selected', { item: o.code, value: '0', number: 0 }),
    ),
  );
}

function grid(q: QuestionDef, body: Body): QuestionReading {
  const out: QuestionReading = { answers: [], errors: {} };
  for (const s of q.statements) {
    const field = fieldName(q.code, s.code);
    const v = one(body, field);
    let e: string | null = null;
    if (!v) {
      if (q.required) e = 'required';
      else out.answers.push(row(q, 'skipped', { item: s.code }));
    } else if (v === PREFER_NOT && q.preferNot) {
      out.answers.push(row(q, 'prefer_not', { item: s.code }));
    } else if (!scalePoints('agreement_grid')!.includes(v)) {
      e = 'invalidOption';
    } else {
      out.answers.push(row(q, 'answered', { item: s.code, value: v, number: Number(v) }));
    }
    if (e) out.errors[field] = { key: `survey.error.${e}` };
  }
  return Object.keys(out.errors).length ? { answers: [], errors: out.errors } : out;
}

/** Text, number and date share the prefer-not box and the empty rule. */
function typed(
  q: QuestionDef,
  body: Body,
  parse: (v: string, field: string) => QuestionReading,
): QuestionReading {
  const field = fieldName(q.code);
  const v = one(body, field);
  const preferNot = q.preferNot && one(body, fieldName(q.code, 'prefer_not')) !== '';
  if (preferNot) return v ? refuse(field, 'preferNotAlone') : ok(row(q, 'prefer_not'));
  if (!v) return empty(q);
  return parse(v, field);
}

function text(q: QuestionDef, body: Body): QuestionReading {
  const max =
    typeof q.settings.maxLength === 'number'
      ? q.settings.maxLength
      : q.type === 'long_text'
        ? LONG_TEXT_MAX
        : SHORT_TEXT_MAX;
  return typed(q, body, (v, field) => {
    if (v.length > max) return refuse(field, 'tooLong', { max });
    if (CONTROL.test(v)) return refuse(field, 'invalidText');
    return ok(row(q, 'answered', { value: v }));
  });
}

function number(q: QuestionDef, body: Body): QuestionReading {
  return typed(q, body, (v, field) => {
    const plain = v.replace(/[\s,]/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(plain) || plain.length > 20) return refuse(field, 'number');
    const n = Number(plain);
    if (q.settings.integer && !Number.isInteger(n)) return refuse(field, 'wholeNumber');
    const { min, max } = q.settings;
    const lo = typeof min === 'number' ? min : null;
    const hi = typeof max === 'number' ? max : null;
    if ((lo !== null && n < lo) || (hi !== null && n > hi)) {
      if (lo !== null && hi !== null) return refuse(field, 'numberBetween', { min: lo, max: hi });
      return lo !== null
        ? refuse(field, 'numberMin', { min: lo })
        : refuse(field, 'numberMax', { max: hi! });
    }
    return ok(row(q, 'answered', { value: String(n), number: n }));
  });
}

/** A real calendar day as YYYY-MM-DD (2027-02-30 is not one). */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === v;
}

function date(q: QuestionDef, body: Body): QuestionReading {
  return typed(q, body, (v, field) => {
    if (!isCalendarDate(v)) return refuse(field, 'date');
    const { min, max } = q.settings;
    if (typeof min === 'string' && v < min) return refuse(field, 'dateMin', { min });
    if (typeof max === 'string' && v > max) return refuse(field, 'dateMax', { max });
    return ok(row(q, 'answered', { value: v }));
  });
}

function ranking(q: QuestionDef, body: Body): QuestionReading {
  const n = q.options.length;
  const ranks = q.options.map((o) => one(body, fieldName(q.code, o.code)));
  const first = fieldName(q.code, q.options[0]?.code ?? '');
  if (ranks.every((r) => r === '')) return empty(q, first);
  const numbers = ranks.map((r) => (/^\d{1,3}$/.test(r) ? Number(r) : NaN));
  const bad = numbers.findIndex((r) => !(r >= 1 && r <= n));
  if (bad >= 0)
    return ranks[bad] === ''
      ? refuse(fieldName(q.code, q.options[bad].code), 'rankAll')
      : refuse(fieldName(q.code, q.options[bad].code), 'invalidOption');
  const twice = numbers.findIndex((r, i) => numbers.indexOf(r) !== i);
  if (twice >= 0) return refuse(fieldName(q.code, q.options[twice].code), 'rankTwice');
  return ok(
    ...q.options.map((o, i) =>
      row(q, 'answered', { item: o.code, value: String(numbers[i]), number: numbers[i] }),
    ),
  );
}

const readers: Record<QuestionType, (q: QuestionDef, body: Body) => QuestionReading> = {
  single_choice: chooseOne,
  dropdown: chooseOne,
  yes_no: chooseOne,
  agreement: chooseOne,
  rating: chooseOne,
  nps: chooseOne,
  multi_choice: multi,
  agreement_grid: grid,
  short_text: text,
  long_text: text,
  number,
  date,
  ranking,
  consent,
  info: () => ok(),
};

/** A question the condition hid: one row saying so. */
const notShown = (q: QuestionDef): AnswerInput => row(q, 'not_shown');

/** The questions of a page a respondent sees, given the answers of earlier pages. */
export const visibleQuestions = (page: PageDef, seen: SeenAnswers): QuestionDef[] =>
  conditionHolds(page.condition, seen)
    ? page.questions.filter((q) => conditionHolds(q.condition, seen))
    : [];

/**
 * One page's post: the rows of every question on it (hidden ones as not shown), or the errors
 * by field when anything is refused (then nothing of the page is stored).
 */
export function readPage(page: PageDef, body: unknown, seen: SeenAnswers): PageReading {
  const b: Body = body && typeof body === 'object' ? (body as Body) : {};
  const shown = new Set(visibleQuestions(page, seen).map((q) => q.id));
  const answers: AnswerInput[] = [];
  const errors: Record<string, AnswerError> = {};
  for (const q of page.questions) {
    if (!shown.has(q.id)) {
      if (q.type !== 'info') answers.push(notShown(q));
      continue;
    }
    const r = readers[q.type](q, b);
    answers.push(...r.answers);
    Object.assign(errors, r.errors);
  }
  return Object.keys(errors).length ? { answers: [], errors } : { answers, errors };
}

/** A definition's questions by id: worked out once for the frozen pages loadDefinition shares. */
const byIdOf = new WeakMap<SurveyDefinition['pages'], Map<number, QuestionDef>>();
function questionsById(pages: SurveyDefinition['pages']): Map<number, QuestionDef> {
  let byId = byIdOf.get(pages);
  if (!byId) {
    byId = new Map(allQuestions({ pages }).map((q) => [q.id, q]));
    if (Object.isFrozen(pages)) byIdOf.set(pages, byId);
  }
  return byId;
}

/** What conditions see of stored rows (`seenFrom`): answered values by question code. */
export function seenFrom(
  def: Pick<SurveyDefinition, 'pages'>,
  rows: readonly Pick<AnswerInput, 'questionId' | 'item' | 'state' | 'value' | 'number'>[],
): Map<string, SeenAnswer> {
  const byId = questionsById(def.pages);
  const seen = new Map<string, SeenAnswer>();
  for (const r of rows) {
    const q = byId.get(r.questionId);
    if (!q || r.state !== 'answered' || r.value === null) continue;
    const key = q.type === 'agreement_grid' ? `${q.code}.${r.item}` : q.code;
    const a = seen.get(key) ?? { values: [], number: null };
    if (q.type === 'multi_choice') a.values.push(r.item);
    else if (q.type !== 'ranking') {
      a.values.push(r.value);
      a.number = r.number;
    }
    seen.set(key, a);
  }
  return seen;
}

/**
 * The complete answers of a response at submission, walking the survey in order with what was
 * stored: a question whose page or condition now hides it becomes not shown (an answer given
 * before the person changed an earlier one is dropped), a shown question with nothing stored
 * (a page never reached) is skipped. Returns the rows to store, and the first page a required
 * answer is missing from (the person is sent back there), or null.
 */
export function completeResponse(
  def: Pick<SurveyDefinition, 'pages'>,
  stored: readonly AnswerInput[],
): { answers: AnswerInput[]; missingOnPage: number | null } {
  const byQuestion = new Map<number, AnswerInput[]>();
  for (const r of stored)
    byQuestion.set(r.questionId, [...(byQuestion.get(r.questionId) ?? []), r]);
  const kept: AnswerInput[] = [];
  let missingOnPage: number | null = null;
  for (const page of def.pages) {
    const seen = seenFrom(def, kept);
    const shown = new Set(visibleQuestions(page, seen).map((q) => q.id));
    for (const q of page.questions) {
      if (q.type === 'info') continue;
      const rows = (byQuestion.get(q.id) ?? []).filter((r) => r.state !== 'not_shown');
      if (!shown.has(q.id)) kept.push(notShown(q));
      else if (rows.length) kept.push(...rows);
      else {
        if ((q.required || q.type === 'consent') && missingOnPage === null)
          missingOnPage = page.position;
        kept.push(row(q, 'skipped'));
      }
    }
  }
  return { answers: kept, missingOnPage };
}
