import {
  channelFor,
  dueAt,
  offsetsOf,
  planReminders,
  staleReason,
} from '../../src/studies/reminders/reminder.rules';
import { refusalOf } from '../../src/studies/sessions/cancel.service';

describe('dueAt', () => {
  test('is exactly N real hours before the start, across a daylight-saving change', () => {
    // 3:30 AM PDT on 2027-03-14, the night the clocks go forward.
    expect(dueAt('2027-03-14T10:30:00.000Z', 48)).toBe('2027-03-12T10:30:00.000Z');
    expect(dueAt('2027-03-14T10:30:00.000Z', 2)).toBe('2027-03-14T08:30:00.000Z');
    // 1:30 AM PDT (the first one) on 2027-11-07, the night the clocks go back.
    expect(dueAt('2027-11-07T08:30:00.000Z', 2)).toBe('2027-11-07T06:30:00.000Z');
  });
});

describe('channelFor', () => {
  test.each([
    [{ email: 'a@example.com', contact_preference: 'email' }, 'email'],
    [{ email: 'a@example.com', contact_preference: null }, 'email'],
    [{ email: 'a@example.com', contact_preference: 'phone' }, 'call'],
    [{ email: 'a@example.com', contact_preference: 'text' }, 'call'],
    [{ email: null, contact_preference: 'email' }, 'call'],
  ] as const)('%j → %s', (p, channel) => {
    expect(channelFor(p)).toBe(channel);
  });
});

test('offsetsOf keeps whole positive hours once each, and survives bad JSON', () => {
  expect(offsetsOf('[48,2]')).toEqual([48, 2]);
  expect(offsetsOf('[48,48,2.5,-1,"3",0,24]')).toEqual([48, 24]);
  expect(offsetsOf('nope')).toEqual([]);
  expect(offsetsOf('{"a":1}')).toEqual([]);
});

describe('planReminders', () => {
  const base = {
    registrationId: 7,
    registeredAt: '2027-07-01T00:00:00.000Z',
    seatedAt: '2027-07-01T00:00:00.000Z',
    startsAt: '2027-07-16T01:00:00.000Z',
    offsets: [48, 2],
    channel: 'email' as const,
  };

  test('one pending row per offset, due that many hours before the start', () => {
    expect(planReminders(base).map((r) => [r.offsetHours, r.dueAt, r.status])).toEqual([
      [48, '2027-07-14T01:00:00.000Z', 'pending'],
      [2, '2027-07-15T23:00:00.000Z', 'pending'],
    ]);
  });

  test('an offset already due when they got their seat is planned skipped (late)', () => {
    const planned = planReminders({ ...base, seatedAt: '2027-07-15T00:00:00.000Z' });
    expect(planned.map((r) => [r.offsetHours, r.status, r.skipReason])).toEqual([
      [48, 'skipped', 'late'],
      [2, 'pending', null],
    ]);
  });

  test('promoted from the waitlist: the seat time counts, not the registration time', () => {
    const planned = planReminders({ ...base, seatedAt: '2027-07-14T05:00:00.000Z' });
    expect(planned[0].status).toBe('skipped');
    expect(planned[0].registeredAt).toBe(base.registeredAt);
  });
});

describe('staleReason', () => {
  const row = {
    kind: 'reminder' as 'reminder' | 'session_cancelled',
    registration_status: 'confirmed',
    session_status: 'scheduled',
    starts_at: '2027-07-16T01:00:00.000Z',
    person_status: 'active',
  };
  const before = '2027-07-15T00:00:00.000Z';

  test('a confirmed seat at a session ahead may still go out', () => {
    expect(staleReason(row, before)).toBeNull();
  });
  test('never at or after the start, whatever the kind', () => {
    expect(staleReason(row, row.starts_at)).toBe('started');
    expect(staleReason({ ...row, kind: 'session_cancelled' }, row.starts_at)).toBe('started');
  });
  test('not to someone withdrawn or deleted', () => {
    expect(staleReason({ ...row, person_status: 'withdrawn' }, before)).toBe('person');
  });
  test('a reminder ends with its session or registration; a cancellation notice does not', () => {
    expect(staleReason({ ...row, session_status: 'cancelled' }, before)).toBe('session');
    expect(staleReason({ ...row, registration_status: 'cancelled' }, before)).toBe('registration');
    expect(
      staleReason(
        {
          ...row,
          kind: 'session_cancelled',
          session_status: 'cancelled',
          registration_status: 'cancelled',
        },
        before,
      ),
    ).toBeNull();
  });
});

describe('refusalOf (cancelling a session)', () => {
  const s = { status: 'scheduled' as const, starts_at: '2027-07-16T01:00:00.000Z' };
  test('a scheduled session ahead in a live study can be cancelled', () => {
    expect(refusalOf('running', s, '2027-07-15T00:00:00.000Z')).toBeNull();
  });
  test('refused when archived, already cancelled or started', () => {
    expect(refusalOf('archived', s, '2027-07-15T00:00:00.000Z')).toMatch(/archived/);
    expect(refusalOf('running', { ...s, status: 'cancelled' }, '2027-07-15T00:00:00.000Z')).toMatch(
      /already cancelled/,
    );
    expect(refusalOf('running', s, s.starts_at)).toMatch(/already started/);
  });
});
