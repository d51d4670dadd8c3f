import ICAL from 'ical.js';
import request from 'supertest';
import { HOUR } from '../../src/clock';
import { residentDateTime } from '../../src/i18n/dates';
import { translator } from '../../src/i18n/i18n';
import type { Attachment } from '../../src/mail/mailer';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson } from '../support/db';
import {
  addSession,
  createStudy,
  followInvitation,
  invite,
  openStudy,
  sessionForm,
  studyForm,
} from '../support/studies';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let organizer: Agent;
let who: Awaited<ReturnType<typeof createStaff>>;
let studyId: number;
let n = 0;

// sessionForm's start: 2027-07-15 18:00 PDT = 2027-07-16T01:00Z; its deadline 2027-07-13 12:00 PDT.
const START = '2027-07-16T01:00:00.000Z';
const NOW = new Date('2027-06-01T17:00:00Z');

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(NOW);
  who = await createStaff(ctx, 'organizer');
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  await openStudy(organizer, studyId);
});
afterAll(() => ctx.close());
beforeEach(async () => {
  ctx.clock.set(NOW);
  organizer = await signedIn(ctx, who);
});

async function person(language = 'en', over: Record<string, unknown> = {}) {
  n++;
  return addPerson(ctx.db, {
    first_name: `Resident${n}`,
    email: `resident${n}@example.com`,
    language,
    ...over,
  });
}

const session = (over: Record<string, string | string[]> = {}) =>
  addSession(organizer, studyId, sessionForm({ interpretation: [], ...over }));

/** A person invited to the study, with their agent signed in by the link and their page. */
async function invited(language = 'en', over: Record<string, unknown> = {}) {
  const id = await person(language, over);
  const link = await invite(ctx, studyId, id);
  const { agent, page } = await followInvitation(ctx.app, link);
  return { id, link, agent, page: page.split('?')[0] };
}

async function submit(agent: Agent, page: string, action: string, fields: Record<string, string>) {
  const form = await agent.get(page);
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: csrfFrom(form.text), ...fields });
}

const registration = (participantId: number, sessionId: number) =>
  ctx.db
    .selectFrom('registrations')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();

const mailTo = (participantId: number) =>
  ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('id')
    .execute();

const whenIn = (lang: string) => residentDateTime(START, lang, 'America/Los_Angeles');

function events(attachments: string) {
  return (JSON.parse(attachments) as Attachment[]).map((a) => {
    const ics = Buffer.from(a.content, 'base64').toString('utf8');
    const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
    return { ics, vevent, event: new ICAL.Event(vevent) };
  });
}

describe('the invitation link', () => {
  test('starts a resident session and drops the token from the URL (303, their language)', async () => {
    const id = await person('es');
    const link = await invite(ctx, studyId, id);
    const agent = request.agent(ctx.app);
    const res = await agent.get(link);
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/r\/i\/\d+\?lang=es$/);
    expect(res.headers.location).not.toContain(link.split('/').pop());
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const page = await agent.get(res.headers.location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="es"');
    expect(page.text).toContain(translator('es')('register.title'));
    // Reusable: the same link works again (to cancel or switch later).
    expect((await request.agent(ctx.app).get(link)).status).toBe(303);
  });

  test('an unknown token, a malformed one, or a study no longer open: the polite page (410)', async () => {
    const t = translator('ko');
    for (const path of ['/r/' + 'A'.repeat(43), '/r/short', '/r/%00']) {
      const res = await request(ctx.app).get(`${path}?lang=ko`);
      expect(res.status).toBe(410);
      expect(res.text).toContain(t('register.invalidTitle'));
      expect(res.text).toContain('3-1-1');
    }
    // A closed study: its links no longer open anything.
    const other = await createStudy(organizer, studyForm({ organizer: who.id }));
    await openStudy(organizer, other);
    const id = await person();
    const link = await invite(ctx, other, id);
    expect((await request(ctx.app).get(link)).status).toBe(303);
    const page = `/staff/studies/${other}`;
    expect((await postForm(organizer, page, `${page}/status`, { status: 'closed' })).status).toBe(
      303,
    );
    const res = await request(ctx.app).get(link);
    expect(res.status).toBe(410);
    expect(res.text).toContain(translator('en')('register.invalidTitle'));
  });

  test("someone else's invitation is refused with the same page, and nothing changes", async () => {
    const s = await session();
    const mine = await invited();
    const theirs = await invited();
    for (const path of ['', '/cancel', '/switch']) {
      const res = await mine.agent.get(theirs.page + path);
      expect(res.status).toBe(410);
    }
    const token = csrfFrom((await mine.agent.get(mine.page)).text);
    for (const path of ['', '/decline', '/cancel', '/switch']) {
      const res = await mine.agent
        .post(theirs.page + path)
        .type('form')
        .send({ _csrf: token, session: `${s}-seat` });
      expect(res.status).toBe(410);
    }
    expect(await registration(theirs.id, s)).toBeUndefined();
    expect(await registration(mine.id, s)).toBeUndefined();
    // Without any session: the same page.
    expect((await request(ctx.app).get(mine.page)).status).toBe(410);
    expect((await request(ctx.app).get('/r/i/abc')).status).toBe(410);
  });
});

