import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { inFieldOrder, parseForm, type FormResult } from '../../web/forms';
import { parseCityTime } from '../city-time';
import { dollarsToCents, ids, manyOf, oneOf, text, whole } from '../fields';
import { INCENTIVE_KINDS } from '../study.rules';
import { SESSION_MODES, keepForMode, missingForMode } from './session.rules';

export const SESSION_FIELDS = [
  'startsAt',
  'durationMinutes',
  'mode',
  'placeName',
  'address',
  'stepFree',
  'parking',
  'transit',
  'videoUrl',
  'language',
  'interpretation',
  'capacity',
  'extraSeats',
  'registrationDeadline',
  'facilitatorId',
  'noteTakerId',
  'incentiveAmount',
  'incentiveKind',
] as const;

const httpsUrl = text('The video link', 500).refine(
  (v) => {
    if (v === null) return true;
    try {
      const u = new URL(v);
      return u.protocol === 'https:' && u.hostname.includes('.') && !/\s/.test(v);
    } catch {
      return false;
    }
  },
  { error: 'Enter the video link as a full web address starting with https://' },
);

const oneId = (message: string) => ids(message).refine((v) => v.length <= 1, { error: message });

function sessionSchema(ref: ReferenceData) {
  return z.object({
    startsAt: text('The start', 40, 'Enter the date and time the session starts'),
    durationMinutes: whole('Enter a duration between 15 and 480 minutes', 15, 480),
    mode: oneOf(SESSION_MODES, 'Choose how the session meets'),
    placeName: text('The place name', 200),
    address: text('The address', 300),
    stepFree: z
      .unknown()
      .optional()
      .refine((v) => v === undefined || v === '' || v === 'yes' || v === 'no', {
        error: 'Say whether the entrance is step-free',
      })
      .transform((v) => (v === 'yes' ? true : v === 'no' ? false : null)),
    parking: text('Parking', 500),
    transit: text('Transit lines', 500),
    videoUrl: httpsUrl,
    language: oneOf([...ref.languageCodes], 'Choose the language of the session'),
    interpretation: manyOf(ref.languageCodes, 'Choose interpretation languages from the list'),
    capacity: whole('Enter a capacity between 1 and 200', 1, 200),
    extraSeats: whole('Enter extra seats between 0 and 50', 0, 50),
    registrationDeadline: text('The deadline', 40, 'Enter the registration deadline'),
    facilitatorId: oneId('Choose a facilitator from the list'),
    noteTakerId: oneId('Choose a note-taker from the list'),
    incentiveAmount: dollarsToCents('Enter the incentive in whole dollars, from 0 to 1,000'),
    incentiveKind: oneOf(INCENTIVE_KINDS, 'Choose the kind of incentive'),
  });
}

type Parsed = z.output<ReturnType<typeof sessionSchema>>;
export type SessionInput = Omit<
  Parsed,
  'startsAt' | 'registrationDeadline' | 'facilitatorId' | 'noteTakerId'
> & {
  startsAt: string;
  /** True when the typed start happens twice (fall back) and the first was taken. */
  ambiguousStart: boolean;
  registrationDeadline: string;
  facilitatorId: number | null;
  noteTakerId: number | null;
};

const GAP =
  'does not exist: the clocks go forward an hour that night. Choose a time before or after the skipped hour';

function cityTime(
  label: string,
  typed: string,
  zone: string,
): { utc: string; ambiguous: boolean } | string {
  const t = parseCityTime(typed, zone);
  if (t.ok) return t;
  return t.problem === 'gap'
    ? `${label} ${GAP}`
    : `Enter ${label.toLowerCase()} as a date and time, for example 2027-05-20 18:00`;
}

/**
 * The session form: the fields, then the rules across them — times in the city's zone (a
 * skipped hour refused), the deadline before the start, what the mode requires.
 */
export function sessionValidator(ref: ReferenceData, zone: string) {
  const schema = sessionSchema(ref);
  return (body: unknown): FormResult<SessionInput> => {
    const form = parseForm(schema, body);
    const errors = form.ok ? {} : { ...form.errors };
    const v = (form.ok ? form.data : {}) as Partial<Parsed>;
    const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const typed = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
    const start = errors.startsAt ? null : cityTime('The start', typed('startsAt'), zone);
    if (typeof start === 'string') errors.startsAt = start;
    const deadline = errors.registrationDeadline
      ? null
      : cityTime('The deadline', typed('registrationDeadline'), zone);
    if (typeof deadline === 'string') errors.registrationDeadline = deadline;
    if (start && typeof start !== 'string' && deadline && typeof deadline !== 'string')
      if (deadline.utc >= start.utc)
        errors.registrationDeadline = 'The registration deadline must be before the start';
    // What the mode needs, from what was typed, so that every problem shows at once.
    const mode = SESSION_MODES.find((m) => m === raw.mode);
    if (mode) {
      const given = (k: string) => typed(k) || null;
      const stepFree = raw.stepFree === 'yes' || raw.stepFree === 'no' ? true : null;
      const missing = missingForMode(mode, {
        placeName: given('placeName'),
        address: given('address'),
        stepFree,
        videoUrl: given('videoUrl'),
      });
      for (const [k, m] of Object.entries(missing)) errors[k] ??= m;
    }
    if (!form.ok || Object.keys(errors).length)
      return { ok: false, errors: inFieldOrder(errors, SESSION_FIELDS) };
    const data = keepForMode(v.mode!, v as Parsed);
    return {
      ok: true,
      data: {
        ...data,
        startsAt: (start as { utc: string }).utc,
        ambiguousStart: (start as { ambiguous: boolean }).ambiguous,
        registrationDeadline: (deadline as { utc: string }).utc,
        facilitatorId: data.facilitatorId[0] ?? null,
        noteTakerId: data.noteTakerId[0] ?? null,
        // The session's own language needs no interpreter.
        interpretation: data.interpretation.filter((l) => l !== data.language),
      },
    };
  };
}
