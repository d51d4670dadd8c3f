import type { StudyRow } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatPhone } from '../../participants/profile/profile.schema';
import { formatCityTime } from '../city-time';
import { CALL_OUTCOMES, CALL_OUTCOME_LABELS } from './invitations.schema';
import type { InvitationService } from './invitations.service';
import { OUTCOME_LABELS, type InvitationCounts, type InvitationOutcome } from './invitation.rules';

/*
 * View models of the invitation pages: the study's call list (the general call list's columns,
 * with a call's outcome and a session choice per person) and the study page's figures.
 */

const CONTACT_BY: Record<string, string> = {
  email: 'Email',
  phone: 'Phone call',
  text: 'Text message',
};

/** The study's call list: one row per person to call, the sessions to offer them. */
export async function callListView(
  invitations: InvitationService,
  study: StudyRow,
  ref: ReferenceData,
  zone: string,
) {
  const { people, sessions } = await invitations.callList(study.id);
  const languageNames = new Map(ref.languages.map((l) => [l.code, l.english_name]));
  return {
    outcomes: CALL_OUTCOMES.map((value) => ({ value, label: CALL_OUTCOME_LABELS[value] })),
    sessions: sessions.map((s) => {
      const left = Math.max(0, s.capacity + s.extra_seats - s.seats_taken);
      return {
        value: String(s.id),
        label: `${formatCityTime(s.starts_at, zone)} (${left ? `${left} ${left === 1 ? 'seat' : 'seats'} left` : 'full: waitlist'})`,
      };
    }),
    people: people.map((p) => ({
      invitationId: p.id,
      participantId: p.participant_id,
      name: [p.first_name, p.last_name].filter(Boolean).join(' ') || '(no name)',
      phone: formatPhone(p.phone) || 'No phone number',
      language: p.language_name ?? p.language,
      contactBy: p.contact_preference
        ? CONTACT_BY[p.contact_preference]
        : p.email
          ? ''
          : 'No email',
      interpreter: p.needs_interpreter
        ? `Yes${p.interpreter_language ? ` (${languageNames.get(p.interpreter_language) ?? p.interpreter_language})` : ''}`
        : 'No',
      invited: formatCityTime(p.invited_at, zone),
      lastCall: p.call_outcome
        ? `${CALL_OUTCOME_LABELS[p.call_outcome]}, ${formatCityTime(p.called_at!, zone)}, by ${p.called_by_name ?? 'a former staff member'}`
        : 'Not called yet',
    })),
  };
}

/** The study page's invitation figures, as rows of a small table. */
export function countRows(c: InvitationCounts) {
  return [
    { label: 'Invited by email', value: c.byEmail },
    { label: 'Invited by phone (call list)', value: c.byPhone },
    { label: 'Answered', value: c.answered },
    { label: 'Registered', value: c.registered },
    { label: 'Declined', value: c.declined },
    { label: 'Not answered', value: c.notAnswered },
  ];
}

export const outcomeLabel = (o: InvitationOutcome) => OUTCOME_LABELS[o];
