import type { SurveyRow } from '../../db/schema';
import { LOCALES, LOCALE_NAMES } from '../../i18n/i18n';
import { requestTypeLabel } from '../../reference/reference.labels';
import type { ReferenceData } from '../../reference/reference.queries';
import { cityInputValue, formatCityTime } from '../../studies/city-time';
import { STAGES, STAGE_LABELS } from '../../studies/study.rules';
import type { Values } from '../../web/forms';
import { allQuestions } from '../model/definition';
import { QUESTION_TYPES, QUESTION_TYPE_LABELS } from '../model/question-types';
import { translationGaps } from '../model/spec';
import { textIn, type Translated } from '../model/texts';
import { langField, SURVEY_KIND_LABELS } from './builder.schema';
import { CAN_MOVE, type BuilderSurvey, type ChangeOutcome } from './builder.service';
import { describeCondition } from './condition-form';

/** Staff name of a language ("Spanish"), from the reference table, else its own name. */
export function languageName(ref: ReferenceData, code: string): string {
  return ref.languages.find((l) => l.code === code)?.english_name ?? LOCALE_NAMES[code] ?? code;
}

export const languageOptions = (ref: ReferenceData) =>
  LOCALES.map((value) => ({ value, label: languageName(ref, value) }));

export const STATUS_LABELS = { draft: 'Draft', open: 'Open', closed: 'Closed' } as const;
const STATUS_ACTIONS = { open: 'Open the survey', closed: 'Close the survey' } as const;

/** The flash message of a stored change. */
export function outcomeMessage(o: ChangeOutcome, done = 'Saved.'): string {
  return o.kind === 'new_version'
    ? `This change made version ${o.number}; the ${o.responses} ${o.responses === 1 ? 'response' : 'responses'} so far keep version ${o.previous}.`
    : done;
}

export function listRows(
  rows: Awaited<ReturnType<import('./builder.service').SurveyBuilder['list']>>['rows'],
  ref: ReferenceData,
) {
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: SURVEY_KIND_LABELS[r.kind],
    study: r.study_title ?? '—',
    status: STATUS_LABELS[r.status],
    languages: languagesText(ref, r.languages),
    version: Number(r.version ?? 1),
    responses: Number(r.responses ?? 0),
  }));
}

function languagesText(ref: ReferenceData, json: string): string {
  try {
    return (JSON.parse(json) as string[]).map((l) => languageName(ref, l)).join(', ');
  } catch {
    return '';
  }
}

export function statusFilter(current: string | null, counts: Partial<Record<string, number>>) {
  const total = Object.values(counts).reduce((a: number, b) => a + (b ?? 0), 0);
  return [
    { label: 'All', href: '/staff/surveys', n: total, current: current === null },
    ...(['draft', 'open', 'closed'] as const).map((s) => ({
      label: STATUS_LABELS[s],
      href: `/staff/surveys?status=${s}`,
      n: counts[s] ?? 0,
      current: current === s,
    })),
  ];
}

/** Option lists of the settings form. */
export const settingsOptions = (ref: ReferenceData, studies: { id: number; title: string }[]) => ({
  kinds: Object.entries(SURVEY_KIND_LABELS).map(([value, label]) => ({ value, label })),
  studies: studies.map((s) => ({ value: String(s.id), label: s.title })),
  languages: languageOptions(ref),
  respondents: [
    {
      value: 'identified',
      label: 'Identified',
      hint: 'Answers are linked to the person who was sent the link.',
    },
    {
      value: 'anonymous',
      label: 'Anonymous',
      hint: 'Answers are kept without the person’s identity.',
    },
  ],
});

export const newSurveyValues = (): Values => ({
  languages: ['en'],
  respondents: 'identified',
  kind: 'general',
});

export function settingsValues(s: BuilderSurvey, zone: string): Values {
  return {
    title: s.survey.title,
    kind: s.survey.kind,
    studyId: s.survey.study_id ? String(s.survey.study_id) : '',
    languages: s.languages,
    respondents: s.survey.anonymous ? 'anonymous' : 'identified',
    closesAt: s.survey.closes_at ? cityInputValue(s.survey.closes_at, zone) : '',
    responseLimit: s.survey.response_limit ? String(s.survey.response_limit) : '',
  };
}

