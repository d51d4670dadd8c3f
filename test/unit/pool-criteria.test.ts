import {
  DEFAULT_SORT,
  SEARCH_MAX,
  SORT_COLUMNS,
  SORT_KEYS,
  parsePoolQuery,
  poolCriteria,
  poolQuerySchema,
} from '../../src/participants/pool/pool.schema';
import { fakeReference } from '../support/reference';

const schema = poolQuerySchema(fakeReference());
const TZ = 'America/Los_Angeles';
const filter = (query: unknown) => parsePoolQuery(schema, query);
const criteria = (query: unknown) => poolCriteria(filter(query), TZ);

test('no query: no filter, newest first, page 1', () => {
  expect(criteria({})).toEqual({
    search: '',
    statuses: [],
    sources: [],
    languages: [],
    contactPreferences: [],
    zipPrefix: '',
    districts: [],
    neighborhoodCouncil: undefined,
    myla311Use: [],
    choices: { channels: [], requestTypes: [], needs: [], availability: [], race: [] },
    interpreterLanguage: undefined,
    formats: [],
    ageRanges: [],
    genders: [],
    recordingConsent: undefined,
    createdFrom: undefined,
    createdBefore: undefined,
    contactedFrom: undefined,
    contactedBefore: undefined,
    neverContacted: false,
    invitedFrom: undefined,
    invitedBefore: undefined,
    neverInvited: false,
    attended: { min: undefined, max: undefined },
    noShows: { min: undefined, max: undefined },
    sort: { column: 'created', direction: 'desc' },
  });
  expect(DEFAULT_SORT).toBe('created-desc');
  expect(filter({}).page).toBe(1);
});

test.each([undefined, null, 'status=active', 42])('a query that is no object (%j) is none', (q) => {
  expect(filter(q)).toEqual(filter({}));
});

describe('sort: only the allowlist reaches SQL', () => {
  test.each(SORT_KEYS)('%s is kept, split into column and direction', (key) => {
    const [column, direction] = key.split('-');
    expect(criteria({ sort: key }).sort).toEqual({ column, direction });
    expect(SORT_COLUMNS).toContain(column);
  });

  test.each([
    'name',
    'name-up',
    'NAME-ASC',
    'email-asc',
    'name-asc; drop table participants',
    'first_name asc',
    ['name-asc', 'status-desc'],
    '',
  ])('%j falls back to the default', (sort) => {
    expect(criteria({ sort }).sort).toEqual({ column: 'created', direction: 'desc' });
  });
});

test.each([
  ['1', 1],
  ['7', 7],
  ['100000', 100_000],
  ['100001', 1],
  ['0', 1],
  ['-5', 1],
  ['1.5', 1],
  ['abc', 1],
  ['1e309', 1],
  [['2', '3'], 1],
])('page %j → %i', (page, expected) => {
  expect(filter({ page }).page).toBe(expected);
});

describe('lists of codes', () => {
  test('one value or many; unknown codes dropped; duplicates removed', () => {
    const c = criteria({
      status: ['active', 'bogus', 'active', 'paused'],
      source: 'import',
      language: ['es', 'xx', 'zh-Hant'],
      contactPreference: 'fax',
      needs: ['asl', 'interpreter', 'asl'],
      requestTypes: ['Bulky Items', 'Potholes'],
    });
    expect(c.statuses).toEqual(['active', 'paused']);
    expect(c.sources).toEqual(['import']);
    expect(c.languages).toEqual(['es', 'zh-Hant']);
    expect(c.contactPreferences).toEqual([]);
    expect(c.choices.needs).toEqual(['asl', 'interpreter']);
    expect(c.choices.requestTypes).toEqual(['Bulky Items']);
  });

  test('districts are numbers; "unknown" is null; others dropped', () => {
    expect(criteria({ councilDistrict: ['3', 'unknown', '16', 'abc', '0'] }).districts).toEqual([
      3,
      null,
    ]);
  });

  test.each([
    ['20', 20],
    ['unknown', null],
    ['11', undefined],
    [['10', '20'], undefined],
  ])('neighborhood council %j → %j', (value, expected) => {
    expect(criteria({ neighborhoodCouncil: value }).neighborhoodCouncil).toBe(expected);
  });

  test('interpreter language must be a known language', () => {
    expect(criteria({ interpreterLanguage: 'ko' }).interpreterLanguage).toBe('ko');
    expect(criteria({ interpreterLanguage: 'xx' }).interpreterLanguage).toBeUndefined();
  });
});

