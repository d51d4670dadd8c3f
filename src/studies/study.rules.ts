/** A study's life: draft → recruiting → running → closed → archived, one step at a time. */
export const STUDY_STATUSES = ['draft', 'recruiting', 'running', 'closed', 'archived'] as const;
export type StudyStatus = (typeof STUDY_STATUSES)[number];

export const STUDY_STATUS_LABELS: Record<StudyStatus, string> = {
  draft: 'Draft',
  recruiting: 'Recruiting',
  running: 'Running',
  closed: 'Closed',
  archived: 'Archived',
};

/**
 * Where a study may go from each status. A draft that will not run can be archived; recruiting
 * can stop early (closed); a closed study can reopen for sessions it still runs. Nothing goes
 * back to draft once people may have been invited.
 */
const NEXT: Record<StudyStatus, readonly StudyStatus[]> = {
  draft: ['recruiting', 'archived'],
  recruiting: ['running', 'closed'],
  running: ['closed'],
  closed: ['running', 'archived'],
  archived: [],
};

export function nextStatuses(from: StudyStatus): readonly StudyStatus[] {
  return NEXT[from];
}

export function canMove(from: StudyStatus, to: StudyStatus): boolean {
  return NEXT[from].includes(to);
}

/** An archived study is the record of what happened: it and its sessions no longer change. */
export function isFrozen(status: StudyStatus): boolean {
  return status === 'archived';
}

/** The button that moves a study to each status. */
export const STATUS_ACTIONS: Record<StudyStatus, string> = {
  draft: 'Back to draft',
  recruiting: 'Start recruiting',
  running: 'Mark as running',
  closed: 'Close the study',
  archived: 'Archive',
};

export const STAGES = ['intake', 'fulfillment', 'communication'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = {
  intake: 'Intake (reporting the problem)',
  fulfillment: 'Fulfillment (the City doing the work)',
  communication: 'Communication (hearing back)',
};

export const INCENTIVE_KINDS = ['gift_card', 'cash_card', 'other'] as const;
export type IncentiveKind = (typeof INCENTIVE_KINDS)[number];
export const INCENTIVE_KIND_LABELS: Record<IncentiveKind, string> = {
  gift_card: 'Gift card',
  cash_card: 'Cash card',
  other: 'Other',
};

export const TEAM_ROLES = ['organizer', 'facilitator', 'note_taker'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const DEFAULT_REMINDER_OFFSETS = [48, 2];
export const REMINDER_MAX_HOURS = 336;

/** "$25" from 2500 cents. */
export function dollars(cents: number): string {
  return `$${Math.round(cents / 100).toLocaleString('en-US')}`;
}
