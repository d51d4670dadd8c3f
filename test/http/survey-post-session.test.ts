import { MINUTE } from '../../src/clock';
import type { ComposedMail } from '../../src/mail/mailer';
import { Mailer } from '../../src/mail/mailer';
import { appJobs } from '../../src/jobs/jobs';
import { createLogger } from '../../src/logger';
import { SurveySender } from '../../src/surveys/distribute/send.service';
import { buildTestApp, createStaff, servicesOf, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

/*
 * The post-session survey job, on an injected clock: it sends once the survey's wait after the
 * session's end has passed, to those checked in as attended, exactly once; never for a
 * cancelled session; and a failure between composing and storing loses and doubles nothing.
 */

let ctx: TestContext;
let studyId: number;
let sessionId: number;
let cancelledId: number;
let surveyId: number;
const people: Record<string, number> = {};

// 2027-07-15 18:00 in Los Angeles (PDT) is 2027-07-16 01:00 UTC; 90 minutes long.
const ENDS = Date.parse('2027-07-16T02:30:00.000Z');
const DUE = new Date(ENDS + 120 * MINUTE);

function sender(mailer: Mailer = ctx.mailer) {
  return new SurveySender({
    db: ctx.db,
    clock: ctx.clock,
    mailer,
    config: ctx.config,
    manageLinks: servicesOf(ctx).participants,
  });
}

async function register(
  session: number,
  participantId: number,
  status: 'attended' | 'no_show' | 'confirmed',
) {
  await ctx.db
    .insertInto('registrations')
    .values({
      session_id: session,
      participant_id: participantId,
      status,
      channel: 'web',
      created_at: '2027-07-01T00:00:00.000Z',
      updated_at: '2027-07-01T00:00:00.000Z',
    })
    .execute();
}

const recipients = () =>
  ctx.db.selectFrom('survey_recipients').selectAll().where('survey_id', '=', surveyId).execute();
const mails = () =>
  ctx.db.selectFrom('outbox').selectAll().where('template', '=', 'survey-invitation').execute();

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
  const who = await createStaff(ctx, 'organizer');
  const organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  sessionId = await addSession(organizer, studyId, sessionForm());
  cancelledId = await addSession(organizer, studyId, sessionForm({ startsAt: '2027-07-14T18:00' }));
  await ctx.db
    .updateTable('study_sessions')
    .set({ status: 'cancelled' })
    .where('id', '=', cancelledId)
    .execute();
  for (const [name, row] of [
    ['Ana', { email: 'ana@example.com', language: 'es' }],
    ['Ko', { email: 'ko@example.com', language: 'ko' }],
    ['Pat', { phone: '+12135550101' }],
    ['NoShow', { email: 'noshow@example.com' }],
    ['Seat', { email: 'seat@example.com' }],
    ['Elsewhere', { email: 'elsewhere@example.com' }],
  ] as const)
    people[name] = await addPerson(ctx.db, { first_name: name, ...row });
  await register(sessionId, people.Ana, 'attended');
  await register(sessionId, people.Ko, 'attended');
  await register(sessionId, people.Pat, 'attended');
  await register(sessionId, people.NoShow, 'no_show');
  await register(sessionId, people.Seat, 'confirmed');
  // Checked in at a session that was then cancelled: never sent.
  await register(cancelledId, people.Elsewhere, 'attended');
  ({ surveyId } = await createSurvey(
    ctx.db,
    sampleSurveySpec({ kind: 'post_session', studyId, title: 'After the session' }),
  ));
});
afterAll(() => ctx.close());

test('the app runs it as a job', () => {
  const names = appJobs({
    db: ctx.db,
    clock: ctx.clock,
    logger: createLogger('silent'),
    mailer: ctx.mailer,
    mailFrom: ctx.config.mailFrom,
    config: ctx.config,
  }).map((j) => j.name);
  expect(names).toContain('post-session-surveys');
});

test('nothing before the wait after the session’s end has passed', async () => {
  ctx.clock.set(new Date(DUE.getTime() - MINUTE));
  expect(await sender().sendPostSession()).toBe(0);
  expect(await recipients()).toHaveLength(0);
});

test('a failure between composing and storing stores nothing: the next run sends it, once', async () => {
  ctx.clock.set(DUE);
  const failing = new Mailer(ctx.config, ctx.clock);
  let calls = 0;
  failing.enqueue = async (db, mail: ComposedMail) => {
    // The second email's write fails: its whole chunk is rolled back.
    if (++calls === 2) throw new Error('disk full');
    return ctx.mailer.enqueue(db, mail);
  };
  await expect(sender(failing).sendPostSession()).rejects.toThrow('disk full');
  expect(await recipients()).toHaveLength(0);
  expect(await mails()).toHaveLength(0);
  // A restart: the rows say what is still owed.
  expect(await sender().sendPostSession()).toBe(3);
});

test('exactly once, to those checked in as attended, in their language; a cancelled session never', async () => {
  const rows = await recipients();
  expect(rows.map((r) => r.participant_id).sort()).toEqual(
    [people.Ana, people.Ko, people.Pat].sort(),
  );
  expect(rows.every((r) => r.session_id === sessionId && r.sent_by === null)).toBe(true);
  const sent = await mails();
  expect(sent.map((m) => [m.to_address, m.language]).sort()).toEqual([
    ['ana@example.com', 'es'],
    ['ko@example.com', 'ko'],
  ]);
  expect(sent.find((m) => m.language === 'es')!.subject).toBe(
    'Gracias por participar: díganos cómo fue la conversación',
  );
  // Later runs (a restart, the next minute) find nothing owed.
  ctx.clock.set(new Date(DUE.getTime() + 60 * MINUTE));
  expect(await sender().sendPostSession()).toBe(0);
  expect(await sender().sendPostSession()).toBe(0);
  expect(await recipients()).toHaveLength(3);
  expect(await mails()).toHaveLength(2);
});

test('a closed survey, or a general one, sends nothing', async () => {
  const late = await addPerson(ctx.db, { first_name: 'Late', email: 'late@example.com' });
  await register(sessionId, late, 'attended');
  await ctx.db
    .updateTable('surveys')
    .set({ status: 'closed' })
    .where('id', '=', surveyId)
    .execute();
  await createSurvey(ctx.db, sampleSurveySpec({ kind: 'general', studyId }));
  expect(await sender().sendPostSession()).toBe(0);
});

test('the wait is the survey’s own', async () => {
  const quick = await createSurvey(
    ctx.db,
    sampleSurveySpec({ kind: 'post_session', studyId, title: 'Quick' }),
  );
  await ctx.db
    .updateTable('surveys')
    .set({ send_after_minutes: 10 })
    .where('id', '=', quick.surveyId)
    .execute();
  await ctx.db.updateTable('surveys').set({ status: 'open' }).where('id', '=', surveyId).execute();
  ctx.clock.set(new Date(ENDS + 5 * MINUTE));
  const before = (await mails()).length;
  // The 120-minute survey has sent already to all but Late, who is not due under it yet either.
  expect(await sender().sendPostSession()).toBe(0);
  ctx.clock.set(new Date(ENDS + 10 * MINUTE));
  // Quick: the four who attended (Pat by phone).
  expect(await sender().sendPostSession()).toBe(4);
  expect((await mails()).length).toBe(before + 3);
});
