import type { DB } from '../../src/db/database';
import type { RegistrationStatus } from '../../src/db/schema';
import { addPerson } from './db';
import { insertResponse, SAMPLE_ANSWERS } from './survey-responses';
import { createSurvey } from './surveys';

/*
 * A study with known figures for the study report and report-back tests, written straight to
 * the tables (what the studies, surveys and feedback features store):
 *
 * - 16 people invited (P1–P16) from one draw of size 10 (invited_count 16); P17 walked in.
 * - Registered (not walk-ins): P1–P13 → P1–P10 attended, P11–P12 no-shows, P13 cancelled;
 *   attended 11 (with P17); show rate 10 / 12.
 * - Spanish: P1–P5 and P14 (invited 6, attended 5); Council District 4: P1–P3, P6–P8, P15, P16
 *   (invited 8, attended 6); quotas: Spanish ≥ 3, District 4 ≥ 2, Korean ≥ 2.
 * - P5 withdrew, P10 has no email: report-back goes to 9 (4 Spanish, 5 English).
 * - Needs: P1–P5 an interpreter (5), P6 wheelchair access (1: hidden).
 * - Incentives: study $50; P1–P3 issued $50 each.
 * - A survey of the study: submitted by P1, P2, P6 (+1 anonymous); P7 still in progress.
 * - Notes: 3 at session A (Bulky Items, intake: 2 pain points, one a quote by P2; 1 praise),
 *   1 at session B (general, communication, suggestion, a quote by P1); theme "Wait times" on 2.
 */

export const FIGURES = {
  sampled: 16,
  invited: 16,
  registered: 13,
  attended: 11,
  responded: 3,
  noShows: 2,
  recipients: 9,
  es: 4,
  en: 5,
};

const AT = '2027-04-01T17:00:00.000Z';
/** After both sessions took place (the clock of the tests). */
export const AFTER = new Date('2027-05-20T17:00:00Z');

