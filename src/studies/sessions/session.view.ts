import type { StudyRow, StudySessionRow } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import type { Values } from '../../web/forms';
import { cityInputValue, formatCityTime, occurrenceNote } from '../city-time';
import type { StudyLists } from '../studies.queries';
import { INCENTIVE_KINDS, INCENTIVE_KIND_LABELS, dollars, type TeamRole } from '../study.rules';
import { MODE_LABELS, SESSION_MODES } from './session.rules';

const languageName = (ref: ReferenceData, code: string) =>
  ref.languages.find((l) => l.code === code)?.english_name ?? code;

/** Option lists of the session form; facilitator and note-taker come from the study's team. */
export function sessionOptions(ref: ReferenceData, lists: StudyLists, names: Map<number, string>) {
  const team = (role: TeamRole) =>
    lists.team
      .filter((m) => m.role === role)
      .map((m) => ({ value: String(m.staffId), label: names.get(m.staffId) ?? 'Former staff' }));
  return {
    modes: SESSION_MODES.map((value) => ({ value, label: MODE_LABELS[value] })),
    stepFree: [
      { value: 'yes', label: 'Yes, step-free entrance' },
      { value: 'no', label: 'No' },
    ],
    languages: ref.languages.map((l) => ({ value: l.code, label: l.english_name })),
    facilitators: team('facilitator'),
    noteTakers: team('note_taker'),
    incentiveKinds: INCENTIVE_KINDS.map((value) => ({
      value,
      label: INCENTIVE_KIND_LABELS[value],
    })),
  };
}

/** A new session starts with the study's incentive. */
export function newSessionValues(study: StudyRow): Values {
  return {
    durationMinutes: '90',
    extraSeats: '0',
    incentiveAmount: String(study.incentive_cents / 100),
    incentiveKind: study.incentive_kind,
  };
}

export function sessionValues(s: StudySessionRow, interpretation: string[], zone: string): Values {
  const str = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    startsAt: cityInputValue(s.starts_at, zone),
    durationMinutes: String(s.duration_minutes),
    mode: s.mode,
    placeName: str(s.place_name),
    address: str(s.address),
    stepFree: s.step_free === null ? '' : s.step_free ? 'yes' : 'no',
    parking: str(s.parking),
    transit: str(s.transit),
    videoUrl: str(s.video_url),
    language: s.language,
    interpretation,
    capacity: String(s.capacity),
    extraSeats: String(s.extra_seats),
    registrationDeadline: cityInputValue(s.registration_deadline, zone),
    facilitatorId: str(s.facilitator_id),
    noteTakerId: str(s.note_taker_id),
    incentiveAmount: String(s.incentive_cents / 100),
    incentiveKind: s.incentive_kind,
  };
}

/** How staff read a session: every time in the city's zone with its abbreviation. */
export function sessionSummary(
  s: StudySessionRow & { interpretation: string[] },
  ref: ReferenceData,
  names: Map<number, string>,
  zone: string,
) {
  const person = (id: number | null) =>
    id === null ? 'Not chosen yet' : (names.get(id) ?? 'Former staff member');
  return {
    id: s.id,
    starts: formatCityTime(s.starts_at, zone),
    startNote: occurrenceNote(s.starts_at, zone),
    ends: formatCityTime(
      new Date(Date.parse(s.starts_at) + s.duration_minutes * 60_000).toISOString(),
      zone,
    ),
    duration: `${s.duration_minutes} minutes`,
    mode: MODE_LABELS[s.mode],
    place: s.place_name,
    address: s.address,
    stepFree: s.step_free === null ? null : s.step_free ? 'Yes' : 'No',
    parking: s.parking,
    transit: s.transit,
    videoUrl: s.video_url,
    language: languageName(ref, s.language),
    interpretation: s.interpretation.map((c) => languageName(ref, c)),
    seats: `${s.capacity} + ${s.extra_seats} extra`,
    seatsTaken: s.seats_taken,
    deadline: formatCityTime(s.registration_deadline, zone),
    facilitator: person(s.facilitator_id),
    noteTaker: person(s.note_taker_id),
    incentive: `${dollars(s.incentive_cents)} ${INCENTIVE_KIND_LABELS[s.incentive_kind].toLowerCase()}`,
    cancelled: s.status === 'cancelled',
  };
}
