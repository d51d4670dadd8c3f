import { safeNext } from '../../src/web/auth';

// Values as Express hands them over (already URL-decoded once).
const kept = [
  '/staff',
  '/staff/',
  '/staff/users',
  '/staff/users/12',
  '/staff/participants/new',
  '/staff/mail/3/export.csv',
  '/staff/participants?district=3&sort=name&page=2',
  '/staff/participants?q=Rosa+Garc%C3%ADa',
  '/staff?tab=mail',
];

const refused = [
  '/staff/../../x',
  '/staff/..',
  '/staff/./users',
  '/staff/.',
  '/staff/users/..',
  '/staff/%2e%2e/x',
  '/staff/%2E%2E/x',
  '/staff/.%2e/x',
  '/staff%2f..%2fx',
  '/staff/%2fevil.example',
  '/staff/%5c..%5cx',
  '/staff/..%5cx',
  '/staff\\..\\x',
  '/staff/\\evil.example',
  '/staff//evil.example',
  '//evil.example/staff',
  '/staffing',
  '/login',
  '/',
  'https://evil.example/staff',
  'staff/users',
  '/staff/users#x',
  '/staff/users?next=%2e%2e',
  '/staff/users?x=%2F%2Fevil',
  '/staff/users?x=\\',
  '/staff/us ers',
  '/staff/users\r\nSet-Cookie: x=1',
  '',
];

test.each(kept)('keeps %s', (value) => {
  expect(safeNext(value)).toBe(value);
});

test.each(refused)('refuses %j (falls back to /staff)', (value) => {
  expect(safeNext(value)).toBe('/staff');
});

test('anything but a string, or an absurdly long one, falls back to /staff', () => {
  for (const value of [
    undefined,
    null,
    42,
    ['/staff/users'],
    { a: 1 },
    `/staff/${'a'.repeat(2001)}`,
  ]) {
    expect(safeNext(value)).toBe('/staff');
  }
});
