import type { PageSpec, QuestionSpec } from '../model/spec';

/**
 * Whether a change to a version's pages is structural: anything a stored answer depends on.
 * Wording (page titles, question labels and help, option and statement labels) and the
 * shared-vocabulary tags can be corrected in place on a version that has responses; everything
 * else (adding, removing, moving or retyping a question, an option or a statement, a code,
 * "required", "prefer not to say", "other", the settings, a condition) is structural and, once
 * the version has responses, makes a new version.
 */
export function isStructural(before: PageSpec[], after: PageSpec[]): boolean {
  return JSON.stringify(skeleton(before)) !== JSON.stringify(skeleton(after));
}

/** A version's pages without their wording and tags: what answers depend on. */
export function skeleton(pages: PageSpec[]): unknown {
  return pages.map((p) => ({
    condition: p.condition ?? null,
    questions: p.questions.map(questionSkeleton),
  }));
}

function questionSkeleton(q: QuestionSpec): unknown {
  const item = (o: { code: string; isOther?: boolean }) => [o.code, !!o.isOther];
  return {
    code: q.code,
    type: q.type,
    required: !!q.required,
    preferNot: !!q.preferNot,
    settings: sorted(q.settings ?? {}),
    condition: q.condition ?? null,
    options: (q.options ?? []).map(item),
    statements: (q.statements ?? []).map(item),
  };
}

const sorted = (o: object) =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
