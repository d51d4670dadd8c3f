import type { CityNames } from '../../config';
import type { ReferenceData } from '../../reference/reference.queries';
import type { PageSpec, SurveySpec } from '../model/spec';
import type { Translated } from '../model/texts';
import { a11Template, type A11Choices, type CxQuestion } from './a11.template';
import { postSessionTemplate } from './post-session.template';
import { screenerTemplate } from './screener.template';

/** What every template is built from: the city's reference data and names. */
export interface TemplateContext {
  ref: Pick<ReferenceData, 'requestTypes' | 'districts' | 'languages'>;
  names: CityNames;
  cx: CxQuestion[];
}

export const TEMPLATE_SLUGS = ['a11', 'screener', 'post-session'] as const;
export type TemplateSlug = (typeof TEMPLATE_SLUGS)[number];

export interface SurveyTemplate {
  slug: TemplateSlug;
  /** Staff's name and description (staff pages are English). */
  name: string;
  description: string;
  /** Whether creating it asks for the service and the life-cycle stage. */
  asksService: boolean;
  build(c: TemplateContext, choices: A11Choices): SurveySpec;
}

/** The templates shipped with the app, in the order the templates page lists them. */
export const TEMPLATES: readonly SurveyTemplate[] = [
  {
    slug: 'a11',
    name: 'Customer experience (OMB A-11 §280)',
    description:
      'The seven federal customer-experience statements (satisfaction, confidence, effectiveness, ease, efficiency, equity, employee helpfulness) on the 5-point agreement scale about one service at one life-cycle stage, then "what worked well" and "what could be better". Anonymous; 9 questions on 2 pages.',
    asksService: true,
    build: (c, choices) => a11Template(c, choices),
  },
  {
    slug: 'screener',
    name: 'Usage screener',
    description:
      'How often someone used the 311 service, through which channels, for which request types and when last; their language and council district. The codes match the panel profile, so answers can be compared and used as pool filters. 6 questions on 3 pages; the middle page only for those who used it.',
    asksService: false,
    build: (c) => screenerTemplate(c),
  },
  {
    slug: 'post-session',
    name: 'After a focus group',
    description:
      'Feedback from those who attended a session: the session overall, feeling heard, accessibility of the room or video call (and what got in the way), taking part again, what to change, likelihood to recommend taking part (0–10). 7 questions on 2 pages.',
    asksService: false,
    build: (c) => postSessionTemplate(c),
  },
];

export const templateBySlug = (slug: string): SurveyTemplate | undefined =>
  TEMPLATES.find((t) => t.slug === slug);

const keep = (t: Translated | undefined, languages: string[]): Translated =>
  Object.fromEntries(Object.entries(t ?? {}).filter(([lang]) => languages.includes(lang)));

/** The spec offering only `languages` (in the template's order), texts of the others left out. */
export function onlyLanguages(spec: SurveySpec, languages: string[]): SurveySpec {
  const langs = spec.languages.filter((l) => languages.includes(l));
  const pages: PageSpec[] = spec.pages.map((p) => ({
    ...p,
    title: keep(p.title, langs),
    questions: p.questions.map((q) => ({
      ...q,
      label: keep(q.label, langs),
      help: keep(q.help, langs),
      options: q.options?.map((o) => ({ ...o, label: keep(o.label, langs) })),
      statements: q.statements?.map((o) => ({ ...o, label: keep(o.label, langs) })),
    })),
  }));
  return {
    ...spec,
    languages: langs,
    texts: {
      title: keep(spec.texts.title, langs),
      introduction: keep(spec.texts.introduction, langs),
      thankYou: keep(spec.texts.thankYou, langs),
    },
    pages,
  };
}
