import { DateTime } from 'luxon';
import type { RegistrationStatus } from '../../db/schema';

/*
 * Check-in rules, plain functions: which outcome may follow which status, what an undo returns
 * to, how each change moves a person's attendance history, when check-in opens, the show rate
 * and the accommodations rolled up in plain words.
 */

/** What the check-in buttons record. */
export const OUTCOMES = ['attended', 'no_show', 'late_cancellation'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The registration fields the rules read. */
export interface Held {
  status: RegistrationStatus;
  late_cancellation: number;
  outcome_from: 'confirmed' | 'waitlisted' | null;
  walk_in: number;
}

/**
 * The status an outcome moves a registration to, or null when it may not follow: a confirmed
 * seat may become any outcome; someone on the waitlist who came anyway may be marked attended;
 * an outcome already recorded is changed through an undo first.
 */
export function outcomeStatus(
  from: RegistrationStatus,
  outcome: Outcome,
): RegistrationStatus | null {
  if (from === 'confirmed') return outcome === 'late_cancellation' ? 'cancelled' : outcome;
  if (from === 'waitlisted' && outcome === 'attended') return 'attended';
  return null;
}

/** True when this registration carries an outcome recorded at check-in (so it can be undone). */
export function hasOutcome(r: Held): boolean {
  if (r.status === 'attended' || r.status === 'no_show') return true;
  return r.status === 'cancelled' && r.late_cancellation === 1 && r.outcome_from !== null;
}

/**
 * Where an undo returns: the status before check-in; a walk-in leaves the roster (cancelled,
 * not late). Null when there is nothing to undo.
 */
export function undoStatus(r: Held): RegistrationStatus | null {
  if (!hasOutcome(r)) return null;
  if (r.walk_in === 1 || r.outcome_from === null) return 'cancelled';
  return r.outcome_from;
}

/** True when a change from → to gives a seat back (a late cancellation of a confirmed seat). */
export function releasesSeat(r: Held, to: RegistrationStatus): boolean {
  return r.status === 'confirmed' && to === 'cancelled';
}

/** True when an undo takes a seat again (a late cancellation recorded at check-in, undone). */
export function retakesSeat(r: Held, to: RegistrationStatus): boolean {
  return r.status === 'cancelled' && to === 'confirmed';
}

/** How a change moves the person's history (sessions attended, no-shows). */
export function historyChange(from: RegistrationStatus, to: RegistrationStatus) {
  const n = (s: RegistrationStatus, which: RegistrationStatus) => (s === which ? 1 : 0);
  return {
    attended: n(to, 'attended') - n(from, 'attended'),
    noShows: n(to, 'no_show') - n(from, 'no_show'),
  };
}

/**
 * Check-in opens at the start of the session's day in the city (midnight) and stays open after,
 * so outcomes can be recorded or corrected the next day from the paper sheet.
 */
export function checkInOpensAt(startsAt: string, zone: string): Date {
  return DateTime.fromISO(startsAt, { zone: 'utc' }).setZone(zone).startOf('day').toJSDate();
}

export function checkInOpen(startsAt: string, zone: string, now: Date): boolean {
  return now.getTime() >= checkInOpensAt(startsAt, zone).getTime();
}

/** Fewer recorded outcomes than this and the show rate is not trusted: no history. */
export const MIN_OUTCOMES = 10;

/** attended / (attended + no-shows), or null with too little history to go on. */
export function showRate(attended: number, noShows: number): number | null {
  const total = attended + noShows;
  return total < MIN_OUTCOMES ? null : attended / total;
}

/** One expected person's needs: the profile's and what they stated for this session. */
export interface PersonNeeds {
  needs: string[];
  interpreterLanguage: string | null;
  accommodations: string | null;
}

const NEED_WORDS: Record<string, string> = {
  asl: 'ASL',
  wheelchair: 'wheelchair access',
  childcare: 'childcare',
  transit: 'transit help',
  other: 'other needs',
};

/**
 * The accommodations rolled up in plain words: "2 need Spanish interpretation, 1 ASL,
 * 1 wheelchair access, 1 stated accommodations for this session". An interpreter in the
 * session's own language is not needed. Empty when no one needs anything.
 */
export function accommodationSummary(
  people: PersonNeeds[],
  sessionLanguage: string,
  languageName: (code: string) => string,
): string {
  const counts = new Map<string, number>();
  const add = (label: string) => counts.set(label, (counts.get(label) ?? 0) + 1);
  for (const p of people) {
    if (
      p.needs.includes('interpreter') &&
      p.interpreterLanguage &&
      p.interpreterLanguage !== sessionLanguage
    )
      add(`${languageName(p.interpreterLanguage)} interpretation`);
    for (const need of ['asl', 'wheelchair', 'childcare', 'transit', 'other'])
      if (p.needs.includes(need)) add(NEED_WORDS[need]);
    if (p.accommodations?.trim()) add('stated accommodations for this session');
  }
  const parts = [...counts].map(([label, n], i) =>
    i === 0 && label.endsWith('interpretation') ? `${n} need ${label}` : `${n} ${label}`,
  );
  return parts.join(', ');
}
