import { z } from 'zod';
import type { QuestionDef } from './definition';
import { hasOptions, isAnswerable, scalePoints } from './question-types';

/**
 * Show a question or a page only when earlier answers meet a condition: rules combined with
 * all/any. A rule names an earlier question by code (and a grid's statement by `item`).
 * Evaluation is pure; `conditionProblems` is what the builder refuses.
 */
export const CONDITION_OPS = [
  'equals',
  'one_of',
  'not_equals',
  'answered',
  'not_answered',
  'lt',
  'lte',
  'gt',
  'gte',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export const CONDITION_OP_LABELS: Record<ConditionOp, string> = {
  equals: 'is',
  one_of: 'is one of',
  not_equals: 'is not',
  answered: 'is answered',
  not_answered: 'is not answered',
  lt: 'is less than',
  lte: 'is at most',
  gt: 'is more than',
  gte: 'is at least',
};

const ruleSchema = z.object({
  question: z.string().min(1),
  item: z.string().optional(),
  op: z.enum(CONDITION_OPS),
  /** equals / not_equals: one code; one_of: codes; lt…gte: a number. */
  value: z.union([z.string(), z.number(), z.array(z.string())]).optional(),
});
export const conditionSchema = z.object({
  combine: z.enum(['all', 'any']),
  rules: z.array(ruleSchema).min(1),
});
export type ConditionRule = z.infer<typeof ruleSchema>;
export type Condition = z.infer<typeof conditionSchema>;

/** JSON from the database; a condition that does not parse is treated as none. */
export function parseCondition(json: string | null | undefined): Condition | null {
  if (!json) return null;
  try {
    const parsed = conditionSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * What a condition can see of an answer: the codes chosen (one for a single choice, several
 * for a multi-select, the text for text answers), and the number for numeric answers. A
 * question never answered, skipped, hidden or answered "prefer not to say" has no values.
 */
export interface SeenAnswer {
  values: string[];
  number: number | null;
}
/** Answers by question code; a grid's statements as `code.item`. */
export type SeenAnswers = ReadonlyMap<string, SeenAnswer>;

const keyOf = (r: ConditionRule) => (r.item ? `${r.question}.${r.item}` : r.question);

function ruleHolds(r: ConditionRule, answers: SeenAnswers): boolean {
  const a = answers.get(keyOf(r));
  const given = !!a && (a.values.length > 0 || a.number !== null);
  switch (r.op) {
    case 'answered':
      return given;
    case 'not_answered':
      return !given;
    case 'equals':
      return given && a.values.includes(String(r.value));
    case 'not_equals':
      // "is not X" holds for someone who answered something else, not for someone who didn't answer.
      return given && !a.values.includes(String(r.value));
    case 'one_of': {
      const wanted = Array.isArray(r.value) ? r.value : [String(r.value)];
      return given && a.values.some((v) => wanted.includes(v));
    }
    default: {
      const n = a?.number ?? null;
      const bound = Number(r.value);
      if (n === null || !Number.isFinite(bound)) return false;
      if (r.op === 'lt') return n < bound;
      if (r.op === 'lte') return n <= bound;
      if (r.op === 'gt') return n > bound;
      return n >= bound;
    }
  }
}

/** Whether the condition holds; no condition always holds. */
export function conditionHolds(c: Condition | null, answers: SeenAnswers): boolean {
  if (!c) return true;
  return c.combine === 'all'
    ? c.rules.every((r) => ruleHolds(r, answers))
    : c.rules.some((r) => ruleHolds(r, answers));
}

/**
 * Why the builder refuses a condition, in plain English (staff pages), or [] when it is sound:
 * every rule names a question that exists and comes before `before` (a question's position in
 * survey order, or for a page the position of its first question), can be answered, and the
 * rule's value fits that question (known option codes, a number for comparisons).
 */
export function conditionProblems(
  c: Condition,
  questions: readonly QuestionDef[],
  before: number,
): string[] {
  const problems: string[] = [];
  const position = new Map(questions.map((q, i) => [q.code, i]));
  for (const r of c.rules) {
    const i = position.get(r.question);
    if (i === undefined) {
      problems.push(`There is no question with the code "${r.question}"`);
      continue;
    }
    const q = questions[i];
    if (i >= before) {
      problems.push(
        `"${r.question}" is not on an earlier page: a condition can only use answers from earlier pages`,
      );
      continue;
    }
    if (!isAnswerable(q.type)) {
      problems.push(`"${r.question}" is information text and has no answer`);
      continue;
    }
    if (r.item !== undefined && !q.statements.some((s) => s.code === r.item))
      problems.push(`"${r.question}" has no statement "${r.item}"`);
    if (q.type === 'agreement_grid' && r.item === undefined && needsValue(r.op))
      problems.push(`Choose which statement of "${r.question}" the condition uses`);
    problems.push(...valueProblems(r, q));
  }
  return problems;
}

const needsValue = (op: ConditionOp) => op !== 'answered' && op !== 'not_answered';
const isComparison = (op: ConditionOp) =>
  op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte';

function valueProblems(r: ConditionRule, q: QuestionDef): string[] {
  if (!needsValue(r.op)) return [];
  if (isComparison(r.op)) {
    return typeof r.value === 'number' ||
      (typeof r.value === 'string' && r.value.trim() !== '' && Number.isFinite(Number(r.value)))
      ? []
      : [`Enter a number to compare "${r.question}" with`];
  }
  const values = Array.isArray(r.value) ? r.value : r.value === undefined ? [] : [String(r.value)];
  if (!values.length) return [`Choose the answer of "${r.question}" the condition looks for`];
  const known = answerCodes(q);
  if (!known) return [];
  const unknown = values.filter((v) => !known.includes(v));
  return unknown.length
    ? [`"${r.question}" has no answer ${unknown.map((v) => `"${v}"`).join(', ')}`]
    : [];
}

/** The codes a question answers with, when they are a closed list (not text, numbers, ranks). */
export function answerCodes(q: QuestionDef): string[] | null {
  if (q.type === 'consent') return ['yes'];
  if (hasOptions(q.type)) return q.type === 'ranking' ? null : q.options.map((o) => o.code);
  const points = scalePoints(q.type);
  return points ? [...points] : null;
}
