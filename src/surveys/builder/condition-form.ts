import { ValidationError } from '../../errors';
import type { Values } from '../../web/forms';
import {
  CONDITION_OP_LABELS,
  answerCodes,
  conditionProblems,
  type Condition,
  type ConditionOp,
  type ConditionRule,
} from '../model/conditions';
import type { QuestionDef } from '../model/definition';
import { textIn } from '../model/texts';
import { RULE_ROWS } from './builder.schema';

/*
 * The condition form: up to three rule rows (question, how, answer), combined with all/any.
 * The answer is a select of the question's answer codes where it has them, or typed (a number,
 * a text; "is one of" takes codes separated by commas). Without JavaScript the select lists the
 * answer codes of every earlier question, grouped by question.
 */

type Typed = Record<string, unknown>;
const NUMERIC: ConditionOp[] = ['lt', 'lte', 'gt', 'gte'];
const NO_VALUE: ConditionOp[] = ['answered', 'not_answered'];

/** The rows typed → a condition (null when every row is blank), refusing half-filled rows. */
export function conditionFrom(data: Typed): Condition | null {
  const rules: ConditionRule[] = [];
  for (let n = 1; n <= RULE_ROWS; n++) {
    const question = data[`rule${n}Question`] as string | null;
    const op = data[`rule${n}Op`] as ConditionOp | null;
    const picked = (data[`rule${n}Value`] as string | null) ?? '';
    const typed = (data[`rule${n}Text`] as string | null) ?? '';
    if (!question && !op && !picked && !typed) continue;
    if (!question)
      throw new ValidationError({ [`rule${n}Question`]: `Rule ${n}: choose a question` });
    if (!op)
      throw new ValidationError({ [`rule${n}Op`]: `Rule ${n}: choose how the answer is compared` });
    // A grid's statement is chosen as "code.item" in the question select.
    const [code, item] = question.split('.', 2);
    const rule: ConditionRule = { question: code, op, ...(item ? { item } : {}) };
    if (!NO_VALUE.includes(op)) {
      const raw = typed.trim() || picked;
      if (op === 'one_of')
        rule.value = raw
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean);
      else if (NUMERIC.includes(op))
        rule.value = raw === '' ? '' : Number.isFinite(Number(raw)) ? Number(raw) : raw;
      else rule.value = raw;
    }
    rules.push(rule);
  }
  return rules.length ? { combine: data.combine === 'any' ? 'any' : 'all', rules } : null;
}

/** Refuses a condition the model refuses (forward, missing, wrong answer), in its words. */
export function checkCondition(
  c: Condition | null,
  questions: QuestionDef[],
  before: number,
): void {
  if (!c) return;
  const problems = conditionProblems(c, questions, before);
  if (problems.length) throw new ValidationError({ rule1Question: problems.join('. ') });
}

/** A stored condition as the form's values. */
export function conditionValues(c: Condition | null): Values {
  const v: Values = { combine: c?.combine ?? 'all' };
  c?.rules.slice(0, RULE_ROWS).forEach((r, i) => {
    const n = i + 1;
    v[`rule${n}Question`] = r.item ? `${r.question}.${r.item}` : r.question;
    v[`rule${n}Op`] = r.op;
    const value = Array.isArray(r.value)
      ? r.value.join(', ')
      : r.value === undefined
        ? ''
        : String(r.value);
    v[`rule${n}Text`] = value;
  });
  return v;
}

/** The question select (earlier questions that have an answer; a grid's statements one by one) and the answer select's groups. */
export function conditionChoices(earlier: QuestionDef[]) {
  const answerable = earlier.filter((q) => q.type !== 'info');
  const questions = answerable.flatMap((q) =>
    q.type === 'agreement_grid'
      ? q.statements.map((s) => ({
          value: `${q.code}.${s.code}`,
          label: `${q.code} – ${textIn(s.label, 'en') || s.code}`,
        }))
      : [{ value: q.code, label: `${q.code} – ${short(textIn(q.texts.label, 'en'))}` }],
  );
  const answers = answerable
    .map((q) => ({
      label: q.code,
      options: (answerCodes(q) ?? []).map((c) => ({
        value: c,
        label: `${answerLabel(q, c)} (${c})`,
      })),
    }))
    .filter((g) => g.options.length);
  const ops = Object.entries(CONDITION_OP_LABELS).map(([value, label]) => ({ value, label }));
  return { questions, answers, ops };
}

const short = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

function answerLabel(q: QuestionDef, code: string): string {
  const o = q.options.find((x) => x.code === code);
  return o ? textIn(o.label, 'en') || code : code;
}

/** A condition in plain words for the survey page: `Shown when "use" is Often (often)`. */
export function describeCondition(c: Condition | null, questions: QuestionDef[]): string | null {
  if (!c) return null;
  const parts = c.rules.map((r) => {
    const q = questions.find((x) => x.code === r.question);
    const who = r.item ? `"${r.question}" (${r.item})` : `"${r.question}"`;
    const label = (v: string) =>
      q ? `${answerLabel(q, v)}${answerLabel(q, v) === v ? '' : ` (${v})`}` : v;
    const value = Array.isArray(r.value)
      ? r.value.map(label).join(' or ')
      : r.value === undefined
        ? ''
        : label(String(r.value));
    return `${who} ${CONDITION_OP_LABELS[r.op]}${value ? ` ${value}` : ''}`;
  });
  return `Shown only when ${parts.join(c.combine === 'all' ? ' and ' : ' or ')}`;
}
