import type { TFunction } from 'i18next';
import { localeOf } from '../../i18n/i18n';
import { labelIn } from '../../reference/reference.labels';
import type { ReferenceData } from '../../reference/reference.queries';
import { PROFILE_CODES } from './options';
import type { Choices } from '../participants.queries';
import type { ParticipantRow } from '../../db/schema';
import { formatPhone } from './profile.schema';

type Option = { value: string; label: string; lang?: string };

/** Option lists for the profile form partial, labelled in the page's language. */
export function profileOptions(t: TFunction, ref: ReferenceData) {
  const lang = localeOf(t);
  const coded = (field: string, codes: readonly string[]): Option[] =>
    codes.map((value) => ({ value, label: t(`options.${field}.${value}`) }));
  // Language names are shown in their own language, as a person looks for their own.
  const languages: Option[] = ref.languages.map((l) => ({
    value: l.code,
    label: l.native_name,
    lang: l.code,
  }));
  const regions = new Map<string, Option[]>();
  for (const c of ref.councils) {
    if (!regions.has(c.service_region)) regions.set(c.service_region, []);
    regions
      .get(c.service_region)!
      .push({ value: String(c.id), label: labelIn(c.labels, lang, c.name) });
  }
  return {
    contactPreference: coded('contactPreference', PROFILE_CODES.contactPreference),
    languages,
    districts: [
      { value: 'unknown', label: t('form.dontKnow') },
      ...ref.districts.map((d) => ({
        value: String(d.district),
        label: labelIn(d.labels, lang, String(d.district)),
      })),
    ],
    councilGroups: [...regions.entries()].map(([region, options]) => ({ region, options })),
    myla311Use: coded('myla311Use', PROFILE_CODES.myla311Use),
    channels: coded('channels', PROFILE_CODES.channels),
    requestTypes: ref.requestTypes.map((r) => ({
      value: r.name,
      label: labelIn(r.labels, lang, r.name),
    })),
    needs: coded('needs', PROFILE_CODES.needs),
    availability: coded('availability', PROFILE_CODES.availability),
    format: coded('format', PROFILE_CODES.format),
    ageRange: coded('ageRange', PROFILE_CODES.ageRange),
    gender: coded('gender', PROFILE_CODES.gender),
    race: coded('race', PROFILE_CODES.race),
  };
}

/** What the form shows for a stored participant (the inverse of profileColumns). */
export function profileValues(p: ParticipantRow, c: Choices): Record<string, string | string[]> {
  return {
    firstName: p.first_name ?? '',
    lastName: p.last_name ?? '',
    email: p.email ?? '',
    phone: formatPhone(p.phone),
    contactPreference: p.contact_preference ?? '',
    language: p.language,
    zip: p.zip ?? '',
    councilDistrict: p.council_district === null ? 'unknown' : String(p.council_district),
    neighborhoodCouncil:
      p.neighborhood_council_id === null ? 'unknown' : String(p.neighborhood_council_id),
    myla311Use: p.myla311_use ?? '',
    channels: c.channels,
    requestTypes: c.requestTypes,
    needs: c.needs,
    interpreterLanguage: p.interpreter_language ?? '',
    needsOther: p.needs_other ?? '',
    availability: c.availability,
    format: p.format_preference ?? '',
    ageRange: p.age_range ?? '',
    gender: p.gender ?? '',
    race: c.race,
    recordingConsent: p.recording_consent ? 'yes' : '',
  };
}
