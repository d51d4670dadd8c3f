import request from 'supertest';
import type { NewParticipant, OutboxStatus, StaffRole } from '../../src/db/schema';
import { insertMessage } from '../../src/mail/outbox.queries';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';

type Agent = ReturnType<typeof request.agent>;

/*
 * 11:00 in Los Angeles on Tuesday 10 March 2026, two days after clocks went forward: "the last 7
 * days" start at midnight on Wednesday 4 March, which was still Pacific Standard Time (08:00 UTC).
 */
const NOW = new Date('2026-03-10T18:00:00.000Z');
const THIS_WEEK = '2026-03-09T20:00:00.000Z';
const OLD = '2026-01-15T20:00:00.000Z';

let ctx: TestContext;
const agents = {} as Record<StaffRole, Agent>;

const unescape = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'");

/** The main part of a page (no header navigation). */
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** The figures on the dashboard as { label: { count, href } }. */
function figures(html: string): Record<string, { count: number; href: string }> {
  return Object.fromEntries(
    [
      ...html.matchAll(
        /<a class="usa-link" href="([^"]+)"><span class="font-heading-xl text-bold">([\d,]+)<\/span> ([^<]+)<\/a>/g,
      ),
    ].map((m) => [m[3], { count: Number(m[2].replace(/,/g, '')), href: unescape(m[1]) }]),
  );
}

/** Every link in a page's main part, or after a heading in it. */
const linksIn = (html: string, after = '<main') =>
  [
    ...main(html)
      .slice(main(html).indexOf(after))
      .matchAll(/<a [^>]*href="([^"]+)"/g),
  ].map((m) => unescape(m[1]));

/** The people or messages a list page shows (all on one page here: fewer than 50). */
function listed(html: string): number {
  const people = html.match(/data-label="Name"><a href="\/staff\/participants\/\d+">/g);
  const mail = html.match(/data-label="Subject"><a href="\/staff\/mail\/\d+">/g);
  return (people?.length ?? 0) + (mail?.length ?? 0);
}

/** The Pool page's own total ("All" under its counts). */
function poolTotal(html: string): number {
  const m = /<tfoot><tr><th scope="row">All<\/th><td[^>]*>([\d,]+)<\/td>/.exec(html);
  expect(m).not.toBeNull();
  return Number(m![1].replace(/,/g, ''));
}

let n = 0;
function person(status: NewParticipant['status'], over: Partial<NewParticipant> = {}) {
  n++;
  return addPerson(ctx.db, {
    status,
    first_name: `Person${n}`,
    last_name: 'Test',
    email: `person${n}@example.com`,
    contact_preference: 'email',
    created_at: OLD,
    ...over,
  });
}

function mail(status: OutboxStatus) {
  n++;
  return insertMessage(ctx.db, {
    message_id: `<m${n}@civic-panel.test>`,
    template: 'participant-manage-link',
    to_address: `person${n}@example.com`,
    language: 'en',
    subject: `Message ${n}`,
    text_body: 'Hello',
    html_body: '<p>Hello</p>',
    status,
    next_attempt_at: NOW.toISOString(),
    staff_user_id: null,
    created_at: NOW.toISOString(),
    last_error: status === 'failed' ? 'connection refused' : null,
  });
}

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(NOW);
  for (const role of ['admin', 'organizer', 'facilitator', 'analyst'] as const)
    agents[role] = await signedIn(ctx, await createStaff(ctx, role));

  // Active: 6, two of them this week; three on the call list (a call, a text, no email).
  await person('active');
  await person('active', { phone: '+12135550101', contact_preference: 'phone' });
  await person('active', { phone: '+12135550102', email: null, contact_preference: null });
  await person('active', { created_at: THIS_WEEK });
  await person('active', { contact_preference: 'text' }); // no phone: not on the call list
  await person('active', {
    phone: '+12135550103',
    contact_preference: 'text',
    created_at: THIS_WEEK,
  });
  // Pending: 4, two of them this week. One joined at 23:30 on 3 March in Los Angeles, already
  // 4 March in UTC: not this week.
  await person('pending', { created_at: '2026-03-04T08:30:00.000Z' });
  await person('pending', { created_at: '2026-03-04T07:30:00.000Z' });
  await person('pending', { created_at: '2026-03-10T17:00:00.000Z' });
  await person('pending');
  // Paused: 1 (with a phone: still not on the call list). Withdrawn: 2, one this week.
  await person('paused', { phone: '+12135550104', contact_preference: 'phone' });
  await person('withdrawn', { created_at: THIS_WEEK });
  await person('withdrawn');
  // Deleted this week, with a phone: counted nowhere.
  await person('deleted', {
    first_name: null,
    last_name: null,
    email: null,
    phone: '+12135550105',
    contact_preference: 'phone',
    created_at: THIS_WEEK,
  });

  for (const status of ['failed', 'failed', 'failed', 'sent', 'queued', 'kept'] as const)
    await mail(status);
});
afterAll(() => ctx.close());