describe('the sessions offered', () => {
  test('only those in their language or interpreted into it, in their format, open and not started', async () => {
    const spanishOnline = await session({
      mode: 'online',
      language: 'es',
      placeName: '',
      address: '',
      stepFree: '',
      parking: '',
      transit: '',
      videoUrl: 'https://meet.example.gov/abc',
    });
    const interpreted = await session({ language: 'en', interpretation: ['es'] });
    const korean = await session({ language: 'ko' });
    const pastDeadline = await session({
      language: 'es',
      startsAt: '2027-06-20T10:00',
      registrationDeadline: '2027-05-30T12:00',
    });
    const started = await session({ language: 'es' });
    await ctx.db
      .updateTable('study_sessions')
      .set({
        starts_at: '2027-06-01T16:00:00.000Z',
        registration_deadline: '2027-06-01T15:00:00.000Z',
      })
      .where('id', '=', started)
      .execute();
    const offered = async (over: Record<string, unknown>) => {
      const p = await invited('es', over);
      const html = (await p.agent.get(p.page)).text;
      return [spanishOnline, interpreted, korean, pastDeadline, started].filter((s) =>
        html.includes(`value="${s}-`),
      );
    };
    expect(await offered({})).toEqual([spanishOnline, interpreted]);
    expect(await offered({ format_preference: 'in_person' })).toEqual([interpreted]);
    expect(await offered({ format_preference: 'online' })).toEqual([spanishOnline]);
    // An English speaker sees neither the Spanish nor the Korean session.
    const en = await invited('en');
    const html = (await en.agent.get(en.page)).text;
    expect(html).toContain(`value="${interpreted}-`);
    expect(html).not.toContain(`value="${spanishOnline}-`);
    expect(html).not.toContain(`value="${korean}-`);
  });

  test('shows the date and time in their language and the city zone, the place, accessibility, incentive and seats', async () => {
    const s = await session({ language: 'es', capacity: '5', extraSeats: '1' });
    const p = await invited('es');
    const html = (await p.agent.get(p.page)).text;
    expect(html).toContain('jueves, 15 de julio de 2027, 18:00');
    expect(html).toContain('Central Library');
    expect(html).toContain('630 W 5th St');
    expect(html).toContain('Entrada sin escalones');
    expect(html).toContain('Estacionamiento: Validated parking');
    expect(html).toContain('Metro B and D Lines');
    expect(html).toContain('Tarjeta de regalo de');
    expect(html).toContain('Lugares disponibles: 6');
    expect(html).toContain(`value="${s}-seat"`);
    expect(html).toMatch(/<fieldset class="usa-fieldset"[^>]*>\s*<legend/);
  });

  test('the accommodations box starts with their needs and interpreter language, in their language', async () => {
    await session({ language: 'es' });
    const id = await person('es', { interpreter_language: 'ko' });
    await ctx.db
      .insertInto('participant_choices')
      .values([
        { participant_id: id, field: 'needs', value: 'interpreter' },
        { participant_id: id, field: 'needs', value: 'wheelchair' },
      ])
      .execute();
    const { agent, page } = await followInvitation(ctx.app, await invite(ctx, studyId, id));
    const html = (await agent.get(page)).text;
    expect(html).toMatch(/<textarea[^>]*>Un intérprete \(coreano\); Acceso para sillas de ruedas</);
  });
});

