import { prepareDatabase } from '../../src/bootstrap';
import { testConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { seedDemo } from '../../src/demo/demo';
import { seenFrom } from '../../src/surveys/model/answers';
import { conditionHolds } from '../../src/surveys/model/conditions';
import type { SurveyDefinition } from '../../src/surveys/model/definition';
import { latestVersion, loadDefinition } from '../../src/surveys/surveys.queries';

// Each test builds up to three demo databases (a few seconds each, more on a busy machine).
jest.setTimeout(120_000);

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

test('the demo surveys: three templates with at least 1,500 responses over languages and districts, stored as answering stores them', async () => {
  const db = await demoDb(311);
  try {
    const surveys = await db.selectFrom('surveys').selectAll().orderBy('id').execute();
    expect(surveys.map((s) => [s.title, s.kind, s.status])).toEqual([
      ['Bulky Item pickup: customer experience (A-11)', 'general', 'open'],
      ['Graffiti removal: after the session', 'post_session', 'open'],
      ['MyLA311 usage screener', 'screener', 'open'],
    ]);
    const [a11, post, screener] = surveys;
    const studies = await db.selectFrom('studies').select(['id', 'title']).orderBy('id').execute();
    expect(a11.study_id).toBe(studies.find((s) => s.title === 'Bulky Item pickup: intake')!.id);
    expect(post.study_id).toBe(
      studies.find((s) => s.title === 'Graffiti removal: hearing back')!.id,
    );
    expect(screener.open_slug).not.toBeNull();
    expect(a11.anonymous).toBe(1);
    const a11Questions = await db
      .selectFrom('survey_questions')
      .select(['driver', 'service', 'stage'])
      .where('driver', 'is not', null)
      .execute();
    expect(a11Questions).toHaveLength(7);
    for (const q of a11Questions) expect([q.service, q.stage]).toEqual(['Bulky Items', 'intake']);

    const responses = await db.selectFrom('survey_responses').selectAll().orderBy('id').execute();
    expect(responses.length).toBeGreaterThanOrEqual(1500);
    for (const s of surveys) expect(responses.some((r) => r.survey_id === s.id)).toBe(true);
    const distinct = (f: (r: (typeof responses)[number]) => unknown) => new Set(responses.map(f));
    expect([...distinct((r) => r.language)].sort()).toEqual(['en', 'es', 'hy', 'ko', 'zh-Hant']);
    expect([...distinct((r) => r.council_district)].filter((x) => x !== null)).toHaveLength(15);
    expect(distinct((r) => r.status)).toEqual(new Set(['submitted', 'in_progress']));
    // Staff-entered by phone and on paper, by a demo staff member; web answers by the respondent.
    const staffIds = new Set(
      (await db.selectFrom('staff_users').select('id').execute()).map((s) => s.id),
    );
    for (const channel of ['phone', 'paper'] as const) {
      const entered = responses.filter((r) => r.channel === channel);
      expect(entered.length).toBeGreaterThan(0);
      for (const r of entered) expect(staffIds.has(r.entered_by!)).toBe(true);
    }
    expect(responses.filter((r) => r.channel === 'web' && r.entered_by !== null)).toEqual([]);
    // Anonymous A-11 answers name no one; the screener's identified ones copy the person's facts.
    expect(responses.filter((r) => r.survey_id === a11.id && r.participant_id !== null)).toEqual(
      [],
    );
    const people = new Map(
      (
        await db
          .selectFrom('participants')
          .select(['id', 'council_district', 'myla311_use'])
          .execute()
      ).map((p) => [p.id, p]),
    );
    const identified = responses.filter((r) => r.participant_id !== null);
    expect(identified.length).toBeGreaterThan(50);
    for (const r of identified) {
      const p = people.get(r.participant_id!)!;
      expect([r.council_district, r.myla311_use]).toEqual([p.council_district, p.myla311_use]);
    }
    expect(responses.filter((r) => r.participant_id === null).length).toBeGreaterThan(500);
    // A recipient's response answered through their link; responded_at only when submitted.
    const recipients = await db.selectFrom('survey_recipients').selectAll().execute();
    const byKey = new Map(responses.map((r) => [`${r.survey_id}:${r.respondent_key}`, r]));
    for (const rc of recipients) {
      const r = byKey.get(`${rc.survey_id}:recipient:${rc.id}`);
      expect(rc.responded_at).toBe(r?.status === 'submitted' ? r.submitted_at : null);
    }

    // Every submitted response has a row for every question of its version; an in-progress one
    // none past where it stopped; "not shown" only where a condition hides the question.
    const answers = await db.selectFrom('survey_answers').selectAll().execute();
    const rowsOf = new Map<number, typeof answers>();
    for (const a of answers) rowsOf.set(a.response_id, [...(rowsOf.get(a.response_id) ?? []), a]);
    const defs = new Map<number, SurveyDefinition>();
    for (const s of surveys) {
      const v = await latestVersion(db, s.id);
      defs.set(v.id, await loadDefinition(db, v.id));
    }
    let notShown = 0;
    for (const r of responses) {
      const def = defs.get(r.version_id)!;
      const rows = rowsOf.get(r.id) ?? [];
      const seen = seenFrom(
        def,
        rows.map((a) => ({
          questionId: a.question_id,
          item: a.item,
          state: a.state,
          value: a.value,
          number: a.number,
        })),
      );
      const answered = new Set(rows.map((a) => a.question_id));
      for (const page of def.pages) {
        const pageShown = conditionHolds(page.condition, seen);
        for (const q of page.questions) {
          const own = rows.filter((a) => a.question_id === q.id);
          if (r.status === 'submitted') expect(answered.has(q.id)).toBe(true);
          else if (page.position >= r.page_position) expect(own).toEqual([]);
          const hidden = !pageShown || !conditionHolds(q.condition, seen);
          for (const a of own) {
            if (a.state === 'not_shown') notShown++;
            expect([q.code, a.state === 'not_shown']).toEqual([q.code, hidden]);
          }
        }
      }
    }
    expect(notShown).toBeGreaterThan(0);
    // Agreement skewed by driver: equity rated better than efficiency; NPS answers on 0–10.
    const mean = (code: string) => {
      const q = [...defs.values()]
        .flatMap((d) => d.pages.flatMap((p) => p.questions))
        .find((x) => x.code === code)!;
      const xs = answers
        .filter((a) => a.question_id === q.id && a.state === 'answered')
        .map((a) => a.number!);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(mean('equity')).toBeGreaterThan(mean('efficiency') + 0.3);
    expect(mean('recommend')).toBeGreaterThan(5);
    expect(answers.some((a) => a.other_text !== null)).toBe(true);

    // A second run adds no survey and no response.
    const again = await seedDemo(db, {
      count: 2,
      seed: 311,
      baseUrl: 'http://localhost:3000',
      now: new Date('2026-11-26T12:00:00Z'),
    });
    expect(again.surveys).toEqual([]);
    const after = await db.selectFrom('survey_responses').select('id').execute();
    expect(after).toHaveLength(responses.length);
  } finally {
    await db.destroy();
  }
});