describe('yes/no filters', () => {
  test.each([
    ['yes', true],
    ['no', false],
    ['true', undefined],
    ['', undefined],
  ])('recording consent %j → %j', (value, expected) => {
    expect(criteria({ recordingConsent: value }).recordingConsent).toBe(expected);
  });

  test.each([
    ['yes', true],
    ['no', false],
    ['1', false],
  ])('never contacted %j → %j', (value, expected) => {
    expect(criteria({ neverContacted: value }).neverContacted).toBe(expected);
  });
});

describe('text: search and ZIP prefix', () => {
  test('search is trimmed, control characters become spaces, cut to its limit', () => {
    expect(criteria({ q: '  Rosa  ' }).search).toBe('Rosa');
    expect(criteria({ q: 'a\u0000b\nc' }).search).toBe('a b c');
    expect(criteria({ q: 'x'.repeat(500) }).search).toHaveLength(SEARCH_MAX);
    expect(criteria({ q: ['a', 'b'] }).search).toBe('');
    // Wildcards are passed on as typed: the query escapes them, not the parser.
    expect(criteria({ q: '%_\\' }).search).toBe('%_\\');
  });

  test.each([
    ['900', '900'],
    [' 90012 ', '90012'],
    ['900123', ''],
    ['9001a', ''],
    ['', ''],
  ])('ZIP prefix %j → %j', (zip, expected) => {
    expect(criteria({ zip }).zipPrefix).toBe(expected);
  });
});

describe('dates are whole days in the city, as UTC bounds', () => {
  test('"from" is the start of that day, "to" includes the whole day', () => {
    const c = criteria({ createdFrom: '2026-01-15', createdTo: '2026-01-15' });
    expect(c.createdFrom).toBe('2026-01-15T08:00:00.000Z');
    expect(c.createdBefore).toBe('2026-01-16T08:00:00.000Z');
  });

  test('last invited: the same whole days, and "never invited" a switch', () => {
    const c = criteria({ invitedFrom: '2026-11-01', invitedTo: '2026-11-01', neverInvited: 'yes' });
    expect(c.invitedFrom).toBe('2026-11-01T07:00:00.000Z');
    expect(c.invitedBefore).toBe('2026-11-02T08:00:00.000Z');
    expect(c.neverInvited).toBe(true);
    expect(criteria({ neverInvited: 'no' }).neverInvited).toBe(false);
  });

  test('a day when clocks change is 23 hours long', () => {
    const c = criteria({ contactedFrom: '2026-03-08', contactedTo: '2026-03-08' });
    expect(c.contactedFrom).toBe('2026-03-08T08:00:00.000Z');
    expect(c.contactedBefore).toBe('2026-03-09T07:00:00.000Z');
  });

  test.each([
    '2026-02-30',
    '2026-13-01',
    '26-01-01',
    '2026-1-5',
    '2026-01-15T00:00',
    ['2026-01-15'],
  ])('%j is no date', (d) => {
    expect(criteria({ createdFrom: d, contactedTo: d })).toMatchObject({
      createdFrom: undefined,
      contactedBefore: undefined,
    });
  });
});

test.each([
  ['0', 0],
  ['9999', 9999],
  [' 12 ', 12],
  ['10000', undefined],
  ['-1', undefined],
  ['1e3', undefined],
  ['1.5', undefined],
  ['', undefined],
])('a count bound %j → %j', (value, expected) => {
  const c = criteria({
    attendedMin: value,
    attendedMax: value,
    noShowsMin: value,
    noShowsMax: value,
  });
  expect(c.attended).toEqual({ min: expected, max: expected });
  expect(c.noShows).toEqual({ min: expected, max: expected });
});

describe('attendance history (sessions attended, no-shows)', () => {
  test.each([
    [{ attendedMin: '2' }, { min: 2, max: undefined }],
    [{ neverAttended: 'yes' }, { min: undefined, max: 0 }],
    // "Never" wins over bounds typed beside it: at most 0, nothing at least.
    [
      { neverAttended: 'yes', attendedMin: '3', attendedMax: '5' },
      { min: undefined, max: 0 },
    ],
    [
      { neverAttended: 'no', attendedMin: '1' },
      { min: 1, max: undefined },
    ],
    [{ neverAttended: ['yes', 'yes'] }, { min: undefined, max: undefined }],
  ])('%j → sessions attended %j', (query, expected) => {
    expect(criteria(query).attended).toEqual(expected);
  });

  test('no-shows at least N', () => {
    expect(criteria({ noShowsMin: '1' }).noShows).toEqual({ min: 1, max: undefined });
    expect(criteria({ noShowsMin: '1', neverAttended: 'yes' }).noShows).toEqual({
      min: 1,
      max: undefined,
    });
  });

  test('never attended is kept in the filter the form shows back', () => {
    expect(filter({ neverAttended: 'yes' }).neverAttended).toBe('yes');
    expect(filter({ neverAttended: 'maybe' }).neverAttended).toBeUndefined();
  });
});
