import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../city-time';
import type { RegistrationService } from './registration.service';

type RosterRow = Awaited<ReturnType<RegistrationService['roster']>>[number];

const STATUS_LABELS: Record<string, string> = {
  confirmed: 'Confirmed',
  waitlisted: 'Waitlisted',
  cancelled: 'Cancelled',
  attended: 'Attended',
  no_show: 'No-show',
};

const CHANNEL_LABELS: Record<string, string> = { web: 'Web', phone: 'Phone', staff: 'Staff' };

/** A person's name as staff see it on a roster (a deleted person by their public id). */
export function rosterName(p: {
  status: string;
  public_id: string;
  first_name: string | null;
  last_name: string | null;
}): string {
  if (p.status === 'deleted') return `Deleted participant ${p.public_id}`;
  return [p.first_name, p.last_name].filter(Boolean).join(' ') || `Participant ${p.public_id}`;
}

/** The session page's lists: who holds a seat and who waits, in order. */
export function rosterView(rows: RosterRow[], ref: ReferenceData, zone: string) {
  const item = (r: RosterRow) => ({
    id: r.id,
    participantId: r.participant_id,
    name: rosterName(r.person),
    language:
      ref.languages.find((l) => l.code === r.person.language)?.english_name ?? r.person.language,
    accommodations: r.accommodations,
    channel: CHANNEL_LABELS[r.channel] ?? r.channel,
    since: formatCityTime(r.created_at, zone),
    status: STATUS_LABELS[r.status] ?? r.status,
  });
  return {
    seated: rows.filter((r) => r.status !== 'waitlisted').map(item),
    waitlist: rows.filter((r) => r.status === 'waitlisted').map(item),
  };
}
