import { DateTime } from 'luxon';
import { DAY } from '../../clock';

/** How long someone may stay inactive before their data is deleted, unless an admin changes it. */
export const DEFAULT_RETENTION_YEARS = 3;
export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 10;
/** The warning comes this long before the deletion. */
export const WARNING_LEAD = 30 * DAY;

const plusYears = (d: Date, years: number) =>
  DateTime.fromJSDate(d, { zone: 'utc' }).plus({ years }).toJSDate();

/** The stored setting as a number of years; anything unusable is the default. */
export function parseRetentionYears(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= MIN_RETENTION_YEARS && n <= MAX_RETENTION_YEARS
    ? n
    : DEFAULT_RETENTION_YEARS;
}

/** The moments a retention run compares people with. */
export interface RetentionCutoffs {
  /** Last active at or before this: their time is up. */
  deleteInactiveSince: Date;
  /** Last active at or before this: their time is up within WARNING_LEAD, so they are warned. */
  warnInactiveSince: Date;
  /** Warned at or before this: the warning has had its full WARNING_LEAD. */
  warnedBefore: Date;
}

export function retentionCutoffs(now: Date, years: number): RetentionCutoffs {
  const lead = new Date(now.getTime() + WARNING_LEAD);
  return {
    deleteInactiveSince: plusYears(now, -years),
    warnInactiveSince: plusYears(lead, -years),
    warnedBefore: new Date(now.getTime() - WARNING_LEAD),
  };
}

/**
 * When someone warned at `warnedAt` will be deleted: when their time is up, but never sooner than
 * WARNING_LEAD after the warning (the job may not have run, or the period was just shortened).
 */
export function deletionDate(lastActive: Date, warnedAt: Date, years: number): Date {
  const due = plusYears(lastActive, years).getTime();
  return new Date(Math.max(due, warnedAt.getTime() + WARNING_LEAD));
}

/** The earliest a person active at `at` can be deleted. */
export function keptUntil(at: Date, years: number): Date {
  return plusYears(at, years);
}
