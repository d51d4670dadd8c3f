import { HOUR } from '../../clock';

/** A cancellation this close to the start (or after it) is recorded as late. */
export const LATE_CANCELLATION_MS = 24 * HOUR;

/** True when cancelling at `now` is a late cancellation of a session starting at `startsAt`. */
export function isLateCancellation(startsAt: string, now: Date): boolean {
  return new Date(startsAt).getTime() - now.getTime() < LATE_CANCELLATION_MS;
}

/** True once the registration deadline has passed (the deadline itself is the last moment). */
export function deadlinePassed(deadline: string, now: Date): boolean {
  return now.getTime() > new Date(deadline).getTime();
}

/** Who the participant pool lets a staff member register: only people active in the panel. */
export function canBeRegistered(status: string): boolean {
  return status === 'active';
}