/** Tag lists: services (request types or "311 in general"), stages, A-11 drivers. */
export function vocabularyOptions(ref: ReferenceData, drivers: string[]) {
  return {
    services: [
      { value: 'general', label: '311 in general' },
      ...ref.requestTypes.map((r) => ({
        value: r.name,
        label: requestTypeLabel(ref, r.name, 'en'),
      })),
    ],
    stages: STAGES.map((value) => ({ value, label: STAGE_LABELS[value] })),
    drivers: drivers.map((value) => ({
      value,
      label: value.charAt(0).toUpperCase() + value.slice(1),
    })),
  };
}

export const typeOptions = () =>
  QUESTION_TYPES.map((value) => ({ value, label: QUESTION_TYPE_LABELS[value] }));

/** Per-language fields of a form, side by side: `[{lang, name, field}]`. */
export const languageColumns = (ref: ReferenceData, languages: string[]) =>
  languages.map((lang) => ({ lang, name: languageName(ref, lang) }));

export { langField };

/** The `<name>_<lang>` fields of a form as a text per language (the survey's languages only). */
export function translated(
  input: Record<string, unknown>,
  name: string,
  languages: string[],
): Translated {
  const out: Translated = {};
  for (const l of languages) {
    const v = input[langField(name, l)];
    if (typeof v === 'string' && v) out[l] = v;
  }
  return out;
}

/** What the survey page shows. */
export function surveyPage(
  s: BuilderSurvey,
  versions: { number: number; created_at: string; responses: number }[],
  ref: ReferenceData,
  studies: { id: number; title: string }[],
  zone: string,
) {
  const questions = allQuestions(s.def);
  const tagText = (q: (typeof questions)[number]) =>
    [
      q.service
        ? q.service === 'general'
          ? '311 in general'
          : requestTypeLabel(ref, q.service, 'en')
        : null,
      q.stage ? (STAGE_LABELS[q.stage as keyof typeof STAGE_LABELS] ?? q.stage) : null,
      q.driver ? `Driver: ${q.driver}` : null,
    ].filter(Boolean) as string[];
  const gaps = translationGaps({ languages: s.languages, texts: s.texts, pages: s.pages });
  const survey: SurveyRow = s.survey;
  return {
    survey,
    facts: {
      status: STATUS_LABELS[survey.status],
      kind: SURVEY_KIND_LABELS[survey.kind],
      study: studies.find((x) => x.id === survey.study_id)?.title ?? 'None',
      languages: s.languages.map((l) => languageName(ref, l)).join(', '),
      respondents: survey.anonymous ? 'Anonymous' : 'Identified',
      closes: survey.closes_at ? formatCityTime(survey.closes_at, zone) : 'No close date',
      limit: survey.response_limit ? String(survey.response_limit) : 'No limit',
      version: s.version.number,
    },
    pages: s.def.pages.map((p, i) => ({
      number: i + 1,
      title: textIn(p.title, s.languages[0]) || null,
      condition: describeCondition(p.condition, questions),
      first: i === 0,
      last: i === s.def.pages.length - 1,
      questions: p.questions.map((q, j) => ({
        code: q.code,
        label: textIn(q.texts.label, s.languages[0]),
        type: QUESTION_TYPE_LABELS[q.type],
        required: q.required,
        condition: describeCondition(q.condition, questions),
        tags: tagText(q),
        first: j === 0,
        last: j === p.questions.length - 1,
      })),
    })),
    translations: s.languages.map((lang) => ({
      lang,
      name: languageName(ref, lang),
      missing: gaps[lang] ?? [],
    })),
    versions: versions.map((v) => ({ ...v, created: formatCityTime(v.created_at, zone) })),
    actions: CAN_MOVE[survey.status].map((to) => ({
      to,
      label: STATUS_ACTIONS[to as 'open' | 'closed'],
    })),
  };
}
