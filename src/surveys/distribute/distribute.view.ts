import type { SurveyRow } from '../../db/schema';
import { formatPhone } from '../../participants/profile/profile.schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../../studies/city-time';
import { audienceChoice, GROUP_LABELS, queryStringOf, STUDY_GROUPS } from './audience';
import type { AudiencePerson, surveyCallList } from './distribute.queries';
import type { SendResult, SurveySender } from './send.service';

/* View models of the send page and the survey's call list (staff pages: English). */

/** People listed in a preview (the counts are whole; the lists stop here). */
export const PREVIEW_LIST = 200;

const nameOf = (p: { first_name: string | null; last_name: string | null }) =>
  [p.first_name, p.last_name].filter(Boolean).join(' ') || '(no name)';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const CALL_REASON: Record<string, string> = {
  phone: 'Prefers a phone call',
  text: 'Prefers a text message',
};
const reasonFor = (p: Pick<AudiencePerson, 'email' | 'contact_preference'>) =>
  (p.contact_preference && CALL_REASON[p.contact_preference]) || (p.email ? '' : 'No email');

export function sendView(v: {
  survey: SurveyRow;
  study: { id: number; title: string } | undefined;
  query: Record<string, unknown>;
  studies: { id: number; title: string; status: string }[];
  preview: Awaited<ReturnType<SurveySender['preview']>> | null;
  counts: Awaited<ReturnType<SurveySender['counts']>>;
  ref: ReferenceData;
}) {
  const languageName = new Map(v.ref.languages.map((l) => [l.code, l.english_name]));
  const person = (p: AudiencePerson) => ({
    name: nameOf(p),
    href: `/staff/participants/${p.id}`,
    language: languageName.get(p.language) ?? p.language,
    phone: formatPhone(p.phone) || 'No phone number',
    reason: reasonFor(p),
  });
  const choice = audienceChoice(v.query, v.survey.study_id);
  return {
    survey: v.survey,
    surveyStudy: v.study,
    isOpen: v.survey.status === 'open',
    choice,
    audienceOptions: [
      { value: 'study', label: 'People of a study' },
      { value: 'pool', label: 'A pool filter', hint: 'The Pool page’s filters, below' },
    ],
    studyOptions: v.studies.map((s) => ({
      value: String(s.id),
      label: `${s.title} (${s.status})`,
    })),
    groupOptions: STUDY_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] })),
    preview: v.preview && {
      total: v.preview.total,
      alreadySent: v.preview.alreadySent,
      byEmail: v.preview.byEmail.length,
      byPhone: v.preview.byPhone.length,
      emailPeople: v.preview.byEmail.slice(0, PREVIEW_LIST).map(person),
      phonePeople: v.preview.byPhone.slice(0, PREVIEW_LIST).map(person),
      listLimit: PREVIEW_LIST,
    },
    sendQuery: queryStringOf({ ...v.query, audience: choice.kind }),
    counts: v.counts,
  };
}

export function sendSummary(s: SendResult): string {
  const parts = [
    `Sent by email to ${plural(s.byEmail, 'person', 'people')}`,
    `${plural(s.byPhone, 'person', 'people')} added to the survey’s call list`,
  ];
  if (s.alreadySent)
    parts.push(`${plural(s.alreadySent, 'person', 'people')} already had it and were skipped`);
  return `${parts.join('; ')}.`;
}

export function surveyCallListView(
  surveyId: number,
  people: Awaited<ReturnType<typeof surveyCallList>>,
  zone: string,
) {
  return people.map((p) => ({
    name: nameOf(p),
    href: `/staff/participants/${p.participant_id}`,
    phone: formatPhone(p.phone) || 'No phone number',
    language: p.language_name ?? p.language,
    reason: reasonFor({ email: null, contact_preference: p.contact_preference }),
    sent: formatCityTime(p.sent_at, zone),
    entryHref: `/staff/surveys/${surveyId}/entry?participant=${p.participant_id}`,
  }));
}
