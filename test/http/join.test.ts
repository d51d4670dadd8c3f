import request from 'supertest';
import { LOCALES, catalogues, translator } from '../../src/i18n/i18n';
import { en } from '../../src/i18n/locales/en';
import { buildTestApp, csrfFrom, joinForm, latestLink, type TestContext } from '../support/app';
import { fingerprint } from '../support/db';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

async function post(fields: Record<string, unknown>, lang = 'en') {
  const agent = request.agent(ctx.app);
  const page = await agent.get(`/join?lang=${lang}`);
  return agent
    .post('/join')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

const summary = (html: string) =>
  /<div class="usa-alert usa-alert--error cp-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
/** Text as EJS writes it into a page. */
const html = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[ch]!,
  );
const countPeople = async () =>
  Number(
    (
      await ctx.db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('bad input: 400, the error summary in the page language, what was typed kept, nothing stored', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['bad email', { email: 'not-an-email' }, 'email'],
    ['4-digit ZIP', { zip: '9001' }, 'zip'],
    ['no contact method', { email: '', phone: '' }, 'email'],
    ['no consent', { consent: '' }, 'consent'],
    ['10 KB name', { firstName: 'A'.repeat(10_240) }, 'firstName'],
    ['bad phone', { phone: '12345', email: '' }, 'phone'],
    ['unknown language', { language: 'xx' }, 'language'],
    ['unknown district', { councilDistrict: '99' }, 'councilDistrict'],
    ['phone preference without a phone', { contactPreference: 'text' }, 'contactPreference'],
    ['interpreter without a language', { needs: ['interpreter'] }, 'interpreterLanguage'],
    ['an array where a string is expected', { firstName: ['a', 'b'] }, 'firstName'],
    ['a control character in a name', { firstName: 'Ro\u0007sa' }, 'firstName'],
  ];

  test.each(cases)('%s', async (_name, change, field) => {
    const before = await fingerprint(ctx.db);
    const res = await post(joinForm({ email: 'bad@example.com', ...(change as any) }), 'es');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<title>Error: Únase a Civic Panel');
    expect(summary(res.text)).toContain('Hay un problema');
    expect(summary(res.text)).toContain(`href="#${field}"`);
    expect(res.text).toMatch(new RegExp(`aria-describedby="[^"]*${field}-error`));
    expect(await fingerprint(ctx.db)).toBe(before);
  });

  test('what was typed is kept, and HTML typed is shown as text', async () => {
    const res = await post(
      joinForm({ firstName: '<script>alert(1)</script>', lastName: 'O\'Brien "Q"', zip: '123' }),
    );
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(res.text).toContain('value="O&#39;Brien &#34;Q&#34;"');
    expect(res.text).toContain('value="123"');
    expect(res.text).toMatch(/<input[^>]*id="consent"[^>]*checked/);
  });

  test('emoji and right-to-left names are accepted as they are', async () => {
    const res = await post(joinForm({ firstName: 'مريم 🌵', email: 'rtl@example.com' }));
    expect(res.status).toBe(303);
    const p = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('email', '=', 'rtl@example.com')
      .executeTakeFirstOrThrow();
    expect(p.first_name).toBe('مريم 🌵');
  });

  test.each(LOCALES)(
    'the title, the summary heading and the field message are in the page language (%s)',
    async (lang) => {
      const c = catalogues[lang];
      const res = await post(joinForm({ zip: 'x' }), lang);
      expect(res.status).toBe(400);
      expect(res.text).toContain(`<html lang="${lang}"`);
      expect(res.text).toContain(
        `<title>${html(`${c.form.errorTitlePrefix} ${c.join.title} – ${c.site.name}`)}</title>`,
      );
      expect(summary(res.text)).toContain(
        `id="error-summary-title">${html(c.form.errorSummary)}</h2>`,
      );
      expect(summary(res.text)).toContain(`<a href="#zip">${html(c.fields.zip.invalid)}</a>`);
      if (lang !== 'en') {
        // Not English by mistake (a catalogue that fell back would pass the lines above).
        expect(c.form.errorSummary).not.toBe(en.form.errorSummary);
        expect(c.fields.zip.invalid).not.toBe(en.fields.zip.invalid);
        expect(res.text).not.toContain(en.form.errorSummary);
      }
    },
  );

  test('random bytes and wrong types never give a 5xx', async () => {
    for (let i = 0; i < 30; i++) {
      const junk: Record<string, unknown> = {};
      for (const k of [
        'firstName',
        'email',
        'phone',
        'zip',
        'language',
        'needs',
        'race',
        'consent',
        'councilDistrict',
      ]) {
        junk[k] =
          i % 3 === 0
            ? [String(i), 'x']
            : Buffer.from(Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7) % 256)).toString(
                'latin1',
              );
      }
      const res = await post(junk);
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('signing up', () => {
  test('an email sign-up is pending, with a consent event and a confirmation email in the page language', async () => {
    const res = await post(
      joinForm({ email: 'ana@example.com', language: 'ko', recordingConsent: 'yes' }),
      'es',
    );
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/join/check-email');
    const p = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('email', '=', 'ana@example.com')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({
      status: 'pending',
      source: 'web',
      language: 'ko',
      recording_consent: 1,
    });
    const consent = await ctx.db
      .selectFrom('consent_events')
      .selectAll()
      .where('participant_id', '=', p.id)
      .execute();
    expect(consent).toHaveLength(1);
    expect(consent[0]).toMatchObject({ action: 'given', channel: 'web', language: 'ko' });
    expect(consent[0].text_hash).toMatch(/^[0-9a-f]{64}$/);
    const mail = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'ana@example.com')
      .executeTakeFirstOrThrow();
    expect(mail.language).toBe('ko');
    expect(mail.subject).toBe(translator('ko')('mail.confirm.subject'));
    expect(mail.text_body).toMatch(/\/me\/c\/[A-Za-z0-9_-]{43}/);
    expect(mail.text_body).toMatch(/\/me\/m\/[A-Za-z0-9_-]{43}/);
  });

  test('the same address twice gives one participant and the identical answer', async () => {
    const first = await post(joinForm({ email: 'twice@example.com' }));
    const second = await post(joinForm({ email: 'Twice@Example.com', firstName: 'Other' }));
    expect(second.status).toBe(first.status);
    expect(second.headers.location).toBe(first.headers.location);
    const rows = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('email', '=', 'twice@example.com')
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].first_name).toBe('Rosa');
  });

  test('a known, confirmed address gets its manage link by email instead of a new row', async () => {
    await post(joinForm({ email: 'known@example.com' }));
    const agent = request.agent(ctx.app);
    await agent.get(await latestLink(ctx, 'known@example.com', 'c'));
    const page = await agent.get('/me/confirm');
    await agent
      .post('/me/confirm')
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    const count = await countPeople();
    await post(joinForm({ email: 'known@example.com' }));
    expect(await countPeople()).toBe(count);
    const last = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'known@example.com')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.template).toBe('participant-already-member');
  });

  test('a phone-only sign-up is active at once and thanks the person', async () => {
    const res = await post(
      joinForm({ email: '', phone: '(213) 555-0142', contactPreference: 'phone' }),
    );
    expect(res.headers.location).toBe('/join/thanks');
    const p = await ctx.db
      .selectFrom('participants')
      .selectAll()
      .where('phone', '=', '+12135550142')
      .executeTakeFirstOrThrow();
    expect(p.status).toBe('active');
  });

  test('the honeypot field, when filled, stores nothing but looks the same', async () => {
    const before = await countPeople();
    const res = await post(joinForm({ email: 'bot@example.com', cp_hp: 'http://spam.example' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/join/check-email');
    expect(await countPeople()).toBe(before);
  });
});

describe('rate limit', () => {
  test('too many sign-ups from one address get 429', async () => {
    const limited = await buildTestApp({ joinRateLimit: 3 });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const agent = request.agent(limited.app);
        const page = await agent.get('/join');
        statuses.push(
          (
            await agent
              .post('/join')
              .type('form')
              .send({ _csrf: csrfFrom(page.text), ...joinForm({ email: `r${i}@example.com` }) })
          ).status,
        );
      }
      expect(statuses).toEqual([303, 303, 303, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
