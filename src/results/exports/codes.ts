import type { AnswerState } from '../../db/schema';

/*
 * The codes exports write for missing data and hidden counts, documented in every codebook and
 * bundle README. Numbers (not text) so R, pandas and SPSS read a value column as numeric; negative
 * and out of every scale, so they are never confused with an answer.
 */

/** Shown, left empty. */
export const SKIPPED = '-99';
/** "Prefer not to say". */
export const PREFER_NOT = '-98';
/** A count of 1–4 people, or one that would give such a count back by subtraction. */
export const SUPPRESSED = '<5';

/** What an answer state writes in a value column (`answered` writes the value itself). */
export function missingCode(state: AnswerState): string {
  switch (state) {
    case 'skipped':
      return SKIPPED;
    case 'prefer_not':
      return PREFER_NOT;
    case 'not_selected':
      return '0';
    default:
      return '';
  }
}

/** The missing-data codes as the codebook and README explain them. */
export const MISSING_CODES: { code: string; meaning: string }[] = [
  { code: '(blank)', meaning: 'Not shown: a condition on earlier answers hid the question' },
  { code: SKIPPED, meaning: 'Skipped: the question was shown and left unanswered' },
  { code: PREFER_NOT, meaning: 'Prefer not to say' },
  {
    code: '0',
    meaning:
      'Multiple choice option columns only: the question was answered and this option not selected',
  },
  {
    code: SUPPRESSED,
    meaning:
      'Summary counts only: fewer than 5 people, or a count that would reveal one by subtraction',
  },
];
