import { idFrom } from '../../src/web/params';
import { NotFoundError } from '../../src/errors';

test('idFrom accepts positive whole numbers and answers 404 to anything else', () => {
  expect(idFrom('1')).toBe(1);
  expect(idFrom('123456789012345')).toBe(123456789012345);
  for (const bad of [
    '0',
    '007',
    '-1',
    '1.5',
    '1e3',
    'abc',
    '',
    ' 1',
    '1234567890123456',
    undefined,
    ['1'],
  ]) {
    expect(() => idFrom(bad)).toThrow(NotFoundError);
  }
});
