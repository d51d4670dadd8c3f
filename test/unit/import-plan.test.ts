import type { ParticipantStatus } from '../../src/db/schema';
import { parseMapping, rowToProfileInput } from '../../src/participants/import/import.schema';
import { ImportService } from '../../src/participants/import/import.service';
import {
  countsOf,
  planRows,
  reportOf,
  type CheckedRow,
} from '../../src/participants/import/import.plan';
import {
  profileSchema,
  validateProfile,
  type Profile,
} from '../../src/participants/profile/profile.schema';
import { fakeReference } from '../support/reference';

const ref = fakeReference();
const schema = profileSchema(ref);

/** A valid profile with this email and phone. */
function profile(email: string | null, phone: string | null = null): Profile {
  const r = validateProfile(schema, {
    firstName: 'Ana',
    email: email ?? '',
    phone: phone ?? '',
    contactPreference: email ? 'email' : 'phone',
    language: 'es',
    zip: '90012',
    myla311Use: 'few',
    format: 'either',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.data;
}
const good = (n: number, email: string | null, phone: string | null = null): CheckedRow => ({
  n,
  ok: true,
  profile: profile(email, phone),
});
const bad = (n: number, email: string): CheckedRow => ({
  n,
  ok: false,
  errors: { zip: 'Enter a 5-digit ZIP code, like 90012' },
  input: { email },
});
const inPool = (
  id: number,
  email: string | null,
  phone: string | null = null,
  status: ParticipantStatus = 'active',
) => ({ id, email, phone, status });

/** The plan as [row, outcome, where it goes (row or participant)] for short expectations. */
const brief = (plan: ReturnType<typeof planRows>) =>
  plan.map((p) => [
    p.n,
    p.outcome,
    p.outcome === 'merge'
      ? 'row' in p.into
        ? `row ${p.into.row}`
        : `participant ${p.into.participantId}`
      : p.outcome === 'skip'
        ? (p.participantId ?? null)
        : null,
  ]);

const PHONE = '+12135550101';

describe('planRows: duplicates within the file', () => {
  test('a new address is created; a repeat of it merges into that row (merge policy)', () => {
    const plan = planRows(
      [good(2, 'a@x.org'), good(3, 'b@x.org'), good(4, 'a@x.org')],
      [],
      'merge',
    );
    expect(brief(plan)).toEqual([
      [2, 'create', null],
      [3, 'create', null],
      [4, 'merge', 'row 2'],
    ]);
    expect(plan[2]).toMatchObject({ why: 'Same email as row 2: empty fields filled in' });
  });

  test('with the skip policy the repeat is skipped', () => {
    const plan = planRows([good(2, 'a@x.org'), good(3, 'a@x.org')], [], 'skip');
    expect(brief(plan)).toEqual([
      [2, 'create', null],
      [3, 'skip', null],
    ]);
    expect(plan[1]).toMatchObject({ why: 'Same email as row 2: skipped' });
  });

  test('the phone number finds a duplicate too', () => {
    const plan = planRows([good(2, null, PHONE), good(5, 'new@x.org', PHONE)], [], 'merge');
    expect(brief(plan)).toEqual([
      [2, 'create', null],
      [5, 'merge', 'row 2'],
    ]);
    expect(plan[1]).toMatchObject({ why: 'Same phone number as row 2: empty fields filled in' });
  });

  test('an invalid row is reported as it is and is no one to be a duplicate of', () => {
    const plan = planRows([bad(2, 'a@x.org'), good(3, 'a@x.org')], [], 'merge');
    expect(brief(plan)).toEqual([
      [2, 'invalid', null],
      [3, 'create', null],
    ]);
    expect(plan[0]).toMatchObject({
      errors: { zip: expect.any(String) },
      input: { email: 'a@x.org' },
    });
  });
});

describe('planRows: duplicates of people already in the pool', () => {
  test('a match by email merges into that participant, or is skipped', () => {
    const rows = [good(2, 'pool@x.org')];
    const pool = [inPool(7, 'pool@x.org')];
    expect(brief(planRows(rows, pool, 'merge'))).toEqual([[2, 'merge', 'participant 7']]);
    expect(planRows(rows, pool, 'merge')[0]).toMatchObject({
      why: 'Same email as participant 7, already in the panel: empty fields filled in',
    });
    expect(brief(planRows(rows, pool, 'skip'))).toEqual([[2, 'skip', 7]]);
  });

  test('someone who withdrew is never changed, whatever the policy', () => {
    const plan = planRows(
      [good(2, 'gone@x.org')],
      [inPool(9, 'gone@x.org', null, 'withdrawn')],
      'merge',
    );
    expect(brief(plan)).toEqual([[2, 'skip', 9]]);
    expect(plan[0]).toMatchObject({
      why: 'Same email as participant 9, already in the panel, who withdrew: not changed',
    });
  });

  test('email of one person and phone of another: skipped', () => {
    const pool = [inPool(7, 'pool@x.org'), inPool(8, 'other@x.org', PHONE)];
    const plan = planRows([good(2, 'pool@x.org', PHONE)], pool, 'merge');
    expect(brief(plan)).toEqual([[2, 'skip', null]]);
    expect(plan[0]).toMatchObject({
      why: 'The email and the phone number belong to two different people: skipped',
    });
  });

  test('email and phone of the same person: merged', () => {
    const plan = planRows(
      [good(2, 'pool@x.org', PHONE)],
      [inPool(7, 'pool@x.org', PHONE)],
      'merge',
    );
    expect(brief(plan)).toEqual([[2, 'merge', 'participant 7']]);
  });

  test('two people in the pool with the same address: the older one (lower id) is the match', () => {
    const pool = [inPool(12, 'twice@x.org'), inPool(4, 'twice@x.org')];
    expect(brief(planRows([good(2, 'twice@x.org')], pool, 'merge'))).toEqual([
      [2, 'merge', 'participant 4'],
    ]);
  });

  test('a later row matching an earlier row that went to the pool goes to the same person', () => {
    const plan = planRows(
      [good(2, 'pool@x.org', PHONE), good(3, 'fresh@x.org', PHONE)],
      [inPool(7, 'pool@x.org')],
      'merge',
    );
    expect(brief(plan)).toEqual([
      [2, 'merge', 'participant 7'],
      [3, 'merge', 'participant 7'],
    ]);
  });
});

test('report and counts follow the plan', () => {
  const plan = planRows(
    [good(2, 'a@x.org'), bad(3, 'b@x.org'), good(4, 'a@x.org'), good(5, 'pool@x.org')],
    [inPool(7, 'pool@x.org')],
    'skip',
  );
  expect(countsOf(plan)).toEqual({ total: 4, created: 1, merged: 0, skipped: 2, invalid: 1 });
  expect(reportOf(plan)).toEqual([
    {
      row: 3,
      field: 'ZIP code',
      message: 'Enter a 5-digit ZIP code, like 90012. Not imported',
      outcome: 'invalid',
    },
    { row: 4, field: 'Duplicate', message: 'Same email as row 2: skipped', outcome: 'skipped' },
    {
      row: 5,
      field: 'Duplicate',
      message: 'Same email as participant 7, already in the panel: skipped',
      outcome: 'skipped',
      participantId: 7,
    },
  ]);
});

describe('checkRows: each row validated with the profile rules and the import’s own', () => {
  // checkRows reads only the reference data: no database is given.
  const imports = new ImportService({ ref, db: null!, clock: null!, participants: null! });
  const headers = ['First name', 'Email', 'Phone', 'Language', 'ZIP', 'District', 'Needs'];
  const mapping = {
    columns: {
      firstName: 0,
      email: 1,
      phone: 2,
      language: 3,
      zip: 4,
      councilDistrict: 5,
      needs: 6,
    },
    defaultLanguage: 'en',
  };
  const check = (...rows: string[][]) =>
    imports.checkRows({
      id: 1,
      filename: 'f.csv',
      createdAt: '',
      file: { headers, rows: rows.map((cells, i) => ({ n: i + 2, cells })) },
      mapping,
    });

  test('a good row: names and labels turned into codes, unmapped answers unknown', () => {
    const [row] = check(['Ana', 'ANA@x.org ', '(213) 555-0101', 'Spanish', '90012', 'CD 5', '']);
    expect(row).toMatchObject({
      ok: true,
      profile: {
        email: 'ana@x.org',
        phone: PHONE,
        contactPreference: 'email',
        language: 'es',
        councilDistrict: 5,
        myla311Use: null,
        format: null,
      },
    });
  });

  test('bad rows carry their errors in English, by field', () => {
    const rows = check(
      ['Ben', 'ben@x', '', 'en', '9001', '', ''],
      ['<b>Cy</b>', 'cy@x.org', '', '', '90012', '', ''],
      ['Di', 'di@x.org', '', 'Klingon', '90012', '42', 'teleport'],
    );
    expect(rows.map((r) => (r.ok ? 'ok' : r.errors))).toEqual([
      {
        email: 'Enter an email address in the correct format, like name@example.com',
        zip: 'Enter a 5-digit ZIP code, like 90012',
      },
      { firstName: 'Names cannot contain < or >' },
      {
        language: 'Choose one of the options',
        councilDistrict: 'Choose one of the options',
        needs: 'Choose one of the options',
      },
    ]);
  });

  test('an empty language cell takes the default language', () => {
    const [row] = check(['Ed', 'ed@x.org', '', '', '90012', 'unknown', '']);
    expect(row).toMatchObject({ ok: true, profile: { language: 'en', councilDistrict: null } });
  });
});

describe('rowToProfileInput and parseMapping', () => {
  test('contact synonyms, an interpreter language adds the interpreter need', () => {
    const m = {
      columns: { firstName: 0, contactPreference: 1, interpreterLanguage: 2 },
      defaultLanguage: '',
    };
    const { input, unknown } = rowToProfileInput(['Fay', 'Phone call', 'Korean'], m, ref);
    expect(input).toMatchObject({
      contactPreference: 'phone',
      interpreterLanguage: 'ko',
      needs: ['interpreter'],
      language: '',
    });
    expect(unknown).toEqual(['myla311Use', 'format']);
  });

  test.each([
    [{ firstName: '0', email: '1' }, null],
    [{ firstName: '0', phone: '1' }, null],
    [{ email: '1' }, { firstName: 'Choose the column with first names' }],
    [
      { firstName: '0' },
      { email: 'Choose a column with email addresses or one with phone numbers' },
    ],
    [{ firstName: '0', email: '3' }, { email: 'Choose one of the columns' }],
    [{ firstName: '0', email: '0' }, { email: 'This column is already used for First name' }],
    [
      { firstName: '0', email: '1', defaultLanguage: 'xx' },
      { defaultLanguage: 'Choose one of the languages' },
    ],
    [{ firstName: ['0'], email: '1' }, { firstName: 'Choose one of the columns' }],
  ])('mapping %j → %j', (body, errors) => {
    const r = parseMapping(body, 3, ref);
    expect(r.ok ? null : r.errors).toEqual(errors);
  });
});
