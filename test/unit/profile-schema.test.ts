import {
  PROFILE_FIELDS,
  formatPhone,
  normalizePhone,
  profileSchema,
  validateProfile,
} from '../../src/participants/profile/profile.schema';
import { fakeReference } from '../support/reference';

const schema = profileSchema(fakeReference());
const valid = {
  firstName: 'Rosa',
  email: 'rosa@example.com',
  contactPreference: 'email',
  language: 'es',
  zip: '90012',
  myla311Use: 'few',
  format: 'either',
};
const check = (over: Record<string, unknown> = {}) =>
  validateProfile(schema, { ...valid, ...over });
const errorsOf = (over: Record<string, unknown>) => {
  const r = check(over);
  return r.ok ? {} : r.errors;
};
const dataOf = (over: Record<string, unknown> = {}) => {
  const r = check(over);
  if (!r.ok) throw new Error(`expected a valid profile: ${JSON.stringify(r.errors)}`);
  return r.data;
};

test('a minimal answer is valid; what was not answered is null or empty', () => {
  expect(dataOf()).toMatchObject({
    firstName: 'Rosa',
    lastName: null,
    email: 'rosa@example.com',
    phone: null,
    councilDistrict: null,
    channels: [],
    needs: [],
    interpreterLanguage: null,
    ageRange: null,
  });
});

