import type { NoteDriver, NoteSentiment } from '../db/schema';
import { STAGES, STAGE_LABELS } from '../studies/study.rules';

/*
 * The shared vocabulary (DESIGN.md §The shared vocabulary) as stored codes and their staff
 * labels. Stages are the studies feature's; drivers are the OMB A-11 §280 drivers of the
 * `cx_questions` reference table (a test holds the two lists together).
 */

/** The service code of "311 in general" (every other service is a request type's name). */
export const GENERAL = 'general';

export { STAGES, STAGE_LABELS };

export const DRIVERS = [
  'satisfaction',
  'confidence',
  'effectiveness',
  'ease',
  'efficiency',
  'equity',
  'employee',
] as const satisfies readonly NoteDriver[];

export const DRIVER_LABELS: Record<NoteDriver, string> = {
  satisfaction: 'Satisfaction',
  confidence: 'Confidence / trust',
  effectiveness: 'Effectiveness',
  ease: 'Ease',
  efficiency: 'Efficiency',
  equity: 'Equity / transparency',
  employee: 'Employee helpfulness',
};

export const SENTIMENTS = [
  'praise',
  'pain_point',
  'suggestion',
] as const satisfies readonly NoteSentiment[];

export const SENTIMENT_LABELS: Record<NoteSentiment, string> = {
  praise: 'Praise',
  pain_point: 'Pain point',
  suggestion: 'Suggestion',
};
