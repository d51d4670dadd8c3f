import request from 'supertest';
import { translator } from '../../src/i18n/i18n';
import { recipientForToken } from '../../src/surveys/survey-links';
import { buildTestApp, createStaff, csrfFrom, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';
import { createSurvey, sampleSurveySpec } from '../support/surveys';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let organizer: Agent;
let studyId: number;
let sessionId: number;
let surveyId: number;
const people: Record<string, number> = {};

const START = new Date('2027-06-01T17:00:00Z');

async function attended(participantId: number, status = 'attended' as const) {
  await ctx.db
    .insertInto('registrations')
    .values({
      session_id: sessionId,
      participant_id: participantId,
      status,
      channel: 'web',
      created_at: START.toISOString(),
      updated_at: START.toISOString(),
    })
    .execute();
}

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(START);
  const who = await createStaff(ctx, 'organizer');
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  sessionId = await addSession(organizer, studyId, sessionForm());
  const rows: [string, Parameters<typeof addPerson>[1]][] = [
    ['Ana', { email: 'ana@example.com', contact_preference: 'email', language: 'es' }],
    // Entered by staff at an event, and imported: never had a manage link.
    ['Min', { email: 'min@example.com', language: 'ko', source: 'event' }],
    ['Hov', { email: 'hov@example.com', language: 'hy', source: 'import' }],
    ['Li', { email: 'li@example.com', language: 'zh-Hant' }],
    // Phone people: no email; and an email but prefers text messages.
    ['Pat', { phone: '+12135550101', language: 'en' }],
    ['Tex', { email: 'tex@example.com', phone: '+12135550102', contact_preference: 'text' }],
    // Not active: never sent anything.
    ['Paused', { email: 'paused@example.com', status: 'paused' }],
    ['Gone', { email: 'gone@example.com', status: 'withdrawn' }],
    ['Pending', { email: 'pending@example.com', status: 'pending' }],
    ['Deleted', { email: 'deleted@example.com', status: 'deleted' }],
  ];
  for (const [name, row] of rows) {
    people[name] = await addPerson(ctx.db, { first_name: name, ...row });
    await attended(people[name]);
  }
  // Registered but not attended: a registrant, not an attendee.
  people.Reg = await addPerson(ctx.db, { first_name: 'Reg', email: 'reg@example.com' });
  await attended(people.Reg, 'confirmed' as never);
  ({ surveyId } = await createSurvey(ctx.db, sampleSurveySpec({ studyId })));
});
afterAll(() => ctx.close());

const attendees = { audience: 'study', studyId: '', group: 'attendees' };
const previewOf = (query: Record<string, string>) =>
  organizer.get(`/staff/surveys/${surveyId}/send`).query({ preview: '1', ...query });
/** Posts "Send" as the preview's form does: the audience's query string in `query`. */
async function send(id: number, query: Record<string, string>) {
  const page = await organizer.get(`/staff/surveys/${id}/send`);
  return organizer
    .post(`/staff/surveys/${id}/send`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), query: new URLSearchParams(query).toString() });
}
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
const recipients = (id = surveyId) =>
  ctx.db.selectFrom('survey_recipients').selectAll().where('survey_id', '=', id).execute();
const surveyMail = () =>
  ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('template', '=', 'survey-invitation')
    .orderBy('id')
    .execute();

