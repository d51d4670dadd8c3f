import type { StudyRow } from '../../db/schema';
import { requestTypeLabel } from '../../reference/reference.labels';
import type { ReferenceData } from '../../reference/reference.queries';
import type { Values } from '../../web/forms';
import type { StudyLists } from '../studies.queries';
import type { StaffMember } from '../studies.service';
import {
  DEFAULT_REMINDER_OFFSETS,
  INCENTIVE_KINDS,
  INCENTIVE_KIND_LABELS,
  STAGES,
  STAGE_LABELS,
  STATUS_ACTIONS,
  STUDY_STATUSES,
  STUDY_STATUS_LABELS,
  dollars,
  isFrozen,
  nextStatuses,
  type TeamRole,
} from '../study.rules';

const ROLE_NAMES: Record<string, string> = {
  admin: 'Admin',
  organizer: 'Organizer',
  facilitator: 'Facilitator',
  analyst: 'Analyst',
};

/** Option lists of the study form (English). */
export function studyOptions(ref: ReferenceData, staff: StaffMember[]) {
  return {
    requestTypes: ref.requestTypes.map((r) => ({
      value: r.name,
      label: requestTypeLabel(ref, r.name, 'en'),
    })),
    stages: STAGES.map((value) => ({ value, label: STAGE_LABELS[value] })),
    incentiveKinds: INCENTIVE_KINDS.map((value) => ({
      value,
      label: INCENTIVE_KIND_LABELS[value],
    })),
    staff: staff.map((s) => ({ value: String(s.id), label: `${s.name} (${ROLE_NAMES[s.role]})` })),
  };
}

export const offsetsText = (json: string) => (JSON.parse(json) as number[]).join(', ');

/** The form's values for a new study: reminders at 48 and 2 hours, the author as organizer. */
export function newStudyValues(staffId: number): Values {
  return {
    reminderOffsets: DEFAULT_REMINDER_OFFSETS.join(', '),
    organizers: [String(staffId)],
  };
}

/** The form's values from a stored study. */
export function studyValues(study: StudyRow, lists: StudyLists): Values {
  const team = (role: TeamRole) =>
    lists.team.filter((m) => m.role === role).map((m) => String(m.staffId));
  return {
    title: study.title,
    purpose: study.purpose,
    requestTypes: lists.requestTypes,
    stages: lists.stages,
    targetParticipants: String(study.target_participants),
    incentiveAmount: String(study.incentive_cents / 100),
    incentiveKind: study.incentive_kind,
    reminderOffsets: offsetsText(study.reminder_offsets),
    organizers: team('organizer'),
    facilitators: team('facilitator'),
    noteTakers: team('note_taker'),
  };
}

const hours = (h: number) => `${h} hour${h === 1 ? '' : 's'}`;

/** What the study page says about a study. */
export function studyFacts(
  study: StudyRow,
  lists: StudyLists,
  ref: ReferenceData,
  names: Map<number, string>,
) {
  const team = (role: TeamRole) =>
    lists.team
      .filter((m) => m.role === role)
      .map((m) => names.get(m.staffId) ?? 'Former staff member');
  const offsets = JSON.parse(study.reminder_offsets) as number[];
  return {
    statusLabel: STUDY_STATUS_LABELS[study.status],
    requestTypes: lists.requestTypes.map((n) => requestTypeLabel(ref, n, 'en')),
    stages: lists.stages.map((s) => STAGE_LABELS[s as keyof typeof STAGE_LABELS] ?? s),
    incentive: `${dollars(study.incentive_cents)} ${INCENTIVE_KIND_LABELS[study.incentive_kind].toLowerCase()}`,
    reminders: `${offsets.map(hours).join(' and ')} before each session`,
    organizers: team('organizer'),
    facilitators: team('facilitator'),
    noteTakers: team('note_taker'),
    frozen: isFrozen(study.status),
    actions: nextStatuses(study.status).map((to) => ({ to, label: STATUS_ACTIONS[to] })),
  };
}

/** The list's status filter, each with its count and link. */
export function statusFilter(
  current: string | null,
  counts: Partial<Record<string, number>>,
): { label: string; href: string; n: number; current: boolean }[] {
  const total = Object.values(counts).reduce((a: number, b) => a + (b ?? 0), 0);
  return [
    { label: 'All', href: '/staff/studies', n: total, current: current === null },
    ...STUDY_STATUSES.map((s) => ({
      label: STUDY_STATUS_LABELS[s],
      href: `/staff/studies?status=${s}`,
      n: counts[s] ?? 0,
      current: current === s,
    })),
  ];
}
