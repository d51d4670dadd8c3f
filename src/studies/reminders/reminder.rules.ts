import type {
  ParticipantRow,
  ReminderChannel,
  ReminderSkipReason,
  ReminderStatus,
} from '../../db/schema';

const HOUR_MS = 3_600_000;

/**
 * When a reminder is due: `offsetHours` real hours before the start, worked out on the UTC
 * instant, so a session on the night the clocks change is still reminded exactly 48 h and 2 h
 * before (the local clock may show 47 or 49 hours of difference).
 */
export function dueAt(startsAt: string, offsetHours: number): string {
  return new Date(Date.parse(startsAt) - offsetHours * HOUR_MS).toISOString();
}

/** Reached by email, unless they have no email or said they prefer a call or a text. */
export function channelFor(
  p: Pick<ParticipantRow, 'email' | 'contact_preference'>,
): ReminderChannel {
  if (!p.email) return 'call';
  return p.contact_preference === 'phone' || p.contact_preference === 'text' ? 'call' : 'email';
}

/** The study's reminder offsets (a JSON array of whole hours); anything odd is left out. */
export function offsetsOf(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return [];
    return [...new Set(v.filter((h): h is number => Number.isInteger(h) && h > 0))];
  } catch {
    return [];
  }
}

/** A confirmed registration of a scheduled session that has not started, to plan for. */
export interface PlanCandidate {
  registrationId: number;
  /** The registration's created_at (part of each row's key). */
  registeredAt: string;
  /**
   * When they got their seat: the registration's updated_at (its last change; for a confirmed
   * registration that is when it was confirmed, or promoted from the waitlist).
   */
  seatedAt: string;
  startsAt: string;
  offsets: number[];
  channel: ReminderChannel;
}

export interface PlannedReminder {
  registrationId: number;
  offsetHours: number;
  registeredAt: string;
  dueAt: string;
  startsAt: string;
  channel: ReminderChannel;
  status: Extract<ReminderStatus, 'pending' | 'skipped'>;
  skipReason: Extract<ReminderSkipReason, 'late'> | null;
}

/**
 * The reminder rows a registration needs, one per offset. An offset whose due time had already
 * passed when the person got their seat is planned as skipped ('late'): they have just had the
 * confirmation (or the promotion email), and a "reminder" minutes later would be noise. A row
 * due after the seat but not yet sent (the runner was down) stays pending and goes out late,
 * as long as the session has not started.
 */
export function planReminders(c: PlanCandidate): PlannedReminder[] {
  return c.offsets.map((offsetHours) => {
    const due = dueAt(c.startsAt, offsetHours);
    const late = due < c.seatedAt;
    return {
      registrationId: c.registrationId,
      offsetHours,
      registeredAt: c.registeredAt,
      dueAt: due,
      startsAt: c.startsAt,
      channel: c.channel,
      status: late ? 'skipped' : 'pending',
      skipReason: late ? 'late' : null,
    };
  });
}

/** Why a pending row must no longer go out, or null while it still may. */
export function staleReason(
  r: {
    kind: 'reminder' | 'session_cancelled';
    registration_status: string;
    session_status: string;
    starts_at: string;
    person_status: string;
  },
  now: string,
): ReminderSkipReason | null {
  if (r.starts_at <= now) return 'started';
  if (r.person_status === 'withdrawn' || r.person_status === 'deleted') return 'person';
  if (r.kind === 'session_cancelled') return null;
  if (r.session_status === 'cancelled') return 'session';
  if (r.registration_status !== 'confirmed') return 'registration';
  return null;
}