/** `tag` keeps the emails of a second fixture in the same database apart. */
export async function buildStudyFixture(db: DB, tag = '') {
  const study = await db
    .insertInto('studies')
    .values({
      title: 'Bulky Item pickup: intake',
      purpose: 'How residents experience asking for a bulky item pickup.',
      target_participants: 10,
      incentive_cents: 5000,
      incentive_kind: 'gift_card',
      reminder_offsets: '[48,2]',
      status: 'running',
      created_by: null,
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = (startsAt: string) =>
    db
      .insertInto('study_sessions')
      .values({
        study_id: study.id,
        starts_at: startsAt,
        duration_minutes: 90,
        mode: 'in_person',
        place_name: 'Central Library',
        address: '630 W 5th St',
        step_free: 1,
        parking: null,
        transit: null,
        video_url: null,
        language: 'en',
        capacity: 10,
        extra_seats: 2,
        registration_deadline: '2027-04-20T19:00:00.000Z',
        facilitator_id: null,
        note_taker_id: null,
        incentive_cents: 0,
        incentive_kind: 'gift_card',
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const a = (await session('2027-05-01T01:00:00.000Z')).id;
  const b = (await session('2027-05-08T01:00:00.000Z')).id;
  await session('2027-09-08T01:00:00.000Z'); // ahead: no outcomes

  const query =
    'size=10&coolDownDays=90&seed=abc&quota1Dimension=language&quota1Value=es&quota1Min=3' +
    '&quota2Dimension=councilDistrict&quota2Value=4&quota2Min=2' +
    '&quota3Dimension=language&quota3Value=ko&quota3Min=2';
  const draw = await db
    .insertInto('sample_draws')
    .values({
      study_id: study.id,
      seed: 'abc',
      size: 10,
      over_recruit_rate: 0.6,
      cool_down_days: 90,
      query,
      invited_count: 16,
      created_by: null,
      created_at: AT,
      fingerprint: 'f'.repeat(32),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const people: number[] = [];
  for (let i = 1; i <= 17; i++) {
    const spanish = i <= 5 || i === 14;
    const district4 = [1, 2, 3, 6, 7, 8, 15, 16].includes(i);
    const needs = i <= 5 ? ['interpreter'] : i === 6 ? ['wheelchair'] : [];
    people[i] = await addPerson(
      db,
      {
        first_name: `Person${i}`,
        last_name: `Family${i}`,
        email: i === 10 ? null : `p${i}${tag}@example.com`,
        phone: i === 10 ? '2135550110' : null,
        language: spanish ? 'es' : 'en',
        council_district: district4 ? 4 : 1,
        status: i === 5 ? 'withdrawn' : 'active',
      },
      { needs },
    );
    if (i <= 16)
      await db
        .insertInto('invitations')
        .values({
          study_id: study.id,
          participant_id: people[i],
          draw_id: draw.id,
          channel: 'email',
          invited_at: AT,
        })
        .execute();
  }
  const registration = async (i: number, session: number, status: RegistrationStatus) =>
    (
      await db
        .insertInto('registrations')
        .values({
          session_id: session,
          participant_id: people[i],
          status,
          accommodations: null,
          channel: 'web',
          created_at: AT,
          updated_at: AT,
          cancelled_at: status === 'cancelled' ? AT : null,
          outcome_from: status === 'attended' || status === 'no_show' ? 'confirmed' : null,
          walk_in: i === 17 ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const regs: number[] = [];
  for (let i = 1; i <= 13; i++)
    regs[i] = await registration(
      i,
      i <= 6 ? a : b,
      i <= 10 ? 'attended' : i <= 12 ? 'no_show' : 'cancelled',
    );
  regs[17] = await registration(17, b, 'attended');
  for (const i of [1, 2, 3])
    await db
      .insertInto('incentives')
      .values({
        registration_id: regs[i],
        amount_cents: 5000,
        method: 'gift_card',
        issued_on: '2027-04-30',
        reference_note: '1234',
        issued_by: null,
        created_at: AT,
      })
      .execute();

  const { surveyId, versionId } = await createSurvey(db);
  await db.updateTable('surveys').set({ study_id: study.id }).where('id', '=', surveyId).execute();
  for (const i of [1, 2, 6])
    await insertResponse(db, {
      surveyId,
      versionId,
      participantId: people[i],
      answers: SAMPLE_ANSWERS,
    });
  await insertResponse(db, {
    surveyId,
    versionId,
    participantId: people[7],
    status: 'in_progress',
    answers: [],
  });
  await insertResponse(db, { surveyId, versionId, answers: SAMPLE_ANSWERS });

  const theme = await db
    .insertInto('themes')
    .values({
      name: `Wait times${tag && ` ${tag}`}`,
      name_key: `wait times${tag && ` ${tag}`}`,
      status: 'active',
      proposed_by: null,
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const note = async (
    session: number,
    n: {
      service: string;
      stage: 'intake' | 'communication';
      sentiment: 'praise' | 'pain_point' | 'suggestion';
      quote?: string;
      body: string;
      theme?: boolean;
    },
  ) => {
    const { id } = await db
      .insertInto('session_notes')
      .values({
        session_id: session,
        author_staff_id: null,
        body: n.body,
        service: n.service,
        stage: n.stage,
        driver: null,
        sentiment: n.sentiment,
        is_quote: n.quote ? 1 : 0,
        pseudonym: n.quote ?? null,
        created_at: AT,
        updated_at: AT,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (n.theme)
      await db
        .insertInto('session_note_themes')
        .values({ note_id: id, theme_id: theme.id })
        .execute();
  };
  await note(a, {
    service: 'Bulky Items',
    stage: 'intake',
    sentiment: 'pain_point',
    body: 'The hold time was long.',
    theme: true,
  });
  await note(a, {
    service: 'Bulky Items',
    stage: 'intake',
    sentiment: 'pain_point',
    quote: 'P2',
    body: 'I waited forty minutes on the phone.',
    theme: true,
  });
  await note(a, {
    service: 'Bulky Items',
    stage: 'intake',
    sentiment: 'praise',
    body: 'The app form was quick.',
  });
  await note(b, {
    service: 'general',
    stage: 'communication',
    sentiment: 'suggestion',
    quote: 'P1',
    body: 'Text me when the truck is coming.',
  });

  return { studyId: study.id, sessions: { a, b }, people, regs, surveyId };
}
