import { DAY } from '../../src/clock';
import { closeDatabase, openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { SeededRandom } from '../../src/random';
import {
  parsePoolQuery,
  poolCriteria,
  poolQuerySchema,
} from '../../src/participants/pool/pool.schema';
import { loadReferenceData } from '../../src/reference/reference.seed';
import { insertInvitations } from '../../src/studies/invitations/invitations.queries';
import { candidatesFor } from '../../src/studies/sampling/sampling.queries';
import {
  drawSample,
  overRecruitRate,
  quotaValues,
  type Candidate,
  type DrawInput,
  type Quota,
} from '../../src/studies/sampling/quota-draw';
import { addPerson } from '../support/db';
import { fakeReference } from '../support/reference';

/** A pool like the panel's: 15 districts, English-heavy, a few channels each. */
function makePool(n: number): Candidate[] {
  const rnd = new SeededRandom(1);
  return Array.from({ length: n }, (_, i) => ({
    id: 1000 + i * 3,
    attrs: {
      councilDistrict: rnd.chance(0.1) ? null : String(rnd.int(1, 15)),
      language: rnd.weighted([
        ['en', 60],
        ['es', 30],
        ['ko', 10],
      ]),
      myla311Use: rnd.pick(['never', 'once', 'few', 'often']),
      channel: rnd.some(['app', 'phone', 'web', 'in_person'], 0.4),
      format: rnd.pick(['in_person', 'online', 'either']),
      ageRange: rnd.pick(['18_24', '25_34', '65_plus']),
    },
  }));
}

const POOL = makePool(2000);
const draw = (over: Partial<DrawInput>) =>
  drawSample({ candidates: POOL, quotas: [], size: 20, seed: 'x', overRecruit: 0, ...over });
const BY_ID = new Map(POOL.map((c) => [c.id, c]));
/** How many of the drawn ids have this value (the draw's own count is checked against it). */
const count = (ids: number[], dimension: string, value: string) =>
  ids.filter((id) => {
    const v = BY_ID.get(id)!.attrs[dimension];
    return Array.isArray(v) ? v.includes(value) : v === value;
  }).length;
const SEEDS = Array.from({ length: 40 }, (_, i) => `seed-${i}`);

describe('quotas met when the pool allows', () => {
  test('at least 5 in each of three districts, in a sample of 20 (random alone gives ~1.3)', () => {
    const quotas: Quota[] = ['3', '7', '11'].map((d) => ({
      dimension: 'councilDistrict',
      value: d,
      min: 5,
    }));
    for (const seed of SEEDS) {
      const r = draw({ quotas, seed });
      expect(r.ids).toHaveLength(20);
      for (const d of ['3', '7', '11'])
        expect(count(r.ids, 'councilDistrict', d)).toBeGreaterThanOrEqual(5);
      expect(r.fill.map((f) => f.met)).toEqual([true, true, true]);
      expect(r.shortfalls).toEqual([]);
    }
  });

  test('at most 4 English speakers (60% of the pool) and still 20 people', () => {
    for (const seed of SEEDS) {
      const r = draw({ quotas: [{ dimension: 'language', value: 'en', max: 4 }], seed });
      expect(r.ids).toHaveLength(20);
      expect(count(r.ids, 'language', 'en')).toBeLessThanOrEqual(4);
      expect(r.fill[0].drawn).toBe(count(r.ids, 'language', 'en'));
    }
  });

  test('a maximum holds while minimums push towards it', () => {
    // Korean speakers and never-users are needed, nobody from district 1, never-users capped.
    const quotas: Quota[] = [
      { dimension: 'language', value: 'ko', min: 8 },
      { dimension: 'councilDistrict', value: '1', max: 0 },
      { dimension: 'myla311Use', value: 'never', min: 10, max: 12 },
    ];
    for (const seed of SEEDS) {
      const r = draw({ quotas, seed });
      expect(count(r.ids, 'language', 'ko')).toBeGreaterThanOrEqual(8);
      expect(count(r.ids, 'councilDistrict', '1')).toBe(0);
      const never = count(r.ids, 'myla311Use', 'never');
      expect(never).toBeGreaterThanOrEqual(10);
      expect(never).toBeLessThanOrEqual(12);
    }
  });

  test('shares are of the sample size: a minimum rounds up, a maximum down', () => {
    const r = draw({
      size: 25,
      quotas: [
        { dimension: 'language', value: 'ko', minShare: 0.3 },
        { dimension: 'language', value: 'en', maxShare: 0.5 },
      ],
    });
    expect(r.fill.map((f) => [f.sample.min, f.sample.max])).toEqual([
      [8, null],
      [0, 12],
    ]);
    expect(count(r.ids, 'language', 'ko')).toBeGreaterThanOrEqual(8);
    expect(count(r.ids, 'language', 'en')).toBeLessThanOrEqual(12);
    // 0.07 × 100 is 7.000000000000001 in floating point: still 7, not 8.
    expect(
      draw({ size: 100, quotas: [{ dimension: 'format', value: 'online', minShare: 0.07 }] })
        .fill[0].min,
    ).toBe(7);
  });

  test('a count and a share on one quota: the stricter bound wins', () => {
    const r = draw({
      size: 20,
      quotas: [
        { dimension: 'language', value: 'es', min: 3, minShare: 0.25, max: 9, maxShare: 0.5 },
      ],
    });
    expect(r.fill[0].sample).toEqual({ min: 5, max: 9 });
  });

  test('a multi-valued dimension counts a person for each of their values', () => {
    const pool: Candidate[] = [
      { id: 1, attrs: { channel: ['app', 'web'] } },
      { id: 2, attrs: { channel: ['app', 'web'] } },
      { id: 3, attrs: { channel: ['phone'] } },
      { id: 4, attrs: { channel: [] } },
    ];
    const r = drawSample({
      candidates: pool,
      quotas: [
        { dimension: 'channel', value: 'app', min: 2 },
        { dimension: 'channel', value: 'web', min: 2 },
      ],
      size: 2,
      seed: 1,
      overRecruit: 0,
    });
    expect([...r.ids].sort()).toEqual([1, 2]);
    expect(r.fill.map((f) => f.drawn)).toEqual([2, 2]);
    // Minimums over a list-valued dimension may add up past the size: no conflict reported.
    expect(r.shortfalls).toEqual([]);
  });
});

describe('shortfalls are named with exact numbers', () => {
  const pool: Candidate[] = [
    ...[1, 2, 3].map((id) => ({ id, attrs: { councilDistrict: '4', language: 'es' } })),
    ...Array.from({ length: 20 }, (_, i) => ({
      id: 10 + i,
      attrs: { councilDistrict: '9', language: 'en' },
    })),
  ];
  const base = { candidates: pool, size: 10, seed: 's', overRecruit: 0 };

  test('a minimum the pool cannot meet: which quota, how many short, how many exist', () => {
    const quota = { dimension: 'councilDistrict', value: '4', min: 5 };
    const r = drawSample({ ...base, quotas: [quota] });
    expect(r.shortfalls).toEqual([
      { kind: 'quota', quota, min: 5, drawn: 3, shortBy: 2, eligible: 3 },
    ]);
    expect(r.fill[0]).toMatchObject({ min: 5, drawn: 3, eligible: 3, met: false });
    expect(r.ids).toHaveLength(10); // the rest is still drawn
    expect(r.ids.filter((id) => id <= 3).sort()).toEqual([1, 2, 3]);
  });

  test('a pool smaller than the sample: everyone, and the size short by the difference', () => {
    const r = drawSample({ ...base, candidates: pool.slice(0, 7), quotas: [] });
    expect([...r.ids].sort((a, b) => a - b)).toEqual([1, 2, 3, 10, 11, 12, 13]);
    expect(r.shortfalls).toEqual([{ kind: 'size', invited: 10, drawn: 7, shortBy: 3, pool: 7 }]);
  });

  test('maximums that leave too few people short the size, never break', () => {
    const r = drawSample({ ...base, quotas: [{ dimension: 'language', value: 'en', max: 2 }] });
    expect(r.ids).toHaveLength(5);
    expect(r.fill[0].drawn).toBe(2);
    expect(r.shortfalls).toEqual([{ kind: 'size', invited: 10, drawn: 5, shortBy: 5, pool: 23 }]);
  });

  test('minimums of one dimension adding up past the size are reported', () => {
    const quotas = [
      { dimension: 'language', value: 'es', min: 3 },
      { dimension: 'language', value: 'en', min: 8 },
    ];
    const r = drawSample({ ...base, quotas });
    // Filled in the order given: Spanish first, then English until the size is reached.
    expect(r.shortfalls).toEqual([
      { kind: 'minimumsAboveSize', dimension: 'language', minimums: 11, invited: 10 },
      { kind: 'quota', quota: quotas[1], min: 8, drawn: 7, shortBy: 1, eligible: 20 },
    ]);
    expect(r.ids).toHaveLength(10);
  });

  test('a minimum above its maximum is reported', () => {
    const quota = { dimension: 'language', value: 'en', min: 6, maxShare: 0.5 };
    const r = drawSample({ ...base, quotas: [quota] });
    expect(r.shortfalls).toContainEqual({ kind: 'minAboveMax', quota, min: 6, max: 5 });
    expect(r.fill[0].drawn).toBe(5);
  });

  test('no candidates: nothing drawn, every minimum and the size short, no error', () => {
    const quota = { dimension: 'language', value: 'es', min: 2 };
    const r = drawSample({ ...base, candidates: [], quotas: [quota] });
    expect(r.ids).toEqual([]);
    expect(r.pool).toBe(0);
    expect(r.shortfalls).toEqual([
      { kind: 'quota', quota, min: 2, drawn: 0, shortBy: 2, eligible: 0 },
      { kind: 'size', invited: 10, drawn: 0, shortBy: 10, pool: 0 },
    ]);
  });
});

describe('reproducible and fair', () => {
  const quotas: Quota[] = [
    { dimension: 'councilDistrict', value: '5', min: 4 },
    { dimension: 'language', value: 'en', maxShare: 0.5 },
  ];

  test('the same seed gives the same sample, whatever the order of the candidates', () => {
    const first = draw({ quotas, seed: 'study-12' });
    // Interleaved: odd positions first, then even ones (neither sorted nor reversed).
    const shuffled = [...POOL.filter((_, i) => i % 2), ...POOL.filter((_, i) => !(i % 2))];
    for (const candidates of [shuffled, [...POOL].reverse()])
      expect(draw({ quotas, seed: 'study-12', candidates }).ids).toEqual(first.ids);
    expect(draw({ quotas, seed: 42 }).ids).toEqual(draw({ quotas, seed: '42' }).ids);
  });

  test('different seeds give different samples', () => {
    const samples = new Set(SEEDS.map((seed) => draw({ quotas, seed }).ids.join(',')));
    expect(samples.size).toBe(SEEDS.length);
    const a = new Set(draw({ seed: 'a' }).ids);
    expect(draw({ seed: 'b' }).ids.filter((id) => a.has(id)).length).toBeLessThan(5);
  });

  test('no one twice, even when the input lists someone twice', () => {
    for (const seed of SEEDS) {
      const r = draw({ quotas, seed, size: 300 });
      expect(new Set(r.ids).size).toBe(300);
    }
    const twice = [...POOL.slice(0, 5), ...POOL.slice(0, 5)];
    const r = drawSample({ candidates: twice, quotas: [], size: 10, seed: 1, overRecruit: 0 });
    expect([...r.ids].sort()).toEqual(POOL.slice(0, 5).map((c) => c.id));
    expect(r.pool).toBe(5);
  });

  test('everyone can be drawn: over many seeds each candidate of a small pool turns up', () => {
    const pool = POOL.slice(0, 30);
    const seen = new Set<number>();
    for (const seed of SEEDS)
      for (const id of drawSample({ candidates: pool, quotas: [], size: 3, seed, overRecruit: 0 })
        .ids)
        seen.add(id);
    expect(seen.size).toBe(30);
  });
});

describe('over-recruitment', () => {
  test('ceil(size × (1 + rate)) people, with counts scaled by the same factor', () => {
    const r = draw({
      size: 60,
      overRecruit: 0.2,
      quotas: [
        { dimension: 'councilDistrict', value: '2', min: 5 },
        { dimension: 'language', value: 'en', max: 30 },
        { dimension: 'myla311Use', value: 'never', maxShare: 0.25 },
      ],
    });
    expect(r.invited).toBe(72);
    expect(r.ids).toHaveLength(72);
    expect(r.fill.map((f) => [f.sample.min, f.sample.max, f.min, f.max])).toEqual([
      [5, null, 6, null],
      [0, 30, 0, 36],
      [0, 15, 0, 18],
    ]);
    expect(count(r.ids, 'councilDistrict', '2')).toBeGreaterThanOrEqual(6);
    expect(count(r.ids, 'language', 'en')).toBeLessThanOrEqual(36);
    // 100 × 1.1 is 110.00000000000001 in floating point: still 110.
    expect(draw({ size: 100, overRecruit: 0.1 }).ids).toHaveLength(110);
    expect(draw({ size: 7, overRecruit: 0.2 }).invited).toBe(9);
  });

  test('the rate from a show rate: 20% with no history, capped at twice the size', () => {
    expect(overRecruitRate(null)).toBe(0.2);
    expect(overRecruitRate(0.8)).toBeCloseTo(0.25);
    expect(overRecruitRate(1)).toBe(0);
    expect(overRecruitRate(0.2)).toBe(1);
    expect(overRecruitRate(0)).toBe(1);
  });
});

test('quotaValues: the distinct values quotas are set on for a dimension', () => {
  const quotas = [
    { dimension: 'channel', value: 'app', min: 2 },
    { dimension: 'language', value: 'es', min: 2 },
    { dimension: 'channel', value: 'web', max: 2 },
    { dimension: 'channel', value: 'app', maxShare: 0.5 },
  ];
  expect(quotaValues(quotas, 'channel')).toEqual(['app', 'web']);
  expect(quotaValues(quotas, 'format')).toEqual([]);
});

test('bad input is refused', () => {
  expect(() => draw({ size: 0 })).toThrow(RangeError);
  expect(() => draw({ size: 2.5 })).toThrow(RangeError);
  expect(() => draw({ overRecruit: -0.1 })).toThrow(RangeError);
  expect(() => draw({ quotas: [{ dimension: 'language', value: 'en', min: -1 }] })).toThrow(
    RangeError,
  );
  expect(() => draw({ quotas: [{ dimension: 'language', value: 'en', maxShare: 1.5 }] })).toThrow(
    RangeError,
  );
});

describe('candidatesFor: the pool filter, active only, the cool-down, exclusions', () => {
  const opened = openDatabase(':memory:');
  const { db } = opened;
  const now = new Date('2026-12-01T12:00:00.000Z');
  const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
  const criteria = (query: object) =>
    poolCriteria(parsePoolQuery(poolQuerySchema(fakeReference()), query), 'America/Los_Angeles');
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    await migrateToLatest(db);
    await loadReferenceData(db, { logger: { warn: () => undefined } });
    const person = {
      council_district: 4,
      myla311_use: 'never',
      format_preference: 'online',
    } as const;
    ids.es = await addPerson(db, { ...person, language: 'es' }, { channels: ['web', 'app'] });
    // Contacted yesterday (a confirmation email, a staff call): not what the cool-down counts.
    ids.en = await addPerson(db, { language: 'en', last_contacted_at: ago(1) });
    ids.recent = await addPerson(db, { language: 'es' });
    ids.paused = await addPerson(db, { language: 'es', status: 'paused' });
    ids.pending = await addPerson(db, { language: 'es', status: 'pending' });
    ids.inStudy = await addPerson(db, { language: 'es' });
    const study = async () => {
      const { id } = await db
        .insertInto('studies')
        .values({
          title: 'A study',
          purpose: 'Testing',
          target_participants: 8,
          incentive_cents: 0,
          incentive_kind: 'gift_card',
          reminder_offsets: '[48,2]',
          status: 'recruiting',
          created_by: null,
          created_at: ago(300),
          updated_at: ago(300),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    };
    ids.other = await study();
    ids.study = await study();
    // Invited to another study 91 days ago (outside a 90-day cool-down) and 89 days ago (inside);
    // invited to this study long ago (never drawn for it again).
    await insertInvitations(db, [
      {
        study_id: ids.other,
        participant_id: ids.en,
        draw_id: null,
        channel: 'email',
        invited_at: ago(91),
      },
      {
        study_id: ids.other,
        participant_id: ids.recent,
        draw_id: null,
        channel: 'phone',
        invited_at: ago(89),
      },
      {
        study_id: ids.study,
        participant_id: ids.inStudy,
        draw_id: null,
        channel: 'email',
        invited_at: ago(200),
      },
    ]);
  });
  afterAll(() => closeDatabase(opened));

  test('active people not invited in the cool-down nor to this study, with their attributes', async () => {
    const rows = await candidatesFor(db, criteria({}), {
      coolDownDays: 90,
      now,
      studyId: ids.study,
    });
    expect(rows).toEqual([
      {
        id: ids.es,
        attrs: {
          councilDistrict: '4',
          language: 'es',
          myla311Use: 'never',
          channel: expect.arrayContaining(['app', 'web']), // in no particular order
          format: 'online',
          ageRange: null,
        },
      },
      { id: ids.en, attrs: expect.objectContaining({ language: 'en', channel: [] }) },
    ]);
    expect(rows[0].attrs.channel).toHaveLength(2);
  });

  test("the pool's filters apply; a shorter cool-down lets recent invitees back", async () => {
    const rows = await candidatesFor(db, criteria({ language: 'es' }), { coolDownDays: 30, now });
    expect(rows.map((r) => r.id)).toEqual([ids.es, ids.recent, ids.inStudy]);
    const paused = await candidatesFor(db, criteria({ status: 'paused' }), {
      coolDownDays: 0,
      now,
    });
    expect(paused).toEqual([]);
  });

  test('channels: only the values asked for are read, none when none are asked', async () => {
    const options = { coolDownDays: 90, now };
    const web = await candidatesFor(db, criteria({}), options, ['web', 'phone']);
    expect(web.map((r) => [r.id, r.attrs.channel])).toEqual([
      [ids.es, ['web']],
      [ids.en, []],
      [ids.inStudy, []],
    ]);
    const none = await candidatesFor(db, criteria({}), options, []);
    expect(none.map((r) => r.id)).toEqual([ids.es, ids.en, ids.inStudy]);
    expect(none[0].attrs.channel).toBeUndefined();
    expect(none[0].attrs.language).toBe('es');
  });
});