describe('an organizer', () => {
  let html: string;
  beforeAll(async () => {
    const res = await agents.organizer.get('/staff');
    expect(res.status).toBe(200);
    html = res.text;
  });

  test('sees each figure, counted in SQL with the pages’ own criteria', () => {
    const f = figures(html);
    expect(Object.fromEntries(Object.entries(f).map(([label, x]) => [label, x.count]))).toEqual({
      'active participants': 6,
      'pending participants': 4,
      'paused participant': 1,
      'withdrawn participants': 2,
      'sign-ups in the last 7 days': 5,
      'pending confirmations': 2,
      'people waiting on the call list': 3,
      'reminder calls to make': 0,
      'failed messages': 3,
    });
    expect(html).toContain('since Wednesday, March 4');
  });

  test('each figure links to the filtered page that lists exactly that many', async () => {
    const f = figures(html);
    expect(f['active participants'].href).toBe('/staff/participants?status=active');
    expect(f['sign-ups in the last 7 days'].href).toBe(
      '/staff/participants?createdFrom=2026-03-04',
    );
    expect(f['pending confirmations'].href).toBe(
      '/staff/participants?status=pending&createdFrom=2026-03-04',
    );
    expect(f['people waiting on the call list'].href).toBe('/staff/participants/call-list');
    expect(f['failed messages'].href).toBe('/staff/mail?status=failed');
    for (const [label, { count, href }] of Object.entries(f)) {
      const page = await agents.organizer.get(href);
      expect([label, page.status]).toEqual([label, 200]);
      expect([label, listed(page.text)]).toEqual([label, count]);
      if (href.startsWith('/staff/participants?'))
        expect([label, poolTotal(page.text)]).toEqual([label, count]);
    }
  });

  test('keeps plain links only to pages no tile leads to', () => {
    expect(linksIn(html)).toEqual(
      expect.arrayContaining(['/staff/participants', '/staff/mail', '/staff/account/password']),
    );
    // The tiles open the pool and the Mail log; the call list is its own figure.
    expect(linksIn(html, '>Other pages</h2>')).toEqual([
      '/staff/studies',
      '/staff/surveys',
      '/staff/results',
      '/staff/my-sessions',
      '/staff/account/password',
    ]);
  });
});

test('an admin sees the figures and the admin pages', async () => {
  const res = await agents.admin.get('/staff');
  expect(Object.keys(figures(res.text))).toHaveLength(9);
  expect(linksIn(res.text, '>Other pages</h2>')).toEqual([
    '/staff/studies',
    '/staff/surveys',
    '/staff/results',
    '/staff/themes',
    '/staff/audit',
    '/staff/users',
    '/staff/consent',
    '/staff/settings',
    '/staff/account/password',
  ]);
});

test.each(['facilitator', 'analyst'] as const)(
  'as %s: no pool, call list or Mail log figure; a facilitator sees their reminder calls',
  async (role) => {
    const res = await agents[role].get('/staff');
    expect(res.status).toBe(200);
    expect(figures(res.text)).toEqual(
      role === 'facilitator'
        ? { 'reminder calls to make': { count: 0, href: '/staff/reminder-calls' } }
        : {},
    );
    expect(main(res.text)).not.toContain('Participant pool');
    expect(main(res.text)).not.toContain('pending');
    // A facilitator's pages beyond their account: the sessions they run and their reminder calls.
    expect(linksIn(res.text)).toEqual(
      role === 'facilitator'
        ? ['/staff/reminder-calls', '/staff/my-sessions', '/staff/account/password']
        : ['/staff/results', '/staff/account/password'],
    );
  },
);

test.each(['admin', 'organizer', 'facilitator', 'analyst'] as const)(
  'every link on the %s’s home opens for them (none would be refused)',
  async (role) => {
    const res = await agents[role].get('/staff');
    const links = linksIn(res.text);
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) {
      const page = await agents[role].get(href);
      expect([href, page.status]).toEqual([href, 200]);
    }
  },
);

test('signed out, /staff asks to sign in', async () => {
  const res = await request(ctx.app).get('/staff');
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe('/login?next=%2Fstaff');
});