describe('registering', () => {
  test('a seat: confirmed, the invitation registered, the person active, a confirmation email in their language with a calendar file', async () => {
    const s = await session({ language: 'ko', capacity: '3' });
    const p = await invited('ko', { last_active_at: null });
    const res = await submit(p.agent, p.page, p.page, {
      session: `${s}-seat`,
      accommodations: '휠체어 접근',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(p.page);
    const reg = await registration(p.id, s);
    expect(reg).toMatchObject({
      status: 'confirmed',
      channel: 'web',
      accommodations: '휠체어 접근',
    });
    const inv = await ctx.db
      .selectFrom('invitations')
      .selectAll()
      .where('participant_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(inv.response).toBe('registered');
    const person = await ctx.db
      .selectFrom('participants')
      .select('last_active_at')
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(person.last_active_at).toBe(NOW.toISOString());

    const [mail] = await mailTo(p.id);
    const t = translator('ko');
    expect(mail.language).toBe('ko');
    expect(mail.subject).toBe(
      t('register.mail.confirmedSubject', { date: '2027년 7월 15일 목요일 PM 6:00 GMT-7' }),
    );
    expect(mail.text_body).toContain('Central Library, 630 W 5th St');
    expect(mail.text_body).toContain('휠체어 접근');
    expect(mail.text_body).toMatch(/http:\/\/127\.0\.0\.1:3000\/r\/[A-Za-z0-9_-]{43}/);
    const [{ event, vevent }] = events(mail.attachments);
    expect(event.startDate.toJSDate().toISOString()).toBe(START);
    expect(event.uid).toBe(`session-${s}-participant-${p.id}@127.0.0.1`);
    expect(vevent.getFirstPropertyValue('dtstamp')?.toString()).toContain('2027-06-01T17:00:00');
    expect(vevent.getFirstSubcomponent('valarm')).toBeTruthy();
    expect(event.location).toContain('630 W 5th St');
    expect(event.summary).toBe(
      t('register.mail.calendarTitle', { study: 'Bulky Item pickup: intake' }),
    );

    // The page now shows the registration.
    const page = await p.agent.get(p.page);
    expect(page.text).toContain(t('register.confirmedTitle'));
    expect(page.text).toContain(t('register.cancelButton'));
    expect(page.text).toContain(t('register.switchButton'));
  });

  test('the link in the email opens the same registration', async () => {
    const s = await session({ capacity: '3' });
    const p = await invited();
    await submit(p.agent, p.page, p.page, { session: `${s}-seat` });
    const [mail] = await mailTo(p.id);
    const link = /\/r\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)![0];
    const { agent, page } = await followInvitation(ctx.app, link);
    expect((await agent.get(page)).text).toContain(translator('en')('register.confirmedTitle'));
  });

  test('pressing Register twice (or in two tabs) keeps one place and shows it', async () => {
    const s = await session({ capacity: '3' });
    const other = await session({ capacity: '3', startsAt: '2027-07-23T10:00' });
    const p = await invited();
    const form = await p.agent.get(p.page);
    const press = (choice: string) =>
      p.agent
        .post(p.page)
        .type('form')
        .send({ _csrf: csrfFrom(form.text), session: choice });
    const answers = [await press(`${s}-seat`), await press(`${other}-seat`)];
    expect(answers.map((a) => [a.status, a.headers.location])).toEqual([
      [303, p.page],
      [303, p.page],
    ]);
    expect((await registration(p.id, s))?.status).toBe('confirmed');
    expect(await registration(p.id, other)).toBeUndefined();
    expect(await mailTo(p.id)).toHaveLength(1);
  });

  test('a full session: the waitlist, its position on the page, and a waitlist email', async () => {
    const s = await session({ language: 'hy', capacity: '1', extraSeats: '0' });
    const first = await invited('hy');
    const second = await invited('hy');
    await submit(first.agent, first.page, first.page, { session: `${s}-seat` });
    const page = await second.agent.get(second.page);
    expect(page.text).toContain(`value="${s}-waitlist"`);
    const res = await submit(second.agent, second.page, second.page, {
      session: `${s}-waitlist`,
    });
    expect(res.status).toBe(303);
    expect((await registration(second.id, s))?.status).toBe('waitlisted');
    const t = translator('hy');
    expect((await second.agent.get(second.page)).text).toContain(
      t('register.waitlistedBody', { position: 1 }),
    );
    const [mail] = await mailTo(second.id);
    expect(mail.template).toBe('registration-waitlisted');
    expect(mail.subject).toContain(t('register.mail.waitlistedSubject', { date: '' }).slice(0, 10));
    expect(JSON.parse(mail.attachments)).toEqual([]);
  });

  test('errors come back in their language with what they typed: no time chosen, too long, filled meanwhile, closed', async () => {
    const s = await session({ language: 'zh-Hant', capacity: '1', extraSeats: '0' });
    const p = await invited('zh-Hant');
    const t = translator('zh-Hant');
    const none = await submit(p.agent, p.page, p.page, { accommodations: '需要輪椅' });
    expect(none.status).toBe(400);
    expect(none.text).toContain(t('form.errorSummary'));
    expect(none.text).toContain(t('register.errors.sessionRequired'));
    expect(none.text).toContain('需要輪椅</textarea>');
    expect(none.text).toContain(`<title>${t('form.errorTitlePrefix')}`);

    const long = await submit(p.agent, p.page, p.page, {
      session: `${s}-seat`,
      accommodations: '字'.repeat(501),
    });
    expect(long.status).toBe(400);
    expect(long.text).toContain(t('form.tooLong', { max: 500 }));
    expect(long.text).toContain(`value="${s}-seat" checked`);

    // Someone else takes the last seat between the page and the button.
    const other = await invited('zh-Hant');
    await submit(other.agent, other.page, other.page, { session: `${s}-seat` });
    const filled = await submit(p.agent, p.page, p.page, { session: `${s}-seat` });
    expect(filled.status).toBe(400);
    expect(filled.text).toContain(t('register.errors.filled'));
    expect(filled.text).toContain(`value="${s}-waitlist"`);
    expect(await registration(p.id, s)).toBeUndefined();

    const closed = await submit(p.agent, p.page, p.page, { session: '999999-seat' });
    expect(closed.status).toBe(400);
    expect(closed.text).toContain(t('register.errors.closed'));
  });

  test('"None of these times work for me" marks the invitation declined; they can still register', async () => {
    const s = await session({ capacity: '3' });
    const p = await invited();
    const res = await submit(p.agent, p.page, `${p.page}/decline`, {});
    expect(res.status).toBe(303);
    const inv = () =>
      ctx.db
        .selectFrom('invitations')
        .select('response')
        .where('participant_id', '=', p.id)
        .executeTakeFirstOrThrow();
    expect((await inv()).response).toBe('declined');
    await submit(p.agent, p.page, p.page, { session: `${s}-seat` });
    expect((await inv()).response).toBe('registered');
  });

  test('a paused person is told, in their language, and not registered', async () => {
    const s = await session({ language: 'es', capacity: '3' });
    const p = await invited('es');
    await ctx.db
      .updateTable('participants')
      .set({ status: 'paused' })
      .where('id', '=', p.id)
      .execute();
    const res = await submit(p.agent, p.page, p.page, { session: `${s}-seat` });
    expect(res.status).toBe(400);
    expect(res.text).toContain(translator('es')('register.errors.notActive'));
    expect(await registration(p.id, s)).toBeUndefined();
  });
});

describe('cancelling', () => {
  test('a confirmation step, then cancelled; the first waitlisted person is promoted and told, with their calendar file', async () => {
    const s = await session({ language: 'es', capacity: '1', extraSeats: '0' });
    const holder = await invited('es');
    const waiting = await invited('ko', { interpreter_language: 'es' });
    await submit(holder.agent, holder.page, holder.page, { session: `${s}-seat` });
    await submit(waiting.agent, waiting.page, waiting.page, { session: `${s}-waitlist` });
    expect((await registration(waiting.id, s))?.status).toBe('waitlisted');

    const step = await holder.agent.get(`${holder.page}/cancel`);
    expect(step.status).toBe(200);
    expect(step.text).toContain(translator('es')('register.cancelTitle'));
    expect(step.text).not.toContain(translator('es')('register.cancelLate'));
    const res = await submit(holder.agent, `${holder.page}/cancel`, `${holder.page}/cancel`, {});
    expect(res.status).toBe(303);
    expect(await registration(holder.id, s)).toMatchObject({
      status: 'cancelled',
      late_cancellation: 0,
    });
    expect((await registration(waiting.id, s))?.status).toBe('confirmed');

    // The one who cancelled: a cancellation with a CANCELLED update of the same calendar entry.
    const [confirmation, cancellation] = await mailTo(holder.id);
    expect(cancellation.template).toBe('registration-cancelled');
    expect(cancellation.language).toBe('es');
    const [before] = events(confirmation.attachments);
    const [after] = events(cancellation.attachments);
    expect(after.event.uid).toBe(before.event.uid);
    expect(after.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(Number(after.vevent.getFirstPropertyValue('sequence'))).toBeGreaterThanOrEqual(
      Number(before.vevent.getFirstPropertyValue('sequence')),
    );

    // The promoted person, in Korean, with their calendar file.
    const promoted = (await mailTo(waiting.id)).pop()!;
    expect(promoted.language).toBe('ko');
    expect(promoted.subject).toBe(
      translator('ko')('register.mail.promotedSubject', {
        date: '2027년 7월 15일 목요일 PM 6:00 GMT-7',
      }),
    );
    const [{ event }] = events(promoted.attachments);
    expect(event.startDate.toJSDate().toISOString()).toBe(START);
    expect((await waiting.agent.get(waiting.page)).text).toContain(
      translator('ko')('register.confirmedTitle'),
    );
    // The one who cancelled sees the sessions again.
    expect((await holder.agent.get(holder.page)).text).toContain(
      translator('es')('register.title'),
    );
  });

  test('within 24 hours it is late; after the start nothing can change', async () => {
    const s = await session({ capacity: '3' });
    const p = await invited();
    await submit(p.agent, p.page, p.page, { session: `${s}-seat` });
    // Weeks later: the session of the first visit has timed out, the link in the email still works.
    ctx.clock.set(new Date(Date.parse(START) - 2 * HOUR));
    p.agent = (await followInvitation(ctx.app, p.link)).agent;
    const step = await p.agent.get(`${p.page}/cancel`);
    expect(step.text).toContain(translator('en')('register.cancelLate'));

    ctx.clock.set(new Date(Date.parse(START) + HOUR));
    p.agent = (await followInvitation(ctx.app, p.link)).agent;
    const page = await p.agent.get(p.page);
    expect(page.text).toContain(translator('en')('register.begun'));
    expect(page.text).not.toContain(translator('en')('register.cancelButton'));
    expect((await p.agent.get(`${p.page}/cancel`)).status).toBe(303);
    // The page has no form any more: a token from another page of the same session.
    await submit(p.agent, '/me/link', `${p.page}/cancel`, {});
    expect((await registration(p.id, s))?.status).toBe('confirmed');

    ctx.clock.set(new Date(Date.parse(START) - 2 * HOUR));
    await submit(p.agent, `${p.page}/cancel`, `${p.page}/cancel`, {});
    expect(await registration(p.id, s)).toMatchObject({
      status: 'cancelled',
      late_cancellation: 1,
    });
  });

  test('a cancellation on the staff session page tells the promoted person too', async () => {
    const s = await session({ capacity: '1', extraSeats: '0', interpretation: ['hy'] });
    const holder = await invited();
    const waiting = await invited('hy');
    await submit(holder.agent, holder.page, holder.page, { session: `${s}-seat` });
    await submit(waiting.agent, waiting.page, waiting.page, { session: `${s}-waitlist` });
    const reg = (await registration(holder.id, s))!;
    const page = `/staff/studies/${studyId}/sessions/${s}`;
    const res = await postForm(organizer, page, `${page}/registrations/cancel`, {
      registrationId: String(reg.id),
    });
    expect(res.status).toBe(303);
    expect((await registration(waiting.id, s))?.status).toBe('confirmed');
    const told = (await mailTo(waiting.id)).pop()!;
    expect(told.template).toBe('registration-confirmed');
    expect(told.language).toBe('hy');
    expect(told.subject).toBe(
      translator('hy')('register.mail.promotedSubject', { date: whenIn('hy') }),
    );
    expect(events(told.attachments)).toHaveLength(1);
  });
});

describe('phone registrations by staff', () => {
  test('mark the invitation registered and send the confirmation when the person has an email', async () => {
    const s = await session({ language: 'es', capacity: '3' });
    const id = await person('es');
    const link = await invite(ctx, studyId, id);
    expect(link).toMatch(/^\/r\//);
    const page = `/staff/studies/${studyId}/sessions/${s}`;
    const res = await postForm(organizer, page, `${page}/registrations`, {
      participant: String(id),
      accommodations: '',
    });
    expect(res.status).toBe(303);
    expect((await registration(id, s))?.channel).toBe('phone');
    const inv = await ctx.db
      .selectFrom('invitations')
      .select('response')
      .where('participant_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(inv.response).toBe('registered');
    const [mail] = await mailTo(id);
    expect(mail.template).toBe('registration-confirmed');
    expect(mail.language).toBe('es');

    // Someone without an email: registered and marked, no mail; an invitation is made for them.
    const noEmail = await person('en', { email: null, phone: '2135550100' });
    await postForm(organizer, page, `${page}/registrations`, { participant: String(noEmail) });
    expect((await registration(noEmail, s))?.status).toBe('confirmed');
    expect(await mailTo(noEmail)).toEqual([]);
    const made = await ctx.db
      .selectFrom('invitations')
      .select(['response', 'channel'])
      .where('participant_id', '=', noEmail)
      .executeTakeFirstOrThrow();
    expect(made).toEqual({ response: 'registered', channel: 'phone' });
  });
});

describe('switching', () => {
  test('to a time with a seat: the new seat and the old one released in one step, the old one promoted', async () => {
    const from = await session({ capacity: '1', extraSeats: '0' });
    const to = await session({ capacity: '2', extraSeats: '0', startsAt: '2027-07-20T10:00' });
    const p = await invited();
    const waiting = await invited();
    await submit(p.agent, p.page, p.page, { session: `${from}-seat` });
    await submit(waiting.agent, waiting.page, waiting.page, { session: `${from}-waitlist` });

    const choose = await p.agent.get(`${p.page}/switch`);
    expect(choose.status).toBe(200);
    expect(choose.text).toContain(`value="${to}"`);
    expect(choose.text).not.toContain(`value="${from}"`);
    const none = await submit(p.agent, `${p.page}/switch`, `${p.page}/switch`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain(translator('en')('register.errors.sessionRequired'));

    const res = await submit(p.agent, `${p.page}/switch`, `${p.page}/switch`, {
      session: String(to),
    });
    expect(res.status).toBe(303);
    expect((await registration(p.id, from))?.status).toBe('cancelled');
    expect((await registration(p.id, to))?.status).toBe('confirmed');
    expect((await registration(waiting.id, from))?.status).toBe('confirmed');
    const seats = await ctx.db
      .selectFrom('study_sessions')
      .select(['id', 'seats_taken'])
      .where('id', 'in', [from, to])
      .orderBy('id')
      .execute();
    expect(seats.map((x) => x.seats_taken)).toEqual([1, 1]);

    const switched = (await mailTo(p.id)).pop()!;
    expect(switched.subject).toContain('You have switched');
    const cal = events(switched.attachments);
    expect(cal).toHaveLength(2);
    expect(cal[0].event.startDate.toJSDate().toISOString()).toBe('2027-07-20T17:00:00.000Z');
    expect(cal[1].vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect((await mailTo(waiting.id)).pop()!.subject).toContain('A seat opened up');
  });

  test('a time that filled meanwhile is refused and the current seat is kept', async () => {
    const from = await session({ capacity: '2', extraSeats: '0' });
    const to = await session({ capacity: '1', extraSeats: '0', startsAt: '2027-07-21T10:00' });
    const p = await invited();
    await submit(p.agent, p.page, p.page, { session: `${from}-seat` });
    const form = await p.agent.get(`${p.page}/switch`);
    const other = await invited();
    await submit(other.agent, other.page, other.page, { session: `${to}-seat` });
    const res = await p.agent
      .post(`${p.page}/switch`)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), session: String(to) });
    expect(res.status).toBe(400);
    expect(res.text).toContain(translator('en')('register.errors.closed'));
    expect((await registration(p.id, from))?.status).toBe('confirmed');
    expect(await registration(p.id, to)).toBeUndefined();
  });
});

describe('emails in every language', () => {
  test.each(['en', 'es', 'ko', 'hy', 'zh-Hant'])(
    '%s: subject, body and a parseable calendar file',
    async (lang) => {
      const s = await session({ language: lang, capacity: '3' });
      const p = await invited(lang);
      await submit(p.agent, p.page, p.page, { session: `${s}-seat` });
      const [mail] = await mailTo(p.id);
      const t = translator(lang);
      expect(mail.language).toBe(lang);
      expect(mail.subject).toBe(t('register.mail.confirmedSubject', { date: whenIn(lang) }));
      expect(mail.text_body).toContain(t('register.mail.confirmedBody'));
      expect(mail.html_body).toContain(`<html lang="${lang}"`);
      const [{ event }] = events(mail.attachments);
      expect(event.startDate.toJSDate().toISOString()).toBe(START);
    },
  );
});
