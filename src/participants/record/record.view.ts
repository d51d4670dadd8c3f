import type { TFunction } from 'i18next';
import type { ParticipantRow } from '../../db/schema';
import { LOCALES, LOCALE_NAMES, localeOf } from '../../i18n/i18n';
import { requestTypeLabel } from '../../reference/reference.labels';
import type { ReferenceData } from '../../reference/reference.queries';
import { PAUSE_MONTHS, STAFF_SOURCES } from '../profile/options';
import type { Choices } from '../participants.queries';
import { formatPhone } from '../profile/profile.schema';
import {
  CONTACT_CHANNELS,
  CONTACT_CHANNEL_LABELS,
  CONTACT_OUTCOMES,
  CONTACT_OUTCOME_LABELS,
  SETTABLE_STATUSES,
  SOURCE_LABELS,
  STATUS_LABELS,
} from './record.schema';

/** One line of the profile on the participant page: a label and what was answered. */
export interface Fact {
  label: string;
  value: string | string[] | null;
}

/**
 * The profile as staff read it: every field with its English catalogue label, codes turned
 * into their labels and reference ids into names. null means "not answered".
 */
export function profileFacts(
  p: ParticipantRow,
  c: Choices,
  t: TFunction,
  ref: ReferenceData,
): Fact[] {
  const opt = (field: string, code: string | null) => (code ? t(`options.${field}.${code}`) : null);
  const many = (field: string, codes: string[]) =>
    codes.map((code) => t(`options.${field}.${code}`));
  const language = (code: string | null) =>
    code ? (ref.languages.find((l) => l.code === code)?.english_name ?? code) : null;
  const district = ref.districts.find((d) => d.district === p.council_district);
  const council = ref.councils.find((n) => n.id === p.neighborhood_council_id);
  return [
    { label: t('fields.firstName.label'), value: p.first_name },
    { label: t('fields.lastName.label'), value: p.last_name },
    { label: t('fields.email.label'), value: p.email },
    { label: t('fields.phone.label'), value: p.phone ? formatPhone(p.phone) : null },
    {
      label: t('fields.contactPreference.legend'),
      value: opt('contactPreference', p.contact_preference),
    },
    { label: t('fields.language.label'), value: language(p.language) },
    { label: t('fields.zip.label'), value: p.zip },
    { label: t('fields.councilDistrict.label'), value: district?.name ?? null },
    {
      label: t('fields.neighborhoodCouncil.label'),
      value: council ? `${council.name} (${council.service_region})` : null,
    },
    { label: t('fields.myla311Use.legend'), value: opt('myla311Use', p.myla311_use) },
    { label: t('fields.channels.legend'), value: many('channels', c.channels) },
    {
      label: t('fields.requestTypes.legend'),
      value: c.requestTypes.map((r) => requestTypeLabel(ref, r, localeOf(t))),
    },
    { label: t('fields.needs.legend'), value: many('needs', c.needs) },
    { label: t('fields.interpreterLanguage.label'), value: language(p.interpreter_language) },
    { label: t('fields.needsOther.label'), value: p.needs_other },
    { label: t('fields.availability.legend'), value: many('availability', c.availability) },
    { label: t('fields.format.legend'), value: opt('format', p.format_preference) },
    { label: t('fields.ageRange.legend'), value: opt('ageRange', p.age_range) },
    { label: t('fields.gender.legend'), value: opt('gender', p.gender) },
    { label: t('fields.race.legend'), value: many('race', c.race) },
    { label: 'Agreed to audio recording', value: p.recording_consent ? 'Yes' : 'No' },
  ];
}

const options = (codes: readonly string[], labels: Record<string, string>) =>
  codes.map((value) => ({ value, label: labels[value] }));

export const staffLabels = {
  status: STATUS_LABELS,
  source: SOURCE_LABELS,
  contactChannel: CONTACT_CHANNEL_LABELS,
  contactOutcome: CONTACT_OUTCOME_LABELS,
  language: (ref: ReferenceData, code: string) =>
    ref.languages.find((l) => l.code === code)?.english_name ?? code,
};

/** Option lists of the staff forms (English). */
export function staffOptions(ref: ReferenceData) {
  return {
    statuses: options(SETTABLE_STATUSES, STATUS_LABELS),
    pauseMonths: PAUSE_MONTHS.map((m) => ({ value: m, label: `${m} months` })),
    contactChannels: options(CONTACT_CHANNELS, CONTACT_CHANNEL_LABELS),
    contactOutcomes: options(CONTACT_OUTCOMES, CONTACT_OUTCOME_LABELS),
    sources: options(STAFF_SOURCES, SOURCE_LABELS),
    // Consent can be given in the languages its text exists in: the resident languages.
    consentLanguages: LOCALES.map((code) => ({
      value: code,
      label: staffLabels.language(ref, code),
    })),
    paperForms: LOCALES.map((code) => ({
      href: `/staff/participants/paper-form?lang=${encodeURIComponent(code)}`,
      label: LOCALE_NAMES[code],
      lang: code,
    })),
  };
}

/** How staff name a person on their pages. */
export function displayName(p: ParticipantRow): string {
  if (p.status === 'deleted') return `Deleted participant ${p.public_id}`;
  return [p.first_name, p.last_name].filter(Boolean).join(' ') || `Participant ${p.public_id}`;
}
