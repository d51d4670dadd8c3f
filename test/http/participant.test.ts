import type request from 'supertest';
import { translator } from '../../src/i18n/i18n';
import { ko } from '../../src/i18n/locales/ko';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  joinForm,
  postForm,
  residentAgent,
  signedIn,
  type TestContext,
} from '../support/app';

type Agent = ReturnType<typeof request.agent>;

const EVIL = '<script>alert(1)</script>';
const EVIL_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

let ctx: TestContext;
let organizer: Agent;
let organizerId: number;
let rosaId: number;

/** A valid profile for staff forms (the /join fields without the resident's consent box). */
function profile(over: Record<string, string | string[]> = {}) {
  const fields = joinForm(over);
  delete fields.consent;
  return fields;
}

async function participantByEmail(email: string) {
  return ctx.db
    .selectFrom('participants')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
}

async function auditRows(action: string, subjectId: number) {
  return ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('subject_id', '=', String(subjectId))
    .execute();
}

beforeAll(async () => {
  ctx = await buildTestApp();
  const who = await createStaff(ctx, 'organizer');
  organizerId = who.id;
  organizer = await signedIn(ctx, who);
  await residentAgent(ctx, 'rosa@example.com', {
    firstName: EVIL,
    lastName: 'Alvarez',
    phone: '213 555 0123',
    councilDistrict: '1',
    channels: ['app', 'phone'],
    requestTypes: ['Bulky Items'],
    needs: ['interpreter'],
    interpreterLanguage: 'es',
    ageRange: '35_44',
  });
  rosaId = (await participantByEmail('rosa@example.com')).id;
});
afterAll(() => ctx.close());

describe('the participant page', () => {
  test('shows the profile, status, consent history and emails, and logs the view', async () => {
    const before = (await auditRows('participant.view', rosaId)).length;
    const res = await organizer.get(`/staff/participants/${rosaId}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    const html = res.text;
    expect(html).toContain(`${EVIL_ESCAPED} Alvarez`);
    expect(html).not.toContain(EVIL);
    expect(html).toContain('rosa@example.com');
    expect(html).toContain('(213) 555-0123');
    expect(html).toContain('Council District 1'); // reference name, not the number
    expect(html).toMatch(/<dt>Which language do you prefer\?<\/dt>\s*<dd>Spanish<\/dd>/);
    expect(html).toMatch(/<dt>Language for the interpreter<\/dt>\s*<dd>Spanish<\/dd>/);
    expect(html).toContain('MyLA311 app, Phone (3-1-1)');
    expect(html).toContain('Bulky item pickup');
    expect(html).toContain('35 to 44');
    expect(html).toMatch(/<dt>Status<\/dt>\s*<dd><span[^>]*>Active<\/span>/);
    expect(html).toContain('Online sign-up');
    // Consent history: given online by the resident, in Spanish, version 1.
    expect(html).toMatch(
      /Gave consent<\/td>\s*<td data-label="Version">1<\/td>\s*<td data-label="Language">Spanish/,
    );
    expect(html).toContain('The resident');
    // Emails: the confirmation message, linked to the Mail log.
    const mail = await ctx.db
      .selectFrom('outbox')
      .select(['id', 'subject'])
      .where('participant_id', '=', rosaId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(html).toContain(`href="/staff/mail/${mail.id}"`);
    // Registrations and invitations exist now (the studies feature's blocks); surveys do not yet.
    expect(html).toContain('Not registered for any study session.');
    expect(html).toContain('Not invited to any study.');
    expect(html).not.toMatch(/survey response/i);
    const after = await auditRows('participant.view', rosaId);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.actor_staff_id).toBe(organizerId);
  });

  test('a name typed with HTML shows as text on every page about the person', async () => {
    for (const path of ['', '/edit', '/delete']) {
      const res = await organizer.get(`/staff/participants/${rosaId}${path}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain(EVIL_ESCAPED);
      expect(res.text).not.toContain(EVIL);
    }
  });

  test('an id that is not a positive integer, or unknown, is a 404', async () => {
    for (const path of ['abc', '0', '-1', '1.5', '99999', '1e3'])
      expect((await organizer.get(`/staff/participants/${path}`)).status).toBe(404);
    expect((await organizer.get('/staff/participants/99999/edit')).status).toBe(404);
  });

  test('analysts and facilitators are refused (403), anonymous people sent to sign in', async () => {
    for (const role of ['analyst', 'facilitator'] as const) {
      const agent = await signedIn(ctx, await createStaff(ctx, role));
      for (const path of [
        `/staff/participants/${rosaId}`,
        `/staff/participants/${rosaId}/edit`,
        `/staff/participants/${rosaId}/delete`,
        '/staff/participants/new',
        '/staff/participants/paper-form?lang=es',
      ])
        expect({ path, status: (await agent.get(path)).status }).toEqual({ path, status: 403 });
      const page = await agent.get('/staff/account/password');
      const res = await agent
        .post(`/staff/participants/${rosaId}/status`)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), status: 'withdrawn' });
      expect(res.status).toBe(403);
    }
    expect((await participantByEmail('rosa@example.com')).status).toBe('active');
  });
});

