import { ValidationError } from '../../errors';
import type { Condition } from '../model/conditions';
import {
  structureProblems,
  type OptionSpec,
  type PageSpec,
  type QuestionSpec,
} from '../model/spec';

/*
 * The builder's changes as pure functions of a version's pages (PageSpec[] → PageSpec[]). Each
 * refuses what it cannot do with a ValidationError naming the form field; the service then checks
 * the would-be result with `newProblems` and stores it.
 */

export type Direction = 'up' | 'down';

const copy = (pages: PageSpec[]): PageSpec[] => structuredClone(pages);

/** Where a question is: its page's index and its own index on that page. */
export function findQuestion(pages: PageSpec[], code: string): { page: number; index: number } {
  for (const [page, p] of pages.entries()) {
    const index = p.questions.findIndex((q) => q.code === code);
    if (index >= 0) return { page, index };
  }
  throw new ValidationError({ code: `There is no question with the code "${code}"` });
}

function swap<T>(list: T[], i: number, direction: Direction, field: string, what: string): T[] {
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= list.length)
    throw new ValidationError({
      [field]: `The ${what} is already the ${direction === 'up' ? 'first' : 'last'}`,
    });
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/**
 * Questions whose condition (or whose page's condition) uses `code`, on pages after `fromPage`
 * or anywhere when it is undefined: what removing or moving it would break.
 */
export function conditionsUsing(pages: PageSpec[], code: string): string[] {
  const uses = (c: Condition | null | undefined) => !!c?.rules.some((r) => r.question === code);
  const found: string[] = [];
  pages.forEach((p, i) => {
    if (uses(p.condition)) found.push(`the condition of page ${i + 1}`);
    for (const q of p.questions)
      if (uses(q.condition)) found.push(`the condition of question "${q.code}"`);
  });
  return found;
}

/** Problems of the would-be result that the current pages do not have (an unfinished question's "give at least two options" is left for opening). */
export function newProblems(before: PageSpec[], after: PageSpec[]): string[] {
  const had = new Set(structureProblems(before));
  return structureProblems(after).filter((p) => !had.has(p) && !/: give at least /.test(p));
}

export const addPage = (pages: PageSpec[]): PageSpec[] => [...copy(pages), { questions: [] }];

export function setPageTitle(pages: PageSpec[], page: number, title: PageSpec['title']) {
  const out = copy(pages);
  out[page].title = title;
  return out;
}

export function movePage(pages: PageSpec[], page: number, direction: Direction): PageSpec[] {
  return swap(copy(pages), page, direction, 'direction', 'page');
}

/** Deletes a page and its questions; a question another condition uses is refused by name. */
export function deletePage(pages: PageSpec[], page: number): PageSpec[] {
  if (pages.length === 1)
    throw new ValidationError({ confirm: 'A survey keeps at least one page' });
  const out = copy(pages);
  const [gone] = out.splice(page, 1);
  for (const q of gone.questions) refuseIfUsed(out, q.code, 'confirm', 'page');
  return out;
}

export function setCondition(
  pages: PageSpec[],
  target: { page: number } | { question: string },
  condition: Condition | null,
): PageSpec[] {
  const out = copy(pages);
  if ('page' in target) out[target.page].condition = condition;
  else {
    const at = findQuestion(out, target.question);
    out[at.page].questions[at.index].condition = condition;
  }
  return out;
}

function refuseIfUsed(pages: PageSpec[], code: string, field: string, what: string) {
  const users = conditionsUsing(pages, code);
  if (users.length)
    throw new ValidationError({
      [field]: `The ${what} cannot be removed: ${users.join(' and ')} ${users.length === 1 ? 'uses' : 'use'} the answer to "${code}". Change that condition first.`,
    });
}

export function addQuestion(pages: PageSpec[], page: number, q: QuestionSpec): PageSpec[] {
  if (pages.some((p) => p.questions.some((x) => x.code === q.code)))
    throw new ValidationError({ code: `The code "${q.code}" is already used in this survey` });
  const out = copy(pages);
  out[page].questions.push(q);
  return out;
}

