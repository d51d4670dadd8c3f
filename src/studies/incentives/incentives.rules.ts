/** Incentive rules, plain functions. */

export const METHODS = ['gift_card', 'cash_card', 'other'] as const;
export const METHOD_LABELS: Record<string, string> = {
  gift_card: 'Gift card',
  cash_card: 'Cash card',
  other: 'Other',
};

/** What someone who attended is owed: the session's incentive, else the study's default. */
export function owedCents(status: string, sessionCents: number, studyCents: number): number {
  if (status !== 'attended') return 0;
  return sessionCents > 0 ? sessionCents : studyCents;
}

/** Dollars for people: "$50" or "$12.50". */
export function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(cents % 100 ? 2 : 0)}`;
}

/** True when a note holds what looks like a full card number (12 digits or more in a row; card numbers have 13 to 19). */
export function looksLikeCardNumber(note: string): boolean {
  return /\d{12,}/.test(note.replace(/[\s-]/g, ''));
}
