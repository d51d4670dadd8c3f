import { z } from 'zod';
import type { ParticipantSource, ParticipantStatus } from '../../db/schema';
import { LOCALES } from '../../i18n/i18n';
import type { ReferenceData } from '../../reference/reference.queries';
import { CONTROL_CHARS, inFieldOrder, parseForm, type FormResult } from '../../web/forms';
import { PAUSE_MONTHS, STAFF_SOURCES } from '../profile/options';
import {
  PROFILE_FIELDS,
  profileSchema,
  validateProfile,
  type Profile,
} from '../profile/profile.schema';

/*
 * What staff type on a participant's pages, beyond the profile itself (profile.schema.ts).
 * Staff pages are in English, so messages and labels here are English text, not i18n keys.
 */

export const CONTACT_CHANNELS = ['phone', 'text', 'email', 'in_person'] as const;
export const CONTACT_OUTCOMES = [
  'reached',
  'left_message',
  'no_answer',
  'wrong_number',
  'do_not_contact',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const NOTE_MAX = 1000;

/** The statuses staff set by hand; deletion has its own two-step page. */
export const SETTABLE_STATUSES = ['active', 'paused', 'withdrawn'] as const;

export const CONTACT_CHANNEL_LABELS: Record<string, string> = {
  phone: 'Phone call',
  text: 'Text message',
  email: 'Email',
  in_person: 'In person',
};
export const CONTACT_OUTCOME_LABELS: Record<string, string> = {
  reached: 'Reached them',
  left_message: 'Left a message',
  no_answer: 'No answer',
  wrong_number: 'Wrong number or address',
  do_not_contact: 'Asked not to be contacted',
};
export const STATUS_LABELS: Record<ParticipantStatus, string> = {
  pending: 'Pending (email not confirmed)',
  active: 'Active',
  paused: 'Paused',
  withdrawn: 'Withdrawn',
  deleted: 'Deleted',
};
export const SOURCE_LABELS: Record<ParticipantSource, string> = {
  web: 'Online sign-up',
  event: 'Event',
  phone: 'Phone',
  paper: 'Paper form',
  referral: 'Referral',
  import: 'Import',
};

export const contactSchema = z.object({
  channel: z.enum(CONTACT_CHANNELS, { error: 'Choose how you contacted them' }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: 'Choose what happened' }),
  note: z
    .unknown()
    .optional()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(
      z
        .string()
        .max(NOTE_MAX, { error: `The note must be ${NOTE_MAX} characters or fewer` })
        .refine((v) => !CONTROL_CHARS.test(v), {
          error: 'The note contains characters we cannot keep',
        }),
    )
    .transform((v) => (v === '' ? null : v)),
});
export type ContactInput = z.output<typeof contactSchema>;

export const statusSchema = z
  .object({
    status: z.enum(SETTABLE_STATUSES, { error: 'Choose a status' }),
    months: z.unknown().optional(),
  })
  .transform((v, ctx) => {
    if (v.status !== 'paused') return { status: v.status, months: null };
    if (typeof v.months !== 'string' || !(PAUSE_MONTHS as readonly string[]).includes(v.months)) {
      ctx.addIssue({
        code: 'custom',
        path: ['months'],
        message: 'Choose how long to pause contact',
      });
      return z.NEVER;
    }
    return { status: v.status, months: Number(v.months) };
  });
export type StatusInput = z.output<typeof statusSchema>;

/** The parts of staff-assisted entry that are not the profile: how we met them and their consent. */
export const staffEntrySchema = z.object({
  source: z.enum(STAFF_SOURCES, { error: 'Choose how you met them' }),
  consentRecorded: z.literal('yes', {
    error: 'Confirm that they agreed to the consent text before you add them',
  }),
  consentLanguage: z.enum(LOCALES as [string, ...string[]], {
    error: 'Choose the language in which they gave consent',
  }),
  recordingConsent: z
    .unknown()
    .optional()
    .transform((v) => v === 'yes'),
});
export type StaffEntryInput = z.output<typeof staffEntrySchema>;

/** Field order of the staff entry page after the profile fields, for the error summary. */
export const STAFF_ENTRY_FIELDS = ['source', 'consentRecorded', 'consentLanguage'] as const;

/** Staff-assisted entry: the profile and how we met them, errors in the page's field order. */
export function staffEntryValidator(ref: ReferenceData) {
  const schema = profileSchema(ref);
  return (body: unknown): FormResult<{ profile: Profile; entry: StaffEntryInput }> => {
    const profile = validateProfile(schema, body);
    const entry = parseForm(staffEntrySchema, body);
    if (profile.ok && entry.ok)
      return { ok: true, data: { profile: profile.data, entry: entry.data } };
    const errors = { ...(profile.ok ? {} : profile.errors), ...(entry.ok ? {} : entry.errors) };
    return { ok: false, errors: inFieldOrder(errors, [...PROFILE_FIELDS, ...STAFF_ENTRY_FIELDS]) };
  };
}
