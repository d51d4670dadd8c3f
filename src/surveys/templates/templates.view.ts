import type { ReferenceData } from '../../reference/reference.queries';
import { GENERAL_SERVICE, STAGES } from './a11.template';
import type { SurveyTemplate } from './catalog';
import { TEMPLATE_LANGUAGES } from './texts';

/** Staff's words for the life-cycle stages. */
export const STAGE_HINTS: Record<(typeof STAGES)[number], { label: string; hint: string }> = {
  intake: { label: 'Intake', hint: 'Reporting the problem' },
  fulfillment: { label: 'Fulfillment', hint: 'The City doing the work' },
  communication: { label: 'Communication', hint: 'Hearing back' },
};

/** The template form's option lists (staff pages are English). */
export function templateOptions(
  ref: Pick<ReferenceData, 'requestTypes' | 'languages'>,
  studies: { id: number; title: string; status: string }[],
  service311: string,
) {
  const english = new Map(ref.languages.map((l) => [l.code, l.english_name]));
  return {
    services: [
      { value: GENERAL_SERVICE, label: `${service311} in general (311)` },
      ...ref.requestTypes.map((r) => ({ value: r.name, label: r.name })),
    ],
    stages: STAGES.map((s) => ({ value: s, ...STAGE_HINTS[s] })),
    studies: studies.map((s) => ({ value: String(s.id), label: `${s.title} (${s.status})` })),
    languages: TEMPLATE_LANGUAGES.map((code) => ({
      value: code,
      label: english.get(code) ?? code,
    })),
  };
}

/** What the form shows before anything is typed: the template's own title, every language. */
export function templateDefaults(t: SurveyTemplate, defaultTitle: string) {
  return {
    title: t.asksService ? 'Customer experience (A-11)' : defaultTitle,
    service: '',
    stage: '',
    studyId: '',
    languages: [...TEMPLATE_LANGUAGES],
  };
}

/** Field order of the form (the error summary follows it). */
export const TEMPLATE_FIELDS = ['title', 'service', 'stage', 'studyId', 'languages'];