describe('required fields', () => {
  // Text is blank when only spaces; a choice (radio, select) only when empty.
  test.each([
    ['firstName', '   ', 'fields.firstName.required'],
    ['zip', '   ', 'fields.zip.required'],
    ['contactPreference', '', 'fields.contactPreference.required'],
    ['language', '', 'fields.language.required'],
    ['myla311Use', '', 'fields.myla311Use.required'],
    ['format', '', 'fields.format.required'],
  ])('%s missing or %j → %s', (field, blank, key) => {
    expect(errorsOf({ [field]: undefined })[field]).toBe(key);
    expect(errorsOf({ [field]: blank })[field]).toBe(key);
  });

  test('every problem is reported at once, in the order of the fields on the page', () => {
    const errors = errorsOf({
      firstName: '',
      email: '',
      phone: '',
      zip: '1',
      format: 'sometimes',
      needs: 'interpreter',
    });
    expect(Object.keys(errors)).toEqual([
      'firstName',
      'email',
      'zip',
      'interpreterLanguage',
      'format',
    ]);
    const order = Object.keys(errors).map((k) => PROFILE_FIELDS.indexOf(k as never));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe('normalisation', () => {
  test('email is trimmed and lower-cased, and must look like an address', () => {
    expect(dataOf({ email: '  Rosa@Example.COM ' }).email).toBe('rosa@example.com');
    for (const bad of ['rosa', 'rosa@example', 'a b@example.com', 'rosa@@example.com', '<a>@x.org'])
      expect(errorsOf({ email: bad }).email).toBe('fields.email.invalid');
  });

  test.each([
    ['(213) 555-0142', '+12135550142'],
    ['213.555.0142', '+12135550142'],
    ['1 213 555 0142', '+12135550142'],
    ['+1-213-555-0142', '+12135550142'],
    ['555-0142', null],
    ['2135550142x9', null],
    ['+44 20 7946 0958', null],
    ['22135550142', null],
  ])('phone %j → %j', (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
    if (e164) expect(dataOf({ phone: raw }).phone).toBe(e164);
    else expect(errorsOf({ phone: raw }).phone).toBe('fields.phone.invalid');
  });

  test('a stored phone is shown in the US format; anything else as it is', () => {
    expect(formatPhone('+12135550142')).toBe('(213) 555-0142');
    expect(formatPhone('+442079460958')).toBe('+442079460958');
    expect(formatPhone(null)).toBe('');
  });

  test.each([
    [' 90012 ', null],
    ['9001', 'fields.zip.invalid'],
    ['900123', 'fields.zip.invalid'],
    ['9001a', 'fields.zip.invalid'],
    ['90012-1234', 'fields.zip.invalid'],
  ])('ZIP %j → %s', (zip, error) => {
    if (error) expect(errorsOf({ zip }).zip).toBe(error);
    else expect(dataOf({ zip }).zip).toBe('90012');
  });

  test('district and neighborhood council become numbers; "unknown" becomes null', () => {
    expect(dataOf({ councilDistrict: '5', neighborhoodCouncil: '20' })).toMatchObject({
      councilDistrict: 5,
      neighborhoodCouncil: 20,
    });
    expect(dataOf({ councilDistrict: 'unknown' }).councilDistrict).toBeNull();
    expect(errorsOf({ councilDistrict: '16' }).councilDistrict).toBe('form.invalidChoice');
    expect(errorsOf({ neighborhoodCouncil: '11' }).neighborhoodCouncil).toBe('form.invalidChoice');
  });
});

describe('a way to reach them, and answers that need another', () => {
  test.each([
    [{ email: '', phone: '' }, 'email', 'fields.contact.missing'],
    [
      { email: '', phone: '2135550142', contactPreference: 'email' },
      'contactPreference',
      'fields.contactPreference.needsEmail',
    ],
    [{ contactPreference: 'phone' }, 'contactPreference', 'fields.contactPreference.needsPhone'],
    [{ contactPreference: 'text' }, 'contactPreference', 'fields.contactPreference.needsPhone'],
    [{ needs: ['interpreter'] }, 'interpreterLanguage', 'fields.interpreterLanguage.required'],
    [{ needs: 'other', needsOther: ' ' }, 'needsOther', 'fields.needsOther.required'],
  ])('%j → %s: %s', (over, field, key) => {
    expect(errorsOf(over)[field]).toBe(key);
  });

  test.each([
    [{ email: '', phone: '2135550142', contactPreference: 'phone' }],
    [{ phone: '2135550142', contactPreference: 'text' }],
    [{ needs: ['interpreter', 'asl'], interpreterLanguage: 'ko' }],
  ])('%j is valid', (over) => {
    expect(check(over).ok).toBe(true);
  });

  test('answers that need their checkbox are dropped without it', () => {
    expect(dataOf({ interpreterLanguage: 'ko', needsOther: 'a ramp' })).toMatchObject({
      interpreterLanguage: null,
      needsOther: null,
    });
    expect(
      dataOf({ needs: ['interpreter', 'other'], interpreterLanguage: 'ko', needsOther: 'a ramp' }),
    ).toMatchObject({ interpreterLanguage: 'ko', needsOther: 'a ramp' });
  });
});

describe('limits and wrong types', () => {
  test.each([
    ['firstName', 100],
    ['lastName', 100],
    ['needsOther', 500],
  ])('%s: %i characters are kept, one more is too long', (field, max) => {
    const needs = field === 'needsOther' ? { needs: 'other' } : {};
    expect(dataOf({ ...needs, [field]: 'a'.repeat(max) })[field as 'firstName']).toHaveLength(max);
    expect(errorsOf({ ...needs, [field]: 'a'.repeat(max + 1) })[field]).toBe(`form.tooLong|${max}`);
  });

  test('an email longer than 254 characters is refused', () => {
    const email = `${'a'.repeat(243)}@example.com`;
    expect(errorsOf({ email }).email).toBe('form.tooLong|254');
  });

  test('control characters are refused; emoji and other scripts are kept', () => {
    expect(errorsOf({ firstName: 'Ro\u0007sa' }).firstName).toBe('form.invalidChoice');
    expect(errorsOf({ lastName: 'a\u0000' }).lastName).toBe('form.invalidChoice');
    expect(dataOf({ firstName: 'مريم 🌵' }).firstName).toBe('مريم 🌵');
  });

  test('an array where one answer is expected is no answer', () => {
    expect(errorsOf({ firstName: ['a', 'b'] }).firstName).toBe('fields.firstName.required');
    expect(errorsOf({ language: ['es', 'ko'] }).language).toBe('fields.language.required');
  });
});

describe('multi-choice answers', () => {
  test('one value or many, duplicates removed', () => {
    expect(dataOf({ channels: 'app' }).channels).toEqual(['app']);
    expect(dataOf({ channels: ['app', 'web', 'app'] }).channels).toEqual(['app', 'web']);
    expect(dataOf({ requestTypes: ['Bulky Items'] }).requestTypes).toEqual(['Bulky Items']);
  });

  test.each([
    ['channels', ['app', 'fax']],
    ['needs', 'teleport'],
    ['availability', ['weekend', 'never']],
    ['race', 'martian'],
    ['requestTypes', 'Potholes'],
  ])('an unknown code in %s is refused', (field, value) => {
    expect(errorsOf({ [field]: value })[field]).toBe('form.invalidChoice');
  });

  test('"prefer not to say" stands alone', () => {
    expect(dataOf({ race: ['asian', 'prefer_not'] }).race).toEqual(['prefer_not']);
    expect(dataOf({ race: ['asian', 'white'] }).race).toEqual(['asian', 'white']);
  });

  test('unknown single codes are refused', () => {
    expect(errorsOf({ language: 'xx' }).language).toBe('form.invalidChoice');
    expect(errorsOf({ gender: 'other' }).gender).toBe('form.invalidChoice');
    expect(errorsOf({ interpreterLanguage: 'xx', needs: 'interpreter' }).interpreterLanguage).toBe(
      'form.invalidChoice',
    );
  });
});