describe('edit', () => {
  test('bad input re-renders 400 with the summary and what was typed', async () => {
    const res = await postForm(
      organizer,
      `/staff/participants/${rosaId}/edit`,
      `/staff/participants/${rosaId}/edit`,
      profile({ firstName: '', lastName: `Typed ${EVIL}`, zip: 'abc', email: 'rosa@example.com' }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<title>Error: /);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('href="#firstName"');
    expect(res.text).toContain('href="#zip"');
    expect(res.text).toContain(`value="Typed ${EVIL_ESCAPED}"`);
    expect(res.text).toContain('value="abc"');
    expect(res.text).not.toContain(EVIL);
    expect((await participantByEmail('rosa@example.com')).zip).toBe('90012');
  });

  test('an email used by someone else is refused', async () => {
    await residentAgent(ctx, 'other@example.com');
    const res = await postForm(
      organizer,
      `/staff/participants/${rosaId}/edit`,
      `/staff/participants/${rosaId}/edit`,
      profile({ email: 'other@example.com' }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('already used by someone else');
  });

  test('a valid edit saves and is audit-logged', async () => {
    const page = await organizer.get(`/staff/participants/${rosaId}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`value="${EVIL_ESCAPED}"`); // the stored name, escaped
    expect(page.text).not.toContain(EVIL);
    const res = await organizer
      .post(`/staff/participants/${rosaId}/edit`)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        ...profile({ firstName: EVIL, lastName: 'Alvarez', zip: '90013', recordingConsent: 'yes' }),
      });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/staff/participants/${rosaId}`);
    const p = await participantByEmail('rosa@example.com');
    expect(p.zip).toBe('90013');
    expect(p.recording_consent).toBe(1);
    const audit = await auditRows('participant.edit', rosaId);
    expect(audit.at(-1)!.actor_staff_id).toBe(organizerId);
    expect((await organizer.get(res.headers.location)).text).toContain('Changes saved.');
  });
});

describe('status', () => {
  const setStatus = (fields: Record<string, string>) =>
    postForm(
      organizer,
      `/staff/participants/${rosaId}`,
      `/staff/participants/${rosaId}/status`,
      fields,
    );

  test('paused needs a length; it is kept and audit-logged', async () => {
    const bad = await setStatus({ status: 'paused' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Choose how long to pause contact');
    expect(bad.text).toContain('href="#months"');
    expect(bad.text).not.toContain(EVIL);
    expect((await setStatus({})).status).toBe(400);

    const res = await setStatus({ status: 'paused', months: '6' });
    expect(res.status).toBe(303);
    const p = await participantByEmail('rosa@example.com');
    expect(p.status).toBe('paused');
    const months = (Date.parse(p.paused_until!) - ctx.clock.now().getTime()) / (30.4 * 86_400_000);
    expect(Math.round(months)).toBe(6);
    const audit = await auditRows('participant.status', rosaId);
    expect(JSON.parse(audit.at(-1)!.details)).toEqual({ from: 'active', to: 'paused', months: 6 });
    expect(audit.at(-1)!.actor_staff_id).toBe(organizerId);
  });

  test('withdrawn records consent withdrawn by staff; back to active records consent again', async () => {
    expect((await setStatus({ status: 'withdrawn' })).status).toBe(303);
    let p = await participantByEmail('rosa@example.com');
    expect(p.status).toBe('withdrawn');
    expect(p.withdrawn_at).not.toBeNull();
    expect((await auditRows('participant.withdraw', rosaId)).length).toBe(1);
    const paused = await setStatus({ status: 'paused', months: '3' });
    expect(paused.status).toBe(400);
    expect(paused.text).toContain('must be made active before pausing');

    expect((await setStatus({ status: 'active' })).status).toBe(303);
    p = await participantByEmail('rosa@example.com');
    expect(p.status).toBe('active');
    expect(p.withdrawn_at).toBeNull();
    const events = await ctx.db
      .selectFrom('consent_events')
      .selectAll()
      .where('participant_id', '=', rosaId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.action, e.recorded_by_staff_id])).toEqual([
      ['given', null],
      ['withdrawn', organizerId],
      ['given', organizerId],
    ]);
  });
});

describe('contact log', () => {
  const contact = (fields: Record<string, string>) =>
    postForm(
      organizer,
      `/staff/participants/${rosaId}`,
      `/staff/participants/${rosaId}/contacts`,
      fields,
    );

  test('bad input is refused with what was typed', async () => {
    const empty = await contact({});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Choose how you contacted them');
    expect(empty.text).toContain('Choose what happened');
    const long = await contact({ channel: 'phone', outcome: 'reached', note: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.text).toContain('1000 characters or fewer');
    expect(long.text).toContain('x'.repeat(1001));
    expect(long.text).toMatch(/id="channel" type="radio" name="channel" value="phone" checked/);
    const odd = await contact({ channel: 'pigeon', outcome: 'reached' });
    expect(odd.status).toBe(400);
    expect(
      await ctx.db
        .selectFrom('contact_log')
        .select('id')
        .where('participant_id', '=', rosaId)
        .execute(),
    ).toEqual([]);
  });

  test('a phone call is logged, shown escaped, and sets last contacted', async () => {
    const res = await contact({ channel: 'phone', outcome: 'reached', note: `Call back ${EVIL}` });
    expect(res.status).toBe(303);
    const row = await ctx.db
      .selectFrom('contact_log')
      .selectAll()
      .where('participant_id', '=', rosaId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'phone', outcome: 'reached', staff_id: organizerId });
    expect(row.note).toBe(`Call back ${EVIL}`);
    const p = await participantByEmail('rosa@example.com');
    expect(p.last_contacted_at).toBe(row.at);
    const page = (await organizer.get(`/staff/participants/${rosaId}`)).text;
    expect(page).toContain(`Call back ${EVIL_ESCAPED}`);
    expect(page).not.toContain(EVIL);
    expect(page).toContain('Reached them');
    expect(page).toContain('Contact recorded.');
  });

  test('"asked not to be contacted" withdraws them', async () => {
    const res = await contact({ channel: 'text', outcome: 'do_not_contact' });
    expect(res.status).toBe(303);
    expect((await participantByEmail('rosa@example.com')).status).toBe('withdrawn');
    expect((await auditRows('participant.contact', rosaId)).length).toBe(2);
    // Back in the panel for the tests that follow.
    await postForm(
      organizer,
      `/staff/participants/${rosaId}`,
      `/staff/participants/${rosaId}/status`,
      { status: 'active' },
    );
  });
});

describe('staff-assisted entry', () => {
  const entry = (over: Record<string, string | string[]> = {}) =>
    profile({
      firstName: 'Min-jun',
      lastName: 'Park',
      email: 'minjun@example.com',
      language: 'ko',
      source: 'event',
      consentRecorded: 'yes',
      consentLanguage: 'ko',
      ...over,
    });
  const add = (fields: Record<string, string | string[]>) =>
    postForm(organizer, '/staff/participants/new', '/staff/participants/new', fields);

  test('the page offers the paper form in the five languages', async () => {
    const res = await organizer.get('/staff/participants/new');
    expect(res.status).toBe(200);
    for (const lang of ['en', 'es', 'ko', 'hy', 'zh-Hant'])
      expect(res.text).toContain(`href="/staff/participants/paper-form?lang=${lang}"`);
  });

  test('missing source and consent are refused, in page order, keeping what was typed', async () => {
    const res = await add(
      entry({ firstName: EVIL, source: '', consentRecorded: '', consentLanguage: 'xx', zip: '' }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/<title>Error: /);
    const links = [...res.text.matchAll(/<li><a href="#(\w+)">/g)].map((m) => m[1]);
    expect(links).toEqual(['zip', 'source', 'consentRecorded', 'consentLanguage']);
    expect(res.text).toContain(`value="${EVIL_ESCAPED}"`);
    expect(res.text).not.toContain(EVIL);
    expect(res.text).toContain('value="minjun@example.com"');
    expect(
      await ctx.db
        .selectFrom('participants')
        .select('id')
        .where('email', '=', 'minjun@example.com')
        .execute(),
    ).toEqual([]);
  });

  test('creates an active participant with consent recorded by staff, audit-logged', async () => {
    const res = await add(entry({ recordingConsent: 'yes' }));
    expect(res.status).toBe(303);
    const p = await participantByEmail('minjun@example.com');
    expect(res.headers.location).toBe(`/staff/participants/${p.id}`);
    expect(p).toMatchObject({
      status: 'active',
      source: 'event',
      created_by_staff_id: organizerId,
      recording_consent: 1,
      language: 'ko',
    });
    expect(p.confirmed_at).not.toBeNull();
    const events = await ctx.db
      .selectFrom('consent_events')
      .selectAll()
      .where('participant_id', '=', p.id)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'given',
      channel: 'event',
      recorded_by_staff_id: organizerId,
      language: 'ko',
    });
    const audit = await auditRows('participant.create', p.id);
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_staff_id).toBe(organizerId);
    expect(audit[0].details).not.toContain('minjun');
    const page = await organizer.get(res.headers.location);
    expect(page.text).toContain('Participant added to the panel');
    expect(page.text).toContain('Min-jun Park');
    expect(page.text).toMatch(/Gave consent<\/td>[\s\S]*?Korean[\s\S]*?Event[\s\S]*?Organizer/);
  });

  test('consent may be given in another language than the preferred one', async () => {
    const res = await add(
      entry({ email: 'ana@example.com', language: 'en', consentLanguage: 'es', source: 'phone' }),
    );
    expect(res.status).toBe(303);
    const p = await participantByEmail('ana@example.com');
    const e = await ctx.db
      .selectFrom('consent_events')
      .selectAll()
      .where('participant_id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect([e.language, e.channel]).toEqual(['es', 'phone']);
  });

  test('a duplicate email is refused with a link to the person who has it', async () => {
    const count = async () =>
      (await ctx.db.selectFrom('participants').select('id').execute()).length;
    const before = await count();
    const res = await add(entry({ email: 'ROSA@example.com', firstName: 'Someone' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('already used by someone in the panel');
    expect(res.text).toContain(`href="/staff/participants/${rosaId}"`);
    expect(res.text).toContain('value="Someone"');
    expect(await count()).toBe(before);
  });
});

describe('paper sign-up form', () => {
  test('in Korean: <html lang="ko">, Korean labels, the consent text, print stylesheet', async () => {
    const res = await organizer.get('/staff/participants/paper-form?lang=ko');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<html lang="ko" dir="ltr"/);
    expect(res.text).toContain(ko.join.paperTitle);
    expect(res.text).toContain(`>${ko.fields.firstName.label}</label>`);
    // Sentences naming the city or its 311 service are said with the configured names.
    expect(res.text).toContain(translator('ko')('fields.myla311Use.legend'));
    expect(res.text).toContain(translator('ko')('consent.defaultText'));
    expect(res.text).toContain(ko.join.paperSignature);
    expect(res.text).toContain('href="/assets/css/paper-form.css"');
    // Empty: nothing typed, no site navigation or footer on paper.
    expect(res.text).not.toMatch(/<input[^>]+type="text"[^>]+value="[^"]/);
    expect(res.text).not.toContain('aria-label="Staff"');
    expect(res.text).not.toContain('cp-footer');
    const css = await organizer.get('/assets/css/paper-form.css');
    expect(css.status).toBe(200);
    expect(css.text).toContain('@media print');
  });

  test('English by default and for an unknown language; the staff page stays English', async () => {
    for (const q of ['', '?lang=xx', '?lang=en&lang=ko']) {
      const res = await organizer.get(`/staff/participants/paper-form${q}`);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<html lang="en"/);
      expect(res.text).toContain('Civic Panel sign-up form');
    }
    expect((await organizer.get('/staff/participants/new')).text).toMatch(/<html lang="en"/);
  });
});

describe('delete', () => {
  test('two steps; the page then shows a deleted participant without personal data', async () => {
    const id = (await participantByEmail('other@example.com')).id;
    const ask = await organizer.get(`/staff/participants/${id}/delete`);
    expect(ask.status).toBe(200);
    // A POST without the confirming button only leads back to the question.
    const bare = await organizer
      .post(`/staff/participants/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfFrom(ask.text) });
    expect(bare.status).toBe(303);
    expect(bare.headers.location).toBe(`/staff/participants/${id}/delete`);
    expect((await participantByEmail('other@example.com')).status).toBe('active');

    const res = await organizer
      .post(`/staff/participants/${id}/delete`)
      .type('form')
      .send({ _csrf: csrfFrom(ask.text), confirm: 'yes' });
    expect(res.status).toBe(303);
    const p = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p.status).toBe('deleted');
    expect(p.email).toBeNull();
    const audit = await auditRows('participant.delete', id);
    expect(audit.map((a) => a.actor_staff_id)).toEqual([organizerId]);

    const page = await organizer.get(`/staff/participants/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Deleted participant ${p.public_id}`);
    expect(page.text).not.toContain('other@example.com');
    expect(page.text).not.toContain('Rosa'); // joinForm's first name
    expect(page.text).not.toContain('90012');
    expect(page.text).not.toContain('Record a contact');
    for (const path of ['edit', 'delete'])
      expect((await organizer.get(`/staff/participants/${id}/${path}`)).status).toBe(404);
    const status = await postForm(
      organizer,
      `/staff/participants/${rosaId}`,
      `/staff/participants/${id}/status`,
      {
        status: 'active',
      },
    );
    expect(status.status).toBe(404);
  });
});
