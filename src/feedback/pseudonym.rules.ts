/*
 * Participant pseudonyms: P1 … Pn per session, by the roster. A note stores only the label, never
 * a name; the roster page shows who is who.
 */

/**
 * The registrations that have a pseudonym: those who held a seat or came (confirmed, attended,
 * walk-ins). No-shows keep theirs, so recording one at check-in renumbers no one.
 */
const NAMED = new Set(['confirmed', 'attended', 'no_show']);

/** Each such registration's label, numbered in registration id order (stable as check-in goes on). */
export function pseudonymLabels(rows: readonly { id: number; status: string }[]) {
  const out = new Map<number, string>();
  [...rows]
    .filter((r) => NAMED.has(r.status))
    .sort((a, b) => a.id - b.id)
    .forEach((r, i) => out.set(r.id, `P${i + 1}`));
  return out;
}

/** P1 … Pn. */
export function pseudonymChoices(n: number): string[] {
  return Array.from({ length: Math.max(0, n) }, (_, i) => `P${i + 1}`);
}

/** True when `label` is one of P1 … Pn. */
export function isPseudonymWithin(label: string, n: number): boolean {
  const m = /^P([1-9]\d{0,3})$/.exec(label);
  return m !== null && Number(m[1]) <= n;
}
