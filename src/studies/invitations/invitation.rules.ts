import type {
  InvitationChannel,
  InvitationResponse,
  ParticipantRow,
  RegistrationStatus,
} from '../../db/schema';

/*
 * Pure rules of invitations: who is mailed and who is called, who gets their manage link, and
 * how an invitation stands (from its answer and the person's registrations for the study).
 */

/**
 * By email when they have an address and have not asked for a call or a text message; everyone
 * else is on the study's call list.
 */
export function channelFor(
  p: Pick<ParticipantRow, 'email' | 'contact_preference'>,
): InvitationChannel {
  return p.email && p.contact_preference !== 'phone' && p.contact_preference !== 'text'
    ? 'email'
    : 'phone';
}

/**
 * Staff-entered and imported people (any source but the web sign-up) got no email when they
 * were added, so no manage link: the first email the panel writes them, an invitation, carries it.
 */
export function needsManageLink(p: Pick<ParticipantRow, 'source'>, mailedBefore: boolean): boolean {
  return p.source !== 'web' && !mailedBefore;
}

export const INVITATION_OUTCOMES = [
  'invited',
  'registered',
  'cancelled',
  'declined',
  'attended',
  'no_show',
] as const;
export type InvitationOutcome = (typeof INVITATION_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<InvitationOutcome, string> = {
  invited: 'Invited, no answer yet',
  registered: 'Registered',
  cancelled: 'Registered, then cancelled',
  declined: 'Declined',
  attended: 'Attended',
  no_show: 'No-show',
};

/**
 * How an invitation stands: what happened at a session first (attended, no-show), then a seat
 * or a waitlist place held, then the answer given (declined; registered whose registrations
 * were all cancelled), else invited.
 */
export function invitationOutcome(
  response: InvitationResponse | null,
  registrations: readonly RegistrationStatus[],
): InvitationOutcome {
  if (registrations.includes('attended')) return 'attended';
  if (registrations.includes('no_show')) return 'no_show';
  if (registrations.some((s) => s === 'confirmed' || s === 'waitlisted')) return 'registered';
  if (response === 'declined') return 'declined';
  if (registrations.length || response === 'registered') return 'cancelled';
  return 'invited';
}

export interface InvitationCounts {
  total: number;
  byEmail: number;
  byPhone: number;
  answered: number;
  registered: number;
  declined: number;
  notAnswered: number;
}

/** The study page's figures, from each invitation's channel and outcome. */
export function invitationCounts(
  rows: readonly { channel: InvitationChannel; outcome: InvitationOutcome }[],
): InvitationCounts {
  const n = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
  const notAnswered = n((r) => r.outcome === 'invited');
  return {
    total: rows.length,
    byEmail: n((r) => r.channel === 'email'),
    byPhone: n((r) => r.channel === 'phone'),
    answered: rows.length - notAnswered,
    registered: n((r) => ['registered', 'attended', 'no_show'].includes(r.outcome)),
    declined: n((r) => r.outcome === 'declined'),
    notAnswered,
  };
}

/** "62 invited: 48 by email, 14 to call". */
export function sentSummary(byEmail: number, byPhone: number, alreadyInvited = 0): string {
  const total = byEmail + byPhone;
  const kept = alreadyInvited
    ? ` ${alreadyInvited} ${alreadyInvited === 1 ? 'was' : 'were'} already invited and keep${alreadyInvited === 1 ? 's' : ''} their first invitation.`
    : '';
  return `${total} invited: ${byEmail} by email, ${byPhone} to call.${kept}`;
}
