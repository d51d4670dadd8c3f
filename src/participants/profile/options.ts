/**
 * The fixed answer codes of the panel profile. Codes never change with language; labels come from
 * the i18n catalogue (`options.<field>.<code>`). Reference lists (languages, districts, councils,
 * request types) come from the database instead.
 */
export const CONTACT_PREFERENCES = ['email', 'phone', 'text'] as const;
export const MYLA311_USE = ['never', 'once', 'few', 'often'] as const;
export const CHANNELS = ['app', 'phone', 'web', 'in_person'] as const;
export const NEEDS = ['interpreter', 'asl', 'wheelchair', 'childcare', 'transit', 'other'] as const;
export const AVAILABILITY = ['weekday_day', 'weekday_evening', 'weekend'] as const;
export const FORMATS = ['in_person', 'online', 'either'] as const;
export const AGE_RANGES = [
  '18_24',
  '25_34',
  '35_44',
  '45_54',
  '55_64',
  '65_plus',
  'prefer_not',
] as const;
export const GENDERS = ['woman', 'man', 'nonbinary', 'another', 'prefer_not'] as const;
export const RACES = [
  'american_indian',
  'asian',
  'black',
  'hispanic',
  'mena',
  'pacific_islander',
  'white',
  'prefer_not',
] as const;
export const PAUSE_MONTHS = ['3', '6', '12'] as const;

/** Multi-choice fields, stored as rows of participant_choices (field, value). */
export const CHOICE_FIELDS = ['channels', 'requestTypes', 'needs', 'availability', 'race'] as const;
export type ChoiceField = (typeof CHOICE_FIELDS)[number];

export const SOURCES = ['web', 'event', 'phone', 'paper', 'referral', 'import'] as const;
export const STAFF_SOURCES = ['event', 'phone', 'paper', 'referral'] as const;
export const STATUSES = ['pending', 'active', 'paused', 'withdrawn', 'deleted'] as const;

export const LIMITS = { name: 100, email: 254, phone: 30, needsOther: 500 } as const;

/**
 * The profile's fixed code lists by the form field that answers them (the same name as the
 * catalogue's `options.<field>`): one import for the forms, the pool filters and the demo.
 */
export const PROFILE_CODES = {
  contactPreference: CONTACT_PREFERENCES,
  myla311Use: MYLA311_USE,
  channels: CHANNELS,
  needs: NEEDS,
  availability: AVAILABILITY,
  format: FORMATS,
  ageRange: AGE_RANGES,
  gender: GENDERS,
  race: RACES,
} as const;
