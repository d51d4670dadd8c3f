import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { dollarsToCents, ids, manyOf, oneOf, text, whole } from '../fields';
import {
  INCENTIVE_KINDS,
  REMINDER_MAX_HOURS,
  STAGES,
  STUDY_STATUSES,
  type TeamRole,
} from '../study.rules';

export const TITLE_MAX = 200;
export const PURPOSE_MAX = 2000;
export const TARGET_MAX = 1000;
export const REMINDERS_MAX = 5;

/** "48, 2" → [48, 2]: whole hours between 1 and 336, at most five, largest first. */
export const reminderOffsets = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v.trim() : ''))
  .transform((v, ctx) => {
    const parts = v === '' ? [] : v.split(/[\s,]+/).filter(Boolean);
    const hours = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
    if (
      !hours.length ||
      hours.length > REMINDERS_MAX ||
      hours.some((h) => !(h >= 1 && h <= REMINDER_MAX_HOURS))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `Enter up to ${REMINDERS_MAX} reminder times in whole hours between 1 and ${REMINDER_MAX_HOURS}, separated by commas`,
      });
      return z.NEVER;
    }
    return [...new Set(hours)].sort((a, b) => b - a);
  });

/** The study form; field order is the page's, so the error summary follows it. */
export function studySchema(ref: ReferenceData) {
  return z.object({
    title: text('The title', TITLE_MAX, 'Enter a title for the study'),
    purpose: text('The purpose', PURPOSE_MAX, 'Enter the purpose of the study'),
    requestTypes: manyOf(ref.requestTypeNames, 'Choose request types from the list').refine(
      (v) => v.length > 0,
      { error: 'Choose at least one 311 request type' },
    ),
    stages: manyOf(STAGES, 'Choose stages from the list').refine((v) => v.length > 0, {
      error: 'Choose at least one life-cycle stage',
    }),
    targetParticipants: whole(
      `Enter a target number of participants between 1 and ${TARGET_MAX}`,
      1,
      TARGET_MAX,
    ),
    incentiveAmount: dollarsToCents('Enter the incentive in whole dollars, from 0 to 1,000'),
    incentiveKind: oneOf(INCENTIVE_KINDS, 'Choose the kind of incentive'),
    reminderOffsets,
    organizers: ids('Choose organizers from the list').refine((v) => v.length > 0, {
      error: 'Choose at least one organizer',
    }),
    facilitators: ids('Choose facilitators from the list'),
    noteTakers: ids('Choose note-takers from the list'),
  });
}
export type StudyInput = z.output<ReturnType<typeof studySchema>>;

/** The team as rows: each chosen person once per role. */
export function teamOf(s: StudyInput): { staffId: number; role: TeamRole }[] {
  return [
    ...s.organizers.map((staffId) => ({ staffId, role: 'organizer' as const })),
    ...s.facilitators.map((staffId) => ({ staffId, role: 'facilitator' as const })),
    ...s.noteTakers.map((staffId) => ({ staffId, role: 'note_taker' as const })),
  ];
}

export const statusSchema = z.object({
  status: oneOf(STUDY_STATUSES, 'Choose a status the study can move to'),
});

export const listQuerySchema = z.object({
  status: z
    .unknown()
    .optional()
    .transform((v) =>
      typeof v === 'string' && (STUDY_STATUSES as readonly string[]).includes(v)
        ? (v as (typeof STUDY_STATUSES)[number])
        : null,
    ),
});
