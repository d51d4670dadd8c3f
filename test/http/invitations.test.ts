import request from 'supertest';
import { DAY } from '../../src/clock';
import { translator } from '../../src/i18n/i18n';
import { invitationForToken } from '../../src/studies/invitations/invitation-links';
import { markResponded } from '../../src/studies/invitations/invitations.queries';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  servicesOf,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let organizer: Agent;
let who: Awaited<ReturnType<typeof createStaff>>;
let studyId: number;
let sessionId: number;
const people: Record<string, number> = {};

const START = new Date('2027-06-01T17:00:00Z');
const DRAW = { draw: '1', size: '10', coolDownDays: '90', seed: 'abc' };

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(START);
  who = await createStaff(ctx, 'organizer');
  organizer = await signedIn(ctx, who);
  studyId = await createStudy(organizer, studyForm({ organizer: who.id }));
  sessionId = await addSession(organizer, studyId, sessionForm());
  await moveTo(studyId, 'recruiting');
  const rows: [string, Parameters<typeof addPerson>[1]][] = [
    ['Ana', { email: 'ana@example.com', contact_preference: 'email', language: 'es' }],
    // Entered by staff at an event, and imported: never had a manage link.
    ['Min', { email: 'min@example.com', language: 'ko', source: 'event' }],
    ['Hov', { email: 'hov@example.com', language: 'hy', source: 'import' }],
    ['Li', { email: 'li@example.com', language: 'zh-Hant' }],
    // Phone people: no email; and an email but prefers text messages.
    ['Pat', { phone: '+12135550101', language: 'en' }],
    ['Tex', { email: 'tex@example.com', phone: '+12135550102', contact_preference: 'text' }],
  ];
  for (const [name, row] of rows)
    people[name] = await addPerson(ctx.db, { first_name: name, ...row });
});
afterAll(() => ctx.close());

/** Moves the clock (and signs in again: an idle staff session ends after 30 minutes). */
async function at(when: Date) {
  ctx.clock.set(when);
  organizer = await signedIn(ctx, who);
}

async function moveTo(id: number, status: string) {
  const page = await organizer.get(`/staff/studies/${id}`);
  await organizer
    .post(`/staff/studies/${id}/status`)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), status });
}

const hidden = (html: string, name: string) =>
  new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html)?.[1];
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#34;/g, '"');

/** Previews a draw; returns the page and its "Send invitations" form fields. */
async function preview(id: number, query: Record<string, string> = DRAW) {
  const page = await organizer.get(`/staff/studies/${id}/sample`).query(query);
  const q = hidden(page.text, 'query');
  const fingerprint = hidden(page.text, 'fingerprint');
  return {
    page,
    form: q === undefined ? null : { query: unescape(q), fingerprint: fingerprint! },
  };
}

function send(id: number, form: { query: string; fingerprint: string }, page: string) {
  return organizer
    .post(`/staff/studies/${id}/invitations`)
    .type('form')
    .send({ _csrf: csrfFrom(page), ...form });
}

const invitationsOf = (id: number) =>
  ctx.db.selectFrom('invitations').selectAll().where('study_id', '=', id).execute();
const outbox = () =>
  ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('template', '=', 'study-invitation')
    .orderBy('id')
    .execute();
const callList = async () => (await organizer.get(`/staff/studies/${studyId}/call-list`)).text;

