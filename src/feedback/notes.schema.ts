import { z } from 'zod';
import type { NoteDriver, NoteSentiment } from '../db/schema';
import type { ReferenceData } from '../reference/reference.queries';
import { ids, oneOf, text } from '../studies/fields';
import { DRIVERS, GENERAL, SENTIMENTS, STAGES } from './vocabulary';
import { THEME_NAME_MAX } from './theme.rules';

export const NOTE_BODY_MAX = 20_000;

/** The note form's fields in page order (the error summary follows it). */
export const NOTE_FIELDS = [
  'service',
  'stage',
  'driver',
  'sentiment',
  'themes',
  'newTheme',
  'pseudonym',
  'isQuote',
  'body',
] as const;

/** A code of a list, or blank (not coded). */
const optionalOf = <T extends string>(codes: readonly T[], message: string) =>
  z
    .unknown()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || (typeof v === 'string' && codes.includes(v as T)),
      { error: message },
    )
    .transform((v) => (v === undefined || v === '' ? null : (v as T)));

/** The note form, checked against the reference data's request types. */
export function noteSchema(ref: ReferenceData) {
  const services = [GENERAL, ...ref.requestTypeNames];
  return z.object({
    service: oneOf(services, 'Choose the service the note is about, or 311 in general'),
    stage: optionalOf(STAGES, 'Choose intake, fulfillment or communication, or leave it blank'),
    driver: optionalOf<NoteDriver>(DRIVERS, 'Choose a driver from the list, or leave it blank'),
    sentiment: optionalOf<NoteSentiment>(
      SENTIMENTS,
      'Choose praise, pain point or suggestion, or leave it blank',
    ),
    themes: ids('Choose themes from the list'),
    newTheme: text('A new theme', THEME_NAME_MAX),
    // Which labels exist depends on the session's roster: the service checks the number.
    pseudonym: z
      .unknown()
      .optional()
      .refine(
        (v) => v === undefined || v === '' || (typeof v === 'string' && /^P[1-9]\d{0,3}$/.test(v)),
        {
          error: 'Choose a participant from the list (P1, P2 …), or leave it blank',
        },
      )
      .transform((v) => (v === undefined || v === '' ? null : (v as string))),
    isQuote: optionalOf(['yes'] as const, 'Tick the box or leave it, nothing else').transform(
      (v) => v === 'yes',
    ),
    body: text('The note', NOTE_BODY_MAX, 'Write the note'),
  });
}

export type NoteInput = Omit<z.output<ReturnType<typeof noteSchema>>, 'body'> & { body: string };
