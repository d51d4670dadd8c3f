import type { ReferenceData } from '../../reference/reference.queries';
import { inFieldOrder, type FormResult } from '../../web/forms';
import {
  PROFILE_FIELDS,
  profileSchema,
  validateProfile,
  type Profile,
} from '../profile/profile.schema';

export interface JoinForm {
  profile: Profile;
  recordingConsent: boolean;
}

/** The /join form: the profile, plus agreement to the consent text (required) and to recording. */
export function joinValidator(ref: ReferenceData) {
  const schema = profileSchema(ref);
  return (body: unknown): FormResult<JoinForm> => {
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const form = validateProfile(schema, b);
    const errors = form.ok ? {} : { ...form.errors };
    if (b.consent !== 'yes') errors.consent = 'fields.consent.required';
    if (!form.ok || errors.consent)
      return { ok: false, errors: inFieldOrder(errors, [...PROFILE_FIELDS, 'consent']) };
    return {
      ok: true,
      data: { profile: form.data, recordingConsent: b.recordingConsent === 'yes' },
    };
  };
}
