import request from 'supertest';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { AFTER, buildStudyFixture, FIGURES } from '../support/study-report';

type Agent = ReturnType<typeof request.agent>;
let ctx: TestContext;
let studyId: number;
let organizer: Agent;
const url = (tail = '', id = studyId) => `/staff/results/studies/${id}/report-back${tail}`;

const ENGLISH = 'Thank you! We heard that hold times are long.\n\nWe will tell the Bureau.';
const SPANISH = '¡Gracias! Escuchamos que la espera es larga.';

const sentMail = (id = studyId) =>
  ctx.db
    .selectFrom('outbox')
    .select(['to_address', 'language', 'subject', 'text_body', 'html_body', 'participant_id'])
    .where('template', '=', 'report-back')
    .where('participant_id', 'in', (eb) =>
      eb
        .selectFrom('registrations as r')
        .innerJoin('study_sessions as s', 's.id', 'r.session_id')
        .select('r.participant_id')
        .where('s.study_id', '=', id),
    )
    .orderBy('id')
    .execute();

const send = (agent: Agent, fields: Record<string, string> = { confirm: 'yes' }, id = studyId) =>
  postForm(agent, url('/preview', id), url('/send', id), fields);

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(AFTER);
  studyId = (await buildStudyFixture(ctx.db)).studyId;
  organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
});
afterAll(() => ctx.close());

test('the message is prefilled per language with the headline figures; skipped people are counted', async () => {
  const res = await organizer.get(url());
  expect(res.status).toBe(200);
  expect(res.text).toContain('name="message_en"');
  expect(res.text).toContain('name="message_es"');
  expect(res.text).not.toContain('name="message_ko"');
  expect(res.text).toContain('People who took part: 11. Conversations held: 2.');
  expect(res.text).toContain('Personas que participaron: 11. Conversaciones realizadas: 2.');
  expect(res.text).toContain('- Wait times (mentioned 2 times)');
  expect(res.text).toContain(`It goes by email to <strong>${FIGURES.recipients}</strong>`);
  expect(res.text).toMatch(
    /Not written to: 2 \(1 withdrew or were deleted, 0 paused contact, 1 have no email address\)/,
  );
});

test('a language without a message is refused at send, naming it; nothing is sent', async () => {
  const saved = await postForm(organizer, url(), url(), { message_en: ENGLISH, message_es: '  ' });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toBe(url('/preview'));
  const preview = await organizer.get(url('/preview'));
  expect(preview.text).toContain('No message yet in: Spanish');
  const res = await send(organizer);
  expect(res.status).toBe(400);
  expect(res.text).toContain('There is a problem');
  expect(res.text).toContain('Missing: Spanish');
  expect(await sentMail()).toHaveLength(0);
});

test('nothing typed at all is refused with the form kept', async () => {
  const res = await postForm(organizer, url(), url(), { message_en: '', message_es: '' });
  expect(res.status).toBe(400);
  expect(res.text).toContain('Write the message in at least one language');
});

test('the preview shows each email; sending needs the tick, then writes one email per person in their language, once', async () => {
  await postForm(organizer, url(), url(), { message_en: ENGLISH, message_es: SPANISH });
  const preview = await organizer.get(url('/preview'));
  expect(preview.text).toContain('What we heard: thank you for taking part');
  expect(preview.text).toContain('Lo que escuchamos: gracias por participar');
  expect(preview.text).toContain('We will tell the Bureau.');

  const unticked = await send(organizer, {});
  expect(unticked.status).toBe(400);
  expect(await sentMail()).toHaveLength(0);

  const res = await send(organizer);
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(url());
  const mail = await sentMail();
  expect(mail).toHaveLength(FIGURES.recipients);
  expect(mail.filter((m) => m.language === 'es')).toHaveLength(FIGURES.es);
  expect(mail.filter((m) => m.language === 'en')).toHaveLength(FIGURES.en);
  for (const m of mail) {
    expect(m.text_body).toContain(m.language === 'es' ? SPANISH : 'We will tell the Bureau.');
    expect(m.text_body).toMatch(/\/me\/m\/[A-Za-z0-9_-]{43}/);
  }
  expect(mail.find((m) => m.language === 'es')!.subject).toBe(
    'Lo que escuchamos: gracias por participar',
  );
  const to = mail.map((m) => m.to_address);
  expect(to).not.toContain('p5@example.com'); // withdrew
  expect(to).toContain('p17@example.com'); // walked in, attended
  expect(to).not.toContain('p11@example.com'); // no-show
  const audit = await ctx.db
    .selectFrom('audit_log')
    .select('details')
    .where('action', '=', 'report_back.send')
    .executeTakeFirstOrThrow();
  expect(JSON.parse(audit.details)).toMatchObject({ sent: 9, skipped: { left: 1, noEmail: 1 } });

  const page = await organizer.get(url());
  expect(page.text).toContain(
    'Report-back sent: 9 emails queued; 2 people who attended were not written to.',
  );
  expect(page.text).toContain('A report-back goes once');
  expect(page.text).not.toContain('name="message_en"');

  // A second send is refused, and the draft can no longer change.
  const again = await send(organizer);
  expect(again.status).toBe(400);
  expect(again.text).toContain('Already sent');
  expect(await sentMail()).toHaveLength(FIGURES.recipients);
  const edit = await postForm(organizer, url(), url(), {
    message_en: 'Changed',
    message_es: 'Cambiado',
  });
  expect(edit.status).toBe(400);
});

test('a double click sends once', async () => {
  const other = (await buildStudyFixture(ctx.db, 'b')).studyId;
  await postForm(organizer, url('', other), url('', other), {
    message_en: ENGLISH,
    message_es: SPANISH,
  });
  const page = await organizer.get(url('/preview', other));
  const token = csrfFrom(page.text);
  const click = () =>
    organizer.post(url('/send', other)).type('form').send({ _csrf: token, confirm: 'yes' });
  const [a, b] = await Promise.all([click(), click()]);
  expect([a.status, b.status].sort()).toEqual([303, 400]);
  expect(await sentMail(other)).toHaveLength(FIGURES.recipients);
});

test('analysts and facilitators cannot write or send a report-back', async () => {
  for (const role of ['analyst', 'facilitator'] as const) {
    const agent = await signedIn(ctx, await createStaff(ctx, role));
    expect((await agent.get(url())).status).toBe(403);
    expect((await agent.get(url('/preview'))).status).toBe(403);
    const page = await agent.get('/staff/account/password');
    const res = await agent
      .post(url('/send'))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), confirm: 'yes' });
    expect(res.status).toBe(403);
  }
});