describe('sending invitations', () => {
  test('a draft study is refused, with the step to take; nothing is stored', async () => {
    const draft = await createStudy(organizer, studyForm({ organizer: who.id }));
    const { page, form } = await preview(draft);
    expect(page.text).toContain('move it to recruiting before sending invitations');
    // No button on a draft; a post anyway is refused.
    const res = await send(
      draft,
      { query: 'draw=1&size=10&coolDownDays=90&seed=abc', fingerprint: 'a'.repeat(32) },
      page.text,
    );
    expect(form).toBeNull();
    expect(res.status).toBe(400);
    expect(res.text).toContain('move this study to recruiting first');
    expect(await invitationsOf(draft)).toHaveLength(0);
  });

  test('the pool changed since the preview: refused, nothing sent, the new draw shown', async () => {
    const { page, form } = await preview(studyId);
    expect(form).not.toBeNull();
    people.Late = await addPerson(ctx.db, { first_name: 'Late', email: 'late@example.com' });
    const res = await send(studyId, form!, page.text);
    expect(res.status).toBe(400);
    expect(res.text).toContain('The pool changed since the preview');
    expect(await invitationsOf(studyId)).toHaveLength(0);
    expect(await outbox()).toHaveLength(0);
    // The page drew again: the new preview (with Late) and a new fingerprint to send.
    expect(res.text).toContain('>Late</a>');
    expect(hidden(res.text, 'fingerprint')).not.toBe(form!.fingerprint);
  });

  test('sends: one invitation each, email in their language with a working /r/ link, the rest to call', async () => {
    const { page, form } = await preview(studyId);
    const res = await send(studyId, form!, page.text);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/staff/studies/${studyId}#invitations`);
    const study = await organizer.get(`/staff/studies/${studyId}`);
    expect(study.text).toContain('7 invited: 5 by email, 2 to call.');

    const rows = await invitationsOf(studyId);
    expect(rows).toHaveLength(7);
    const byPerson = new Map(rows.map((r) => [r.participant_id, r]));
    expect(byPerson.get(people.Pat)!.channel).toBe('phone');
    expect(byPerson.get(people.Tex)!.channel).toBe('phone');
    for (const name of ['Ana', 'Min', 'Hov', 'Li', 'Late']) {
      const inv = byPerson.get(people[name])!;
      expect(inv.channel).toBe('email');
      expect(inv.times_sent).toBe(1);
      expect(inv.last_sent_at).toBe(START.toISOString());
    }
    const draw = await ctx.db.selectFrom('sample_draws').selectAll().executeTakeFirstOrThrow();
    expect(draw.query).toBe(form!.query);
    expect(draw.invited_count).toBe(7);

    const mails = await outbox();
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      'ana@example.com',
      'hov@example.com',
      'late@example.com',
      'li@example.com',
      'min@example.com',
    ]);
    const expected: Record<string, string> = {
      'ana@example.com': 'es',
      'min@example.com': 'ko',
      'hov@example.com': 'hy',
      'li@example.com': 'zh-Hant',
      'late@example.com': 'en',
    };
    for (const m of mails) {
      const lang = expected[m.to_address];
      const t = translator(lang);
      expect(m.language).toBe(lang);
      expect(m.subject).toBe(t('invitation.subject', { service311: 'MyLA311' }));
      expect(m.text_body).toContain(t('invitation.voluntary'));
      // What it is about, in their language; never the staff's English title.
      expect(m.text_body).not.toContain('Bulky Item pickup: intake');
      if (lang === 'es') expect(m.text_body).toContain('Recolección de artículos voluminosos');
      const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text_body)![1];
      const inv = await invitationForToken(ctx.db, token, ctx.clock.now());
      expect(inv?.id).toBe(byPerson.get(m.participant_id!)!.id);
    }
    // Staff-entered and imported people get their manage link with it; web sign-ups do not.
    const body = (to: string) => mails.find((m) => m.to_address === to)!.text_body;
    expect(body('min@example.com')).toMatch(/\/me\/m\/[A-Za-z0-9_-]{43}/);
    expect(body('hov@example.com')).toMatch(/\/me\/m\/[A-Za-z0-9_-]{43}/);
    expect(body('ana@example.com')).not.toContain('/me/m/');
    const contacted = await ctx.db
      .selectFrom('participants')
      .select(['first_name', 'last_contacted_at'])
      .where('id', 'in', [people.Ana, people.Pat])
      .execute();
    expect(Object.fromEntries(contacted.map((c) => [c.first_name, c.last_contacted_at]))).toEqual({
      Ana: START.toISOString(),
      Pat: null,
    });
  });

  test('sending the same draw again sends nothing more', async () => {
    const before = (await outbox()).length;
    const draw = await ctx.db.selectFrom('sample_draws').select('query').executeTakeFirstOrThrow();
    const fingerprint = (
      await ctx.db.selectFrom('sample_draws').select('fingerprint').executeTakeFirstOrThrow()
    ).fingerprint!;
    const page = await organizer.get(`/staff/studies/${studyId}`);
    const [a, b] = await Promise.all([
      send(studyId, { query: draw.query, fingerprint }, page.text),
      send(studyId, { query: draw.query, fingerprint }, page.text),
    ]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect((await organizer.get(`/staff/studies/${studyId}`)).text).toContain(
      'These invitations were already sent',
    );
    expect(await invitationsOf(studyId)).toHaveLength(7);
    expect(await outbox()).toHaveLength(before);
    expect(await ctx.db.selectFrom('sample_draws').select('id').execute()).toHaveLength(1);
  });

  test('the study page counts the invitations', async () => {
    const page = (await organizer.get(`/staff/studies/${studyId}`)).text;
    expect(page).toMatch(/Invited by email<\/th><td>5</);
    expect(page).toMatch(/Invited by phone \(call list\)<\/th><td>2</);
    expect(page).toMatch(/Not answered<\/th><td>7</);
  });
});

