import { formatCityTime } from '../city-time';
import { MODE_LABELS } from '../sessions/session.rules';
import type { CallToMake } from './reminders.queries';

/** How staff read one call to make: who, how to reach them, about which session and why. */
export function callView(c: CallToMake, zone: string) {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ') || 'No name given';
  return {
    id: c.id,
    participantId: c.participant_id,
    name,
    phone: c.phone,
    language: c.language_name ?? c.language,
    why:
      c.kind === 'session_cancelled'
        ? 'Session cancelled: tell them, and offer the other sessions'
        : `Reminder, ${c.offset_hours} hours before`,
    cancelled: c.kind === 'session_cancelled',
    study: c.study_title,
    studyId: c.study_id,
    sessionId: c.session_id,
    when: formatCityTime(c.starts_at, zone),
    mode: MODE_LABELS[c.mode],
    place: c.place_name,
  };
}
