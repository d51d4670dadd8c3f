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

test('the demo studies have past and future sessions, invitations, a waitlist, outcomes and incentives; reproducible; a second run adds none', async () => {
  const a = await demoDb(311);
  const b = await demoDb(311);
  try {
    const now = '2026-11-26T12:00:00.000Z';
    const studies = await a.selectFrom('studies').select(['id', 'title']).orderBy('id').execute();
    expect(studies.map((s) => s.title)).toEqual([
      'Bulky Item pickup: intake',
      'Graffiti removal: hearing back',
    ]);
    for (const st of studies) {
      const sessions = await a
        .selectFrom('study_sessions')
        .selectAll()
        .where('study_id', '=', st.id)
        .execute();
      expect(sessions.some((s) => s.starts_at < now)).toBe(true);
      expect(sessions.some((s) => s.starts_at > now)).toBe(true);
      expect(sessions.some((s) => s.language === 'es')).toBe(true);
      const regs = await a
        .selectFrom('registrations as r')
        .innerJoin('study_sessions as s', 's.id', 'r.session_id')
        .select(['r.session_id', 'r.status', 'r.late_cancellation', 'r.walk_in', 'r.outcome_from'])
        .where('s.study_id', '=', st.id)
        .execute();
      const statuses = new Set(regs.map((r) => r.status));
      for (const s of ['confirmed', 'waitlisted', 'attended', 'no_show', 'cancelled'])
        expect(statuses).toContain(s);
      expect(regs.some((r) => r.late_cancellation === 1)).toBe(true);
      expect(regs.some((r) => r.walk_in === 1)).toBe(true);
      for (const s of sessions) {
        const seated = regs.filter(
          (r) =>
            r.session_id === s.id &&
            (r.status === 'confirmed' ||
              ((r.status === 'attended' || r.status === 'no_show') &&
                r.outcome_from === 'confirmed' &&
                r.walk_in === 0)),
        );
        expect(s.seats_taken).toBe(seated.length);
        // No confirmed seat is left at a past session: no reminder of it can be due.
        if (s.starts_at < now)
          expect(regs.filter((r) => r.session_id === s.id && r.status === 'confirmed')).toEqual([]);
      }
      const channels = await a
        .selectFrom('invitations')
        .select('channel')
        .distinct()
        .where('study_id', '=', st.id)
        .execute();
      expect(channels.map((c) => c.channel).sort()).toEqual(['email', 'phone']);
      expect(
        await a.selectFrom('sample_draws').select('id').where('study_id', '=', st.id).execute(),
      ).toHaveLength(1);
    }
    const incentives = await a.selectFrom('incentives').select('id').execute();
    expect(incentives.length).toBeGreaterThan(0);
    // The attendance history is the registrations' own.
    const history = await a
      .selectFrom('participants')
      .select((eb) => [
        eb.fn.sum<number>('sessions_attended').as('attended'),
        eb.fn.sum<number>('no_shows').as('noShows'),
      ])
      .executeTakeFirstOrThrow();
    const outcomes = await a
      .selectFrom('registrations')
      .select('status')
      .where('status', 'in', ['attended', 'no_show'])
      .execute();
    expect(Number(history.attended)).toBe(outcomes.filter((o) => o.status === 'attended').length);
    expect(Number(history.noShows)).toBe(outcomes.filter((o) => o.status === 'no_show').length);
    // Coded notes on every past session (8–15 each), pseudonyms within its roster.
    const notes = await a.selectFrom('session_notes').selectAll().orderBy('id').execute();
    const past = await a
      .selectFrom('study_sessions')
      .select('id')
      .where('starts_at', '<', now)
      .execute();
    expect(past.length).toBe(4);
    for (const s of past) {
      const own = notes.filter((n) => n.session_id === s.id);
      expect(own.length).toBeGreaterThanOrEqual(8);
      expect(own.length).toBeLessThanOrEqual(15);
      const people = (
        await a
          .selectFrom('registrations')
          .select('id')
          .where('session_id', '=', s.id)
          .where('status', 'in', ['confirmed', 'attended', 'no_show'])
          .execute()
      ).length;
      for (const n of own)
        if (n.pseudonym) expect(Number(n.pseudonym.slice(1))).toBeLessThanOrEqual(people);
    }
    for (const column of ['service', 'stage', 'driver', 'sentiment'] as const)
      expect(new Set(notes.map((n) => n[column])).size).toBeGreaterThanOrEqual(3);
    expect(notes.some((n) => n.is_quote === 1 && n.pseudonym)).toBe(true);
    expect(notes.some((n) => n.service === 'general')).toBe(true);
    const tagged = await a.selectFrom('session_note_themes').select('note_id').execute();
    expect(tagged.length).toBeGreaterThan(5);
    expect(
      await a.selectFrom('session_notes').select(['body', 'pseudonym']).orderBy('id').execute(),
    ).toEqual(
      await b.selectFrom('session_notes').select(['body', 'pseudonym']).orderBy('id').execute(),
    );
    const rows = (db: typeof a) =>
      db
        .selectFrom('registrations')
        .select(['session_id', 'participant_id', 'status', 'channel', 'created_at'])
        .orderBy('id')
        .execute();
    expect(await rows(b)).toEqual(await rows(a));
    const again = await seedDemo(a, {
      count: 5,
      seed: 311,
      baseUrl: 'http://localhost:3000',
      now: new Date('2026-11-26T12:00:00Z'),
    });
    expect(again.studies).toEqual([]);
    expect(again.notes).toBe(0);
    expect(await a.selectFrom('studies').select('id').execute()).toHaveLength(2);
  } finally {
    await Promise.all([a.destroy(), b.destroy()]);
  }
});