describe('the study call list', () => {
  test('lists the phone invitations with phone, language and interpreter need', async () => {
    const html = await callList();
    expect(html).toContain('>Pat</a>');
    expect(html).toContain('(213) 555-0101');
    expect(html).toContain('>Tex</a>');
    expect(html).not.toContain('>Ana</a>');
    expect(html).toContain('Needs interpreter');
  });

  async function row(name: string, action: string, fields: Record<string, string>) {
    const inv = (await invitationsOf(studyId)).find((i) => i.participant_id === people[name])!;
    const page = await organizer.get(`/staff/studies/${studyId}/call-list`);
    return organizer
      .post(`/staff/studies/${studyId}/call-list/${inv.id}/${action}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...fields });
  }

  test('records a call: who and when; no answer keeps them on the list', async () => {
    const res = await row('Pat', 'outcome', { outcome: 'no_answer' });
    expect(res.status).toBe(303);
    const inv = (await invitationsOf(studyId)).find((i) => i.participant_id === people.Pat)!;
    expect(inv).toMatchObject({ call_outcome: 'no_answer', called_by: who.id, response: null });
    expect(await callList()).toContain('No answer, ');
  });

  test('registers someone into a session while on the phone; they leave the list', async () => {
    const bad = await row('Tex', 'register', { sessionId: '999', accommodations: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Choose one of this study’s sessions');
    const res = await row('Tex', 'register', {
      sessionId: String(sessionId),
      accommodations: 'Large print',
    });
    expect(res.status).toBe(303);
    const reg = await ctx.db
      .selectFrom('registrations')
      .selectAll()
      .where('participant_id', '=', people.Tex)
      .executeTakeFirstOrThrow();
    expect(reg).toMatchObject({ session_id: sessionId, status: 'confirmed', channel: 'phone' });
    const inv = (await invitationsOf(studyId)).find((i) => i.participant_id === people.Tex)!;
    expect(inv.response).toBe('registered');
    expect(await callList()).not.toContain('>Tex</a>');
  });

  test('declined is their answer: off the list, and recorded once', async () => {
    expect((await row('Pat', 'outcome', { outcome: 'declined' })).status).toBe(303);
    const inv = (await invitationsOf(studyId)).find((i) => i.participant_id === people.Pat)!;
    expect(inv.response).toBe('declined');
    expect(await callList()).toContain('No one to call');
    const again = await row('Pat', 'outcome', { outcome: 'reached' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('already answered');
  });
});

describe('reminder invitations', () => {
  const remind = async (days: string) => {
    const page = await organizer.get(`/staff/studies/${studyId}`);
    return organizer
      .post(`/staff/studies/${studyId}/invitations/reminders`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), days });
  };

  test('days outside 1–60 are refused on the study page', async () => {
    const res = await remind('0');
    expect(res.status).toBe(400);
    expect(res.text).toContain('a whole number from 1 to 60');
  });

  test('go only to the unanswered, once per press even when pressed twice at once', async () => {
    // Ana said no; Li answered; the others did not.
    const invs = await invitationsOf(studyId);
    const of = (name: string) => invs.find((i) => i.participant_id === people[name])!.id;
    await markResponded(ctx.db, of('Ana'), 'declined', START.toISOString());
    await markResponded(ctx.db, of('Li'), 'registered', START.toISOString());
    await at(new Date(START.getTime() + 3 * DAY));
    expect((await organizer.get(`/staff/studies/${studyId}`)).text).toContain(
      'Send a reminder to the 0 people who have not answered for 7 days',
    );
    await at(new Date(START.getTime() + 8 * DAY));
    expect((await organizer.get(`/staff/studies/${studyId}`)).text).toContain(
      'Send a reminder to the 3 people who have not answered for 7 days',
    );
    const before = (await outbox()).length;
    const [a, b] = await Promise.all([remind('7'), remind('7')]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const mails = (await outbox()).slice(before);
    expect(mails.map((m) => m.to_address).sort()).toEqual([
      'hov@example.com',
      'late@example.com',
      'min@example.com',
    ]);
    for (const m of mails) {
      expect(m.subject).toBe(
        translator(m.language)('invitation.reminderSubject', { service311: 'MyLA311' }),
      );
      const token = /\/r\/([A-Za-z0-9_-]{43})/.exec(m.text_body)![1];
      expect((await invitationForToken(ctx.db, token, ctx.clock.now()))?.participant_id).toBe(
        m.participant_id,
      );
    }
    const after = await invitationsOf(studyId);
    expect(after.find((i) => i.participant_id === people.Min)!.times_sent).toBe(2);
    expect(after.find((i) => i.participant_id === people.Ana)!.times_sent).toBe(1);
    // Pressed again: nothing is due any more.
    await remind('7');
    expect(await outbox()).toHaveLength(before + 3);
    expect((await organizer.get(`/staff/studies/${studyId}`)).text).toContain('No one to remind');
  });
});

describe('cool-down and exclusions', () => {
  test('people invited to any study in the cool-down, or to this one, are not drawn', async () => {
    const other = await createStudy(organizer, studyForm({ organizer: who.id }));
    const leaves = (html: string) =>
      Number(/The filter leaves <strong>(\d+)<\/strong>/.exec(html)![1]);
    // Everyone was invited 8 days ago: a 90-day cool-down leaves no one, a 5-day one everyone.
    expect(leaves((await preview(other)).page.text)).toBe(0);
    expect(leaves((await preview(other, { ...DRAW, coolDownDays: '5' })).page.text)).toBe(7);
    // This study: already invited (or registered) people are never drawn again.
    const again = (await preview(studyId, { ...DRAW, coolDownDays: '0' })).page.text;
    expect(leaves(again)).toBe(0);
    expect(again).toContain('<strong>7</strong> people have already been invited to this study');
  });
});

describe('the participant page', () => {
  test('lists each invitation with its study, date, channel and outcome', async () => {
    const page = async (name: string) =>
      (await organizer.get(`/staff/participants/${people[name]}`)).text;
    const tex = await page('Tex');
    expect(tex).toContain('Study invitations');
    expect(tex).toContain(`href="/staff/studies/${studyId}">Bulky Item pickup: intake</a>`);
    expect(tex).toMatch(
      /data-label="How">Phone \(call list\)<\/td>\s*<td data-label="Outcome">Registered</,
    );
    expect(await page('Pat')).toMatch(/data-label="Outcome">Declined</);
    expect(await page('Min')).toMatch(
      /data-label="How">Email \(2 sent\)<\/td>\s*<td data-label="Outcome">Invited, no answer yet</,
    );
    const none = await addPerson(ctx.db, { first_name: 'Nobody' });
    expect((await organizer.get(`/staff/participants/${none}`)).text).toContain(
      'Not invited to any study.',
    );
  });
});

describe('the manage link goes only with the first email', () => {
  test('a staff-entered person the panel already wrote to gets no second one', async () => {
    const old = await addPerson(ctx.db, {
      first_name: 'Olga',
      email: 'olga@example.com',
      source: 'phone',
    });
    const person = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', old)
      .executeTakeFirstOrThrow();
    await servicesOf(ctx).participants.sendManageMail(person, 'participant-manage-link');
    const other = await createStudy(organizer, studyForm({ organizer: who.id }));
    await moveTo(other, 'recruiting');
    const { page, form } = await preview(other, { ...DRAW, q: 'Olga' });
    expect((await send(other, form!, page.text)).status).toBe(303);
    const mail = (await outbox()).find((m) => m.to_address === 'olga@example.com')!;
    expect(mail.text_body).toMatch(/\/r\/[A-Za-z0-9_-]{43}/);
    expect(mail.text_body).not.toContain('/me/m/');
  });
});
