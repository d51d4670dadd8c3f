/**
 * Malformed form bodies for the fuzz test. Every value is wrong for its field, so a route that
 * validates must refuse the whole body: free-text fields get blank, wrong-type or oversized
 * values (longer than any limit below the 10,000-character consent text), code fields get
 * values that are no code of any list.
 */
const TEXT_JUNK: unknown[] = [
  '',
  ' ',
  ['a', 'b'],
  'x'.repeat(1100),
  '<script>alert(1)</script>'.repeat(45),
  '\u0000\u0007\u202e'.repeat(370),
  '🌵'.repeat(560),
];

const CODE_JUNK: unknown[] = [
  '',
  ' ',
  'x'.repeat(5000),
  ['a', 'b'],
  '<script>alert(1)</script>',
  '\u0000\u0007\u202e',
  '-1',
  '1e309',
  '9'.repeat(40),
  '2026-02-30',
  'NaN',
  '{"a":1}',
  '🌵',
];

const TEXT_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'password',
  'currentPassword',
  'newPassword',
  'note',
  'reason',
  'text_en',
  'consentSource',
  'needsOther',
  'title',
  'purpose',
  'placeName',
  'address',
  'parking',
  'transit',
  'body',
  'newTheme',
];

const CODE_FIELDS = [
  'email',
  'role',
  'phone',
  'zip',
  'language',
  'contactPreference',
  'myla311Use',
  'format',
  'months',
  'decision',
  'status',
  'channel',
  'outcome',
  'source',
  'councilDistrict',
  'needs',
  'consent',
  'consentRecorded',
  'consentLanguage',
  'page',
  'id',
  'defaultLanguage',
  'duplicatePolicy',
  'consentChannel',
  'consentCollected',
  'confirm',
  'requestTypes',
  'stages',
  'targetParticipants',
  'incentiveAmount',
  'incentiveKind',
  'reminderOffsets',
  'organizers',
  'facilitators',
  'noteTakers',
  'startsAt',
  'durationMinutes',
  'mode',
  'stepFree',
  'videoUrl',
  'interpretation',
  'capacity',
  'extraSeats',
  'registrationDeadline',
  'facilitatorId',
  'noteTakerId',
  'reminderId',
  'service',
  'stage',
  'driver',
  'sentiment',
  'pseudonym',
  'isQuote',
  'themes',
  'from',
  'into',
];

/** The junk body number `seed`: every field above, each seed a different mix. */
export function junk(seed: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  TEXT_FIELDS.forEach((f, i) => {
    out[f] = TEXT_JUNK[(seed * 5 + i * 3) % TEXT_JUNK.length];
  });
  CODE_FIELDS.forEach((f, i) => {
    out[f] = CODE_JUNK[(seed * 7 + i * 3) % CODE_JUNK.length];
  });
  return out;
}
