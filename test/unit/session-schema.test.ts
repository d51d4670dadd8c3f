import type { ReferenceData } from '../../src/reference/reference.queries';
import { sessionValidator } from '../../src/studies/sessions/session.schema';
import { reminderOffsets } from '../../src/studies/study/study.schema';

const ref = { languageCodes: new Set(['en', 'es', 'ko']) } as unknown as ReferenceData;
const validate = sessionValidator(ref, 'America/Los_Angeles');

const form = (over: Record<string, unknown> = {}) => ({
  startsAt: '2026-11-01T01:30',
  durationMinutes: '90',
  mode: 'online',
  videoUrl: 'https://meet.example.com/x',
  language: 'es',
  interpretation: ['es', 'ko'],
  capacity: '8',
  extraSeats: '0',
  registrationDeadline: '2026-10-30T12:00',
  incentiveAmount: '$40',
  incentiveKind: 'cash_card',
  ...over,
});

test('a valid form: the start as its first UTC instant, marked ambiguous; cents; own language not interpreted', () => {
  const r = validate(form());
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  expect(r.data).toMatchObject({
    startsAt: '2026-11-01T08:30:00.000Z',
    ambiguousStart: true,
    registrationDeadline: '2026-10-30T19:00:00.000Z',
    incentiveAmount: 4000,
    interpretation: ['ko'],
    placeName: null,
    facilitatorId: null,
  });
});

test('every problem at once, in the order of the page', () => {
  const r = validate(
    form({
      startsAt: '2027-03-14T02:15',
      mode: 'hybrid',
      videoUrl: 'javascript:alert(1)',
      capacity: '0',
      registrationDeadline: 'soon',
    }),
  );
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(Object.keys(r.errors)).toEqual([
    'startsAt',
    'placeName',
    'address',
    'stepFree',
    'videoUrl',
    'capacity',
    'registrationDeadline',
  ]);
  expect(r.errors.startsAt).toMatch(/does not exist: the clocks go forward/);
  expect(r.errors.videoUrl).toMatch(/https:\/\//);
});

test('the deadline must be before the start', () => {
  const r = validate(form({ registrationDeadline: '2026-11-01T01:30' }));
  expect(r).toEqual({
    ok: false,
    errors: { registrationDeadline: 'The registration deadline must be before the start' },
  });
});

test.each([
  ['48, 2', [48, 2]],
  ['2 48 48', [48, 2]],
  ['336', [336]],
])('reminder offsets %j → %j', (typed, hours) => {
  expect(reminderOffsets.parse(typed)).toEqual(hours);
});

test.each(['', '0', '337', '1.5', '1,2,3,4,5,6', 'soon'])(
  'reminder offsets %j refused',
  (typed) => {
    expect(reminderOffsets.safeParse(typed).success).toBe(false);
  },
);
