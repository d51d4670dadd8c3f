import type { Request } from 'express';
import { NotFoundError } from '../../errors';
import type { ReferenceData } from '../../reference/reference.queries';
import { idFrom } from '../../web/params';
import type { BuilderSurvey, SurveyBuilder } from './builder.service';

/** What the builder's routers share. */
export interface BuilderDeps {
  builder: SurveyBuilder;
  ref: ReferenceData;
  cityTimeZone: string;
}

export const surveyIdOf = (req: Request) => idFrom(req.params.id);

/** A page's index from its number in the URL (1-based), or 404. */
export function pageIndexOf(req: Request, s: Pick<BuilderSurvey, 'pages'>): number {
  const n = idFrom(req.params.page) - 1;
  if (n >= s.pages.length) throw new NotFoundError();
  return n;
}

/** A question of the newest version by its code, or 404. */
export function questionOf(req: Request, s: Pick<BuilderSurvey, 'def'>) {
  const code = String(req.params.code);
  for (const [page, p] of s.def.pages.entries()) {
    const q = p.questions.find((x) => x.code === code);
    if (q) return { q, page };
  }
  throw new NotFoundError();
}

/** An option (or a grid's statement) of a question by its code, or 404. */
export function optionOf(req: Request, q: ReturnType<typeof questionOf>['q']) {
  const list = q.type === 'agreement_grid' ? 'statements' : 'options';
  const option = q[list].find((o) => o.code === String(req.params.option));
  if (!option) throw new NotFoundError();
  return { option, list } as const;
}
