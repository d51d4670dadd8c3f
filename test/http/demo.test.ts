import { prepareDatabase } from '../../src/bootstrap';
import { testConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { seedDemo } from '../../src/demo/demo';

async function demoDb(seed: number) {
  const { db } = openDatabase(':memory:');
  await prepareDatabase(db, testConfig());
  await seedDemo(db, {
    count: 400,
    seed,
    baseUrl: 'http://localhost:3000',
    now: new Date('2026-11-26T12:00:00Z'),
  });
  return db;
}

test('the demo panel covers every district and resident language, and is reproducible', async () => {
  const a = await demoDb(311);
  const b = await demoDb(311);
  const c = await demoDb(7);
  try {
    const districts = await a
      .selectFrom('participants')
      .select('council_district')
      .distinct()
      .where('council_district', 'is not', null)
      .execute();
    expect(districts).toHaveLength(15);
    const languages = (
      await a.selectFrom('participants').select('language').distinct().execute()
    ).map((r) => r.language);
    expect(languages).toEqual(expect.arrayContaining(['en', 'es', 'ko', 'hy', 'zh-Hant']));
    const rows = (db: typeof a) =>
      db
        .selectFrom('participants')
        .select(['first_name', 'last_name', 'email', 'zip', 'language', 'status', 'created_at'])
        .orderBy('id')
        .execute();
    expect(await rows(b)).toEqual(await rows(a));
    expect(await rows(c)).not.toEqual(await rows(a));
    const consents = await a
      .selectFrom('consent_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(consents.n)).toBe(400);
    const staff = await a.selectFrom('staff_users').select('role').execute();
    expect(staff.map((s) => s.role).sort()).toEqual([
      'admin',
      'analyst',
      'facilitator',
      'organizer',
    ]);
  } finally {
    await Promise.all([a.destroy(), b.destroy(), c.destroy()]);
  }
});
