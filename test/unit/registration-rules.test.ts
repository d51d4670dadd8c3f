import { HOUR, MINUTE } from '../../src/clock';
import {
  canBeRegistered,
  deadlinePassed,
  isLateCancellation,
} from '../../src/studies/registration/registration.rules';

const START = '2027-07-16T01:00:00.000Z';
const before = (ms: number) => new Date(new Date(START).getTime() - ms);

test('a cancellation within 24 hours of the start (or after it) is late; 24 hours or more before is not', () => {
  expect(isLateCancellation(START, before(25 * HOUR))).toBe(false);
  expect(isLateCancellation(START, before(24 * HOUR))).toBe(false);
  expect(isLateCancellation(START, before(24 * HOUR - MINUTE))).toBe(true);
  expect(isLateCancellation(START, before(23 * HOUR))).toBe(true);
  expect(isLateCancellation(START, before(-HOUR))).toBe(true);
});

test('the deadline itself is the last moment to register', () => {
  expect(deadlinePassed(START, before(1))).toBe(false);
  expect(deadlinePassed(START, before(0))).toBe(false);
  expect(deadlinePassed(START, before(-1))).toBe(true);
});

test('only people active in the panel can be registered', () => {
  expect(canBeRegistered('active')).toBe(true);
  for (const s of ['pending', 'paused', 'withdrawn', 'deleted'])
    expect(canBeRegistered(s)).toBe(false);
});