/** Replaces a question's own fields (its options, statements and condition stay). */
export function updateQuestion(
  pages: PageSpec[],
  code: string,
  fields: Omit<QuestionSpec, 'options' | 'statements' | 'condition' | 'type'>,
): PageSpec[] {
  const out = copy(pages);
  const at = findQuestion(out, code);
  if (fields.code !== code) {
    if (pages.some((p) => p.questions.some((x) => x.code === fields.code)))
      throw new ValidationError({
        code: `The code "${fields.code}" is already used in this survey`,
      });
    const users = conditionsUsing(out, code);
    if (users.length)
      throw new ValidationError({
        code: `The code cannot change: ${users.join(' and ')} ${users.length === 1 ? 'uses' : 'use'} "${code}"`,
      });
  }
  const q = out[at.page].questions[at.index];
  out[at.page].questions[at.index] = { ...q, ...fields };
  return out;
}

export function moveQuestion(pages: PageSpec[], code: string, direction: Direction): PageSpec[] {
  const out = copy(pages);
  const at = findQuestion(out, code);
  out[at.page].questions = swap(
    out[at.page].questions,
    at.index,
    direction,
    'direction',
    'question',
  );
  return out;
}

export function moveQuestionToPage(pages: PageSpec[], code: string, page: number): PageSpec[] {
  const out = copy(pages);
  const at = findQuestion(out, code);
  if (at.page === page)
    throw new ValidationError({ toPage: `The question is already on page ${page + 1}` });
  const [q] = out[at.page].questions.splice(at.index, 1);
  out[page].questions.push(q);
  return out;
}

export function deleteQuestion(pages: PageSpec[], code: string): PageSpec[] {
  const out = copy(pages);
  const at = findQuestion(out, code);
  out[at.page].questions.splice(at.index, 1);
  refuseIfUsed(out, code, 'confirm', 'question');
  return out;
}

/** A question's options, or its statements for an agreement grid (a type has one or the other). */
type ItemList = 'options' | 'statements';

function withItems(
  pages: PageSpec[],
  code: string,
  list: ItemList,
  change: (items: OptionSpec[]) => OptionSpec[],
): PageSpec[] {
  const out = copy(pages);
  const at = findQuestion(out, code);
  const q = out[at.page].questions[at.index];
  q[list] = change(q[list] ?? []);
  return out;
}

function indexOf(items: OptionSpec[], code: string): number {
  const i = items.findIndex((o) => o.code === code);
  if (i < 0) throw new ValidationError({ code: `There is no option with the code "${code}"` });
  return i;
}

export const addItem = (pages: PageSpec[], code: string, list: ItemList, item: OptionSpec) =>
  withItems(pages, code, list, (items) => {
    if (items.some((o) => o.code === item.code))
      throw new ValidationError({
        code: `The code "${item.code}" is already used in this question`,
      });
    return [...items, item];
  });

export const updateItem = (
  pages: PageSpec[],
  code: string,
  list: ItemList,
  itemCode: string,
  item: OptionSpec,
) =>
  withItems(pages, code, list, (items) => {
    const i = indexOf(items, itemCode);
    if (item.code !== itemCode && items.some((o) => o.code === item.code))
      throw new ValidationError({
        code: `The code "${item.code}" is already used in this question`,
      });
    if (item.code !== itemCode && usesAnswer(pages, code, itemCode))
      throw new ValidationError({
        code: `The code cannot change: a condition looks for the answer "${itemCode}"`,
      });
    return items.map((o, j) => (j === i ? item : o));
  });

export const moveItem = (
  pages: PageSpec[],
  code: string,
  list: ItemList,
  itemCode: string,
  direction: Direction,
) =>
  withItems(pages, code, list, (items) =>
    swap(items, indexOf(items, itemCode), direction, 'direction', 'option'),
  );

export const deleteItem = (pages: PageSpec[], code: string, list: ItemList, itemCode: string) =>
  withItems(pages, code, list, (items) => {
    const i = indexOf(items, itemCode);
    if (usesAnswer(pages, code, itemCode))
      throw new ValidationError({
        confirm: `The option cannot be removed: a condition looks for the answer "${itemCode}"`,
      });
    return items.filter((_, j) => j !== i);
  });

/** Whether a condition names this answer (or statement) of the question. */
function usesAnswer(pages: PageSpec[], code: string, value: string): boolean {
  const all = pages.flatMap((p) => [p.condition, ...p.questions.map((q) => q.condition)]);
  return all.some((c) =>
    c?.rules.some(
      (r) =>
        r.question === code &&
        (r.item === value ||
          r.value === value ||
          (Array.isArray(r.value) && r.value.includes(value))),
    ),
  );
}