describe('sending a survey’s personal links', () => {
  test('the form preselects the survey’s own study and its attendees', async () => {
    const res = await organizer.get(`/staff/surveys/${surveyId}/send`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(new RegExp(`<option value="${studyId}" selected>`));
    expect(res.text).toMatch(/value="attendees" checked/);
  });

  test('the preview counts who gets an email and who goes on the call list; inactive people are left out', async () => {
    const res = await previewOf({ ...attendees, studyId: String(studyId) });
    expect(res.status).toBe(200);
    const counts = /<ul class="usa-list" id="preview-counts">([\s\S]*?)<\/ul>/.exec(res.text)![1];
    expect(counts.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')).toContain(
      '6 active people match. 4 will get an email. 2 will go on the call list',
    );
    for (const name of ['Ana', 'Min', 'Hov', 'Li', 'Pat', 'Tex']) expect(res.text).toContain(name);
    for (const name of ['Paused', 'Gone', 'Pending', 'Deleted', 'Reg'])
      expect(res.text).not.toContain(`href="/staff/participants/${people[name]}"`);
    // Nothing is stored by a preview.
    expect(await recipients()).toHaveLength(0);
  });

  test('a study must be chosen, and a real one', async () => {
    const res = await previewOf({ ...attendees, studyId: '99999' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a study');
  });

  test('a draft survey is refused; nothing is stored', async () => {
    const draft = await createSurvey(
      ctx.db,
      sampleSurveySpec({ status: 'draft', studyId, title: 'Draft one' }),
    );
    const res = await send(draft.surveyId, { ...attendees, studyId: String(studyId) });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Only an open survey can be sent');
    expect(await recipients(draft.surveyId)).toHaveLength(0);
  });

  test('sending writes one recipient each and an email in each person’s language with their /s/ link', async () => {
    const res = await send(surveyId, { ...attendees, studyId: String(studyId) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/staff/surveys/${surveyId}/send#sent`);
    const page = await organizer.get(res.headers.location);
    expect(page.text).toContain(
      'Sent by email to 4 people; 2 people added to the survey’s call list.',
    );
    const rows = await recipients();
    expect(rows.map((r) => r.participant_id).sort()).toEqual(
      ['Ana', 'Min', 'Hov', 'Li', 'Pat', 'Tex'].map((n) => people[n]).sort(),
    );
    const mails = await surveyMail();
    expect(mails.map((m) => [m.to_address, m.language])).toEqual(
      expect.arrayContaining([
        ['ana@example.com', 'es'],
        ['min@example.com', 'ko'],
        ['hov@example.com', 'hy'],
        ['li@example.com', 'zh-Hant'],
      ]),
    );
    expect(mails).toHaveLength(4);
    for (const m of mails) {
      const t = translator(m.language);
      expect(m.subject).toBe(
        t('surveyMail.subject', {
          title: m.language === 'es' ? 'Su experiencia con el 311' : 'Your experience with 311',
        }),
      );
      expect(m.text_body).toContain(t('surveyMail.button'));
      // The link opens this person's recipient row.
      const token = /\/s\/([A-Za-z0-9_-]{43})/.exec(m.text_body)![1];
      const rec = await recipientForToken(ctx.db, token, ctx.clock.now());
      expect(rec?.participant_id).toBe(m.participant_id);
      expect(rec?.survey_id).toBe(surveyId);
    }
    // Staff-entered and imported people get their manage link with this first email; a web sign-up does not.
    const body = (to: string) => mails.find((m) => m.to_address === to)!.text_body;
    expect(body('min@example.com')).toMatch(/\/me\/m\/[A-Za-z0-9_-]{43}/);
    expect(body('hov@example.com')).toMatch(/\/me\/m\/[A-Za-z0-9_-]{43}/);
    expect(body('ana@example.com')).not.toMatch(/\/me\/m\//);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'survey.send')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ byEmail: 4, byPhone: 2, alreadySent: 0 });
  });

  test('no one gets it twice: a second send skips everyone and writes nothing', async () => {
    const before = (await surveyMail()).length;
    const res = await send(surveyId, { ...attendees, studyId: String(studyId) });
    expect(res.status).toBe(303);
    const page = await organizer.get(res.headers.location);
    expect(page.text).toContain('6 people already had it and were skipped');
    expect(await recipients()).toHaveLength(6);
    expect(await surveyMail()).toHaveLength(before);
  });

  test('a pool filter: the pool page’s filters pick the audience, active people only', async () => {
    const other = await createSurvey(ctx.db, sampleSurveySpec({ title: 'Pool one' }));
    const preview = await organizer
      .get(`/staff/surveys/${other.surveyId}/send`)
      .query({ preview: '1', audience: 'pool', language: 'es' });
    expect(plain(preview.text)).toContain('1 active person matches');
    const res = await send(other.surveyId, { audience: 'pool', language: 'es' });
    expect(res.status).toBe(303);
    expect((await recipients(other.surveyId)).map((r) => r.participant_id)).toEqual([people.Ana]);
  });

  test('the survey’s call list: those without email, with the link to enter their answers', async () => {
    const res = await organizer.get(`/staff/surveys/${surveyId}/send/call-list`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Pat');
    expect(res.text).toContain('Tex');
    expect(res.text).toContain('Prefers a text message');
    expect(res.text).toContain(`/staff/surveys/${surveyId}/entry?participant=${people.Pat}`);
    expect(res.text).not.toContain('>Ana<');
  });

  test('a send without a previewed query is refused with the summary', async () => {
    const page = await organizer.get(`/staff/surveys/${surveyId}/send`);
    const res = await organizer
      .post(`/staff/surveys/${surveyId}/send`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), query: 'audience=study&studyId=abc' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a study');
  });
});
