import request from 'supertest';
import { translator } from '../../src/i18n/i18n';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  joinForm,
  latestLink,
  postForm,
  residentAgent,
  servicesOf,
  signedIn,
  signUp,
  type TestContext,
} from '../support/app';
import { addPerson, fingerprint } from '../support/db';
import { insertInvitations } from '../../src/studies/invitations/invitations.queries';
import { junk } from '../support/junk';
import { listRoutes } from '../support/routes';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey, sampleSurveySpec, surveyLinkFor } from '../support/surveys';
import {
  addSession,
  createStudy,
  followInvitation,
  invite,
  openStudy,
  sessionForm,
  studyForm,
} from '../support/studies';

/**
 * Every POST route, fed malformed, oversized, missing and wrong-type fields by someone allowed to
 * use it (with a valid CSRF token, the right session and real row ids), reaches validation: it
 * answers 400 with the error summary, or, for buttons whose body carries at most a fixed choice,
 * the redirect listed below. Never a crash, and never a refusal (403/404/410/413/429) that would
 * mean the junk was not looked at. GET routes get junk query strings the same way.
 */
type Agent = ReturnType<typeof request.agent>;

/** What junk gets: 400 + error summary, a 303 to this place (`:id` as in the request), a page, or a 303 to a new row's page under `created`. */
type Outcome = 'summary' | { redirect: string } | { page: string } | { created: string };

const POSTS: Record<string, Outcome> = {
  '/login': 'summary',
  '/staff/results/studies/:id/report-back': 'summary',
  '/staff/results/studies/:id/report-back/send': 'summary',
  '/set-password': 'summary',
  '/join': 'summary',
  '/me/link': 'summary',
  '/me': 'summary',
  '/me/pause': 'summary',
  '/staff/account/password': 'summary',
  '/staff/consent': 'summary',
  '/staff/settings': 'summary',
  '/staff/results/city-shares': 'summary',
  '/staff/users': 'summary',
  '/staff/users/:id/role': 'summary',
  '/staff/participants/new': 'summary',
  '/staff/participants/:id/edit': 'summary',
  '/staff/participants/:id/status': 'summary',
  '/staff/participants/:id/contacts': 'summary',
  '/staff/participants/import': 'summary',
  '/staff/participants/import/:id/map': 'summary',
  '/staff/participants/import/:id/commit': 'summary',
  '/staff/participants/call-list/export': 'summary',
  '/staff/studies/new': 'summary',
  '/staff/studies/:id/edit': 'summary',
  '/staff/studies/:id/status': 'summary',
  '/staff/studies/:id/sessions/new': 'summary',
  '/staff/studies/:id/sessions/:sessionId/edit': 'summary',
  '/staff/studies/:id/sessions/:sessionId/registrations': 'summary',
  '/staff/studies/:id/sessions/:sessionId/registrations/cancel': 'summary',
  '/r/i/:id': 'summary',
  '/r/i/:id/switch': 'summary',
  '/staff/studies/:id/sessions/:sessionId/check-in': 'summary',
  '/staff/studies/:id/sessions/:sessionId/walk-ins': 'summary',
  '/staff/studies/:id/sessions/:sessionId/walk-ins/new': 'summary',
  '/staff/studies/:id/sessions/:sessionId/incentives': 'summary',
  '/staff/studies/:id/incentives/export': 'summary',
  '/staff/studies/:id/sessions/:sessionId/cancel': 'summary',
  '/staff/reminder-calls': 'summary',
  '/staff/studies/:id/invitations': 'summary',
  '/staff/studies/:id/invitations/reminders': 'summary',
  '/staff/studies/:id/call-list/:invitationId/outcome': 'summary',
  '/staff/studies/:id/call-list/:invitationId/register': 'summary',
  '/staff/studies/:id/sessions/:sessionId/notes': 'summary',
  '/staff/studies/:id/sessions/:sessionId/notes/:noteId/edit': 'summary',
  '/staff/themes': 'summary',
  '/staff/themes/:themeId/rename': 'summary',
  '/staff/themes/merge': 'summary',
  '/staff/surveys/templates/a11': 'summary',
  '/staff/surveys/templates/screener': 'summary',
  '/staff/surveys/templates/post-session': 'summary',
  // The survey builder.
  '/staff/surveys/new': 'summary',
  '/staff/surveys/:id/settings': 'summary',
  '/staff/surveys/:id/texts/:lang': 'summary',
  '/staff/surveys/:id/status': 'summary',
  '/staff/surveys/:id/pages/:page/move': 'summary',
  '/staff/surveys/:id/pages/:page/delete': 'summary',
  '/staff/surveys/:id/pages/:page/questions/new': 'summary',
  '/staff/surveys/:id/questions/:code': 'summary',
  '/staff/surveys/:id/questions/:code/move': 'summary',
  '/staff/surveys/:id/questions/:code/page': 'summary',
  '/staff/surveys/:id/questions/:code/delete': 'summary',
  '/staff/surveys/:id/questions/:code/add-option': 'summary',
  '/staff/surveys/:id/questions/:code/options/:option': 'summary',
  '/staff/surveys/:id/questions/:code/options/:option/move': 'summary',
  '/staff/surveys/:id/questions/:code/options/:option/delete': 'summary',
  '/staff/surveys/:id/pages/:page/condition': 'summary',
  '/staff/surveys/:id/questions/:code/condition': 'summary',
  '/s/r/:rid/p/:n': 'summary',
  '/staff/surveys/:id/preview/p/:n': 'summary',
  '/staff/surveys/:id/entry': 'summary',
  '/staff/surveys/:id/entry/:rid/p/:n': 'summary',
  // Submitting a response that misses a required answer: back to its page, which says so.
  '/s/r/:rid/submit': { redirect: '/s/r/:rid/p/1?check=1' },
  '/staff/surveys/:id/preview/submit': { redirect: '/staff/surveys/:id/preview/p/1?check=1' },
  '/staff/surveys/:id/entry/:rid/submit': {
    redirect: '/staff/surveys/:id/entry/:rid/p/1?check=1',
  },
  // An open link's start button: the link's page then opens this browser's response.
  '/s/o/:slug': { redirect: '/s/o/fuzzslug' },
  '/staff/surveys/:id/open-link': { redirect: '/staff/surveys/:id/open-link' },
  '/staff/surveys/:id/open-link/retire': { redirect: '/staff/surveys/:id/open-link' },
  '/staff/surveys/:id/send': 'summary',
  '/staff/results/export/participants': 'summary',
  // Buttons with nothing to validate: what the session or the URL says is all they act on.
  '/logout': { redirect: '/login' },
  '/me/confirm': { page: 'me.confirmedTitle' },
  '/me/email': { redirect: '/me' },
  '/me/stay': { page: 'retention.stayedTitle' },
  '/me/resume': { redirect: '/me' },
  '/me/withdraw': { redirect: '/me' },
  '/me/rejoin': { redirect: '/me' },
  '/me/delete': { redirect: '/me/deleted' },
  '/staff/users/:id/deactivate': { redirect: '/staff/users/:id' },
  '/staff/users/:id/reactivate': { redirect: '/staff/users/:id' },
  '/staff/users/:id/password-link': { redirect: '/staff/users/:id' },
  '/staff/participants/import/:id/cancel': { redirect: '/staff/participants/import' },
  '/staff/mail/:id/retry': { redirect: '/staff/mail/:id' },
  '/staff/surveys/:id/pages': { redirect: '/staff/surveys/:id' },
  // A page's titles may all be blank (a page without a title): junk names none of its fields.
  '/staff/surveys/:id/pages/:page': { redirect: '/staff/surveys/:id#page-1' },
  '/r/i/:id/decline': { redirect: '/r/i/:id' },
  '/r/i/:id/cancel': { redirect: '/r/i/:id' },
  '/staff/studies/:id/sessions/:sessionId/notes/:noteId/delete': {
    redirect: '/staff/studies/:id/sessions/:sessionId/notes',
  },
  '/staff/themes/:themeId/approve': { redirect: '/staff/themes' },
  // A fixed choice missing: the question is asked again.
  '/me/consent': { redirect: '/me/consent' },
  '/staff/participants/:id/delete': { redirect: '/staff/participants/:id/delete' },
  // A button that makes something new: 303 to the new row's page.
  '/staff/surveys/:id/duplicate': { created: '/staff/surveys/' },
};

/**
 * GET forms (a shareable URL, no CSRF) and the flag that submits them: with the flag, junk query
 * strings reach validation (400 and the error summary); without it, the empty form (200).
 */
const GET_FORMS: Record<string, { flag: string; fields: string[] }> = {
  '/staff/results/exports': {
    flag: 'go',
    fields: ['type', 'survey', 'study', 'profile', 'labels', 'language', 'district', 'from'],
  },
  '/staff/surveys/:id/send': { flag: 'preview', fields: ['audience', 'studyId', 'group'] },
  '/staff/studies/:id/sample': {
    flag: 'draw',
    fields: [
      'size',
      'coolDownDays',
      'seed',
      'quota1Dimension',
      'quota1Value',
      'quota1Min',
      'quota1Max',
      'quota1MinPct',
      'quota1MaxPct',
      'quota2Dimension',
      'quota2Min',
    ],
  },
};

/** GET answers other than 200, with the reason. */
const GETS: Record<string, number> = {
  // Link exchanges: a well-formed but unknown token still goes on to the page that says so.
  '/set-password/:token': 303,
  '/me/m/:token': 303,
  '/me/c/:token': 303,
  '/me/e/:token': 303,
  '/me/stay/:token': 303,
  // An unknown invitation link: the polite page at once.
  '/r/:token': 410,
  // Pages that need a link's session: "this link cannot be used".
  '/set-password': 410,
  '/me/expired': 410,
  '/me/email': 410,
  '/me/confirm': 410,
  '/me/stay': 410,
  '/s/:token': 410,
  '/s/r/:rid': 410,
  '/s/r/:rid/p/:n': 410,
  '/s/r/:rid/review': 410,
  '/s/r/:rid/done': 410,
  // Where the preview or an entry resumes.
  '/staff/surveys/:id/preview': 303,
  '/staff/surveys/:id/preview/done': 303,
  '/staff/surveys/:id/entry/:rid': 303,
  '/staff/surveys/:id/entry/:rid/done': 303,
  // Results: junk filters (a 3,000-letter language, day 45 of month 13) are named, 400.
  '/staff/results/surveys/:id': 400,
  '/staff/results/surveys/:id/text/:code': 400,
  // A download without its survey: the exports page with what is missing.
  '/staff/results/export/:type.csv': 400,
  '/staff/results/export/bundle.zip': 400,
  // A GET form: the junk date range is refused with the error summary.
  '/staff/results/scorecard': 400,
};

let ctx: TestContext;
let adminWho: Awaited<ReturnType<typeof createStaff>>;
let admin: Agent;
let resident: Agent;
const anonymous = () => request.agent(ctx.app);
let ids: Record<string, number>;
let sessionId: number;
let studyId: number;
let invitationId: number;
let noteId: number;
let themeId: number;
let responseId: number;
let fresh = 0;
/** A resident registered through their invitation link, and the invitation's id. */
let invited: { agent: Agent; invitation: number };
/** A resident answering a survey through their personal link, and their response. */
let answering: { agent: Agent; response: number };
let entryResponse: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  adminWho = await createStaff(ctx, 'admin');
  admin = await signedIn(ctx, adminWho);
  resident = await residentAgent(ctx, 'fuzz@example.com');
  const target = await createStaff(ctx, 'analyst');
  const person = await addPerson(ctx.db, { first_name: 'Ivy', email: 'ivy@example.com' });
  const draft = await mappedDraft('First name,Email\nAna,ana@example.com\n');
  const done = await mappedDraft('First name,Email\nBo,bo@example.com\n');
  const preview = await admin.get(`/staff/participants/import/${done}/preview`);
  const committed = await admin
    .post(`/staff/participants/import/${done}/commit`)
    .type('form')
    .send({
      _csrf: csrfFrom(preview.text),
      duplicatePolicy: 'merge',
      consentSource: 'Paper forms',
      consentChannel: 'paper',
      consentCollected: 'yes',
    });
  const outbox = await ctx.db.selectFrom('outbox').select('id').executeTakeFirstOrThrow();
  if (committed.status !== 303) throw new Error(`import failed: ${committed.status}`);
  const study = await createStudy(admin, studyForm({ organizer: adminWho.id }));
  sessionId = await addSession(admin, study, sessionForm());
  studyId = study;
  await openStudy(admin, study);
  invited = await registeredResident('invited@example.com');
  // An invitation for the call-list rows' routes (`:invitationId`).
  const [invitation] = await insertInvitations(ctx.db, [
    {
      study_id: study,
      participant_id: person,
      draw_id: null,
      channel: 'phone',
      invited_at: new Date().toISOString(),
    },
  ]);
  invitationId = invitation.id;
  themeId = await proposedTheme('Waiting times');
  noteId = await addNote();
  // An open survey with a response, for the survey routes (`:id`, `:responseId`), and an open link.
  const survey = await createSurvey(ctx.db, sampleSurveySpec({ studyId }));
  const surveyId = survey.surveyId;
  responseId = await insertResponse(ctx.db, { ...survey, answers: SAMPLE_ANSWERS });
  await ctx.db
    .updateTable('surveys')
    .set({ open_slug: 'fuzzslug' })
    .where('id', '=', surveyId)
    .execute();
  // By path prefix (the longest that matches wins): the row each `:id` route is given.
  ids = {
    '/staff/participants/imports/': Number(committed.headers.location.split('/').pop()),
    '/staff/participants/import/': draft,
    '/staff/participants/': person,
    '/staff/users/': target.id,
    '/staff/mail/': outbox.id,
    '/staff/studies/': study,
    '/staff/results/studies/': study,
    '/r/i/': invited.invitation,
    '/staff/surveys/': surveyId,
    '/staff/results/surveys/': surveyId,
  };
  const surveyAgent = anonymous();
  const opened = await surveyAgent.get(await surveyLinkFor(ctx, survey.surveyId, person));
  answering = { agent: surveyAgent, response: Number(opened.headers.location.split('/').pop()) };
  const entry = await postForm(
    admin,
    `/staff/surveys/${survey.surveyId}/entry`,
    `/staff/surveys/${survey.surveyId}/entry`,
    { who: '', channel: 'paper', language: 'es' },
  );
  entryResponse = Number(entry.headers.location.split('/').pop());
});
afterAll(() => ctx.close());

/**
 * The database, but for what a refused form writes on purpose: the audit of a record page shown
 * again with its errors, and a wrong current password counted as a failed login.
 */
const stored = () =>
  fingerprint(
    ctx.db,
    (table, row) =>
      (table === 'audit_log' && row.action === 'participant.view') || table === 'login_failures',
  );

/** A proposed theme (through a note that proposes it); returns its id. */
async function proposedTheme(name: string): Promise<number> {
  await addNote({ newTheme: name });
  const row = await ctx.db
    .selectFrom('themes')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A coded note on the study's session, written by the admin; returns its id. */
async function addNote(over: Record<string, string> = {}): Promise<number> {
  const notes = `/staff/studies/${studyId}/sessions/${sessionId}/notes`;
  const res = await postForm(admin, notes, notes, {
    service: 'general',
    body: 'The app asked for things I did not know.',
    ...over,
  });
  if (res.status !== 303) throw new Error(`note not saved: ${res.status}`);
  return Number(/saved=(\d+)/.exec(res.headers.location)![1]);
}

/** A resident who followed their invitation link and took a seat at the study's session. */
async function registeredResident(email: string) {
  const id = await addPerson(ctx.db, { first_name: 'Rae', email });
  const { agent, page } = await followInvitation(ctx.app, await invite(ctx, studyId, id));
  const path = page.split('?')[0];
  const res = await postForm(agent, path, path, { session: `${sessionId}-seat` });
  if (res.status !== 303) throw new Error(`registration failed: ${res.status}`);
  return { agent, invitation: Number(path.split('/').pop()) };
}

async function upload(content: string): Promise<number> {
  const page = await admin.get('/staff/participants/import');
  const res = await admin
    .post('/staff/participants/import')
    .field('_csrf', csrfFrom(page.text))
    .attach('file', Buffer.from(content), { filename: 'list.csv', contentType: 'text/csv' });
  if (res.status !== 303) throw new Error(`upload failed: ${res.status}`);
  return Number(/\/import\/(\d+)\/map$/.exec(res.headers.location)![1]);
}

async function mappedDraft(content: string): Promise<number> {
  const id = await upload(content);
  const res = await postForm(
    admin,
    `/staff/participants/import/${id}/map`,
    `/staff/participants/import/${id}/map`,
    { firstName: '0', email: '1', defaultLanguage: 'en' },
  );
  if (res.status !== 303) throw new Error(`mapping failed: ${res.status}`);
  return id;
}

function concrete(path: string, own: Record<string, number> = {}): string {
  const prefix = Object.keys({ ...own, ...ids })
    .sort((a, b) => b.length - a.length)
    .find((p) => path.startsWith(p) && path.includes(':id'));
  const filled = prefix ? path.replace(':id', String(own[prefix] ?? ids[prefix])) : path;
  const out = filled
    .replace(':sessionId', String(sessionId))
    .replace(':invitationId', String(invitationId))
    .replace(':responseId', String(responseId))
    .replace(':noteId', String(own.noteId ?? noteId))
    .replace(':themeId', String(themeId))
    // Results list free-text answers only: the sample survey's long text.
    .replace(':code', path.startsWith('/staff/results/') ? 'barrier' : 'use')
    .replace(':option', 'never')
    .replace(':lang', 'es')
    .replace(':page', '1')
    .replace(':token', 'x'.repeat(43))
    .replace(':rid', String(path.startsWith('/s/r/') ? answering.response : entryResponse))
    .replace(':n', '1')
    .replace(':slug', 'fuzzslug')
    .replace(':type', 'responses-wide');
  if (out.includes(':')) throw new Error(`no row for ${path}: add its prefix to ids`);
  return out;
}

/**
 * The session a route needs, and the page that gives its CSRF token. Steps that end a session,
 * an account or a draft get their own each time.
 */
async function sessionFor(path: string): Promise<{ agent: Agent; tokenPage: string; url: string }> {
  const n = ++fresh;
  switch (path) {
    case '/logout':
      return { agent: await signedIn(ctx, adminWho), tokenPage: '/staff', url: path };
    case '/set-password': {
      const email = `invitee${n}@city.test`;
      await ctx.staff.invite(
        { id: adminWho.id, name: 'Admin', email: adminWho.email, role: 'admin' },
        { name: 'Invitee', email, role: 'analyst' },
      );
      const mail = await ctx.db
        .selectFrom('outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .executeTakeFirstOrThrow();
      const agent = anonymous();
      await agent.get(/\/set-password\/[A-Za-z0-9_-]{43}/.exec(mail.text_body)![0]);
      return { agent, tokenPage: path, url: path };
    }
    case '/me/confirm': {
      const email = `pending${n}@example.com`;
      const agent = await signUp(ctx, email);
      await agent.get(await latestLink(ctx, email, 'c'));
      return { agent, tokenPage: path, url: path };
    }
    case '/me/email': {
      const moving = await residentAgent(ctx, `moving${n}@example.com`);
      await postForm(moving, '/me', '/me', joinForm({ email: `moved${n}@example.com` }));
      const agent = anonymous();
      await agent.get(await latestLink(ctx, `moved${n}@example.com`, 'e'));
      return { agent, tokenPage: path, url: path };
    }
    case '/me/stay': {
      const email = `staying${n}@example.com`;
      await addPerson(ctx.db, { email, last_active_at: '2000-01-01T00:00:00.000Z' });
      await servicesOf(ctx).retention.run();
      const agent = anonymous();
      await agent.get(await latestLink(ctx, email, 'stay'));
      return { agent, tokenPage: path, url: path };
    }
    case '/me/withdraw':
    case '/me/delete':
      return {
        agent: await residentAgent(ctx, `leaving${n}@example.com`),
        tokenPage: '/me',
        url: path,
      };
    case '/r/i/:id/cancel': {
      // Cancelling ends the registration: someone new each time.
      const own = await registeredResident(`cancelling${n}@example.com`);
      return {
        agent: own.agent,
        tokenPage: '/me/link',
        url: concrete(path, { '/r/i/': own.invitation }),
      };
    }
    case '/staff/studies/:id/sessions/:sessionId/notes/:noteId/delete':
      // Deleting ends the note: a new one each time.
      return {
        agent: admin,
        tokenPage: '/staff',
        url: concrete(path, { noteId: await addNote() }),
      };
    case '/staff/surveys/:id/open-link/retire': {
      // Retiring ends the open link: a survey of its own each time.
      const own = { '/staff/surveys/': (await createSurvey(ctx.db)).surveyId };
      return { agent: admin, tokenPage: '/staff', url: concrete(path, own) };
    }
    case '/staff/participants/import/:id/cancel': {
      const own = { '/staff/participants/import/': await upload('First name\nCy\n') };
      return { agent: admin, tokenPage: '/staff', url: concrete(path, own) };
    }
  }
  if (path.startsWith('/s/r/'))
    return { agent: answering.agent, tokenPage: '/me/link', url: concrete(path) };
  if (path === '/s/o/:slug')
    return { agent: anonymous(), tokenPage: '/me/link', url: concrete(path) };
  if (['/login', '/join', '/me/link'].includes(path))
    return { agent: anonymous(), tokenPage: path, url: path };
  if (path.startsWith('/me')) return { agent: resident, tokenPage: '/me', url: path };
  if (path.startsWith('/r/i/'))
    return { agent: invited.agent, tokenPage: '/me/link', url: concrete(path) };
  return { agent: admin, tokenPage: '/staff', url: concrete(path) };
}

const SUMMARY =
  /<div class="usa-alert usa-alert--error cp-error-summary" role="alert"[^>]*>\s*<div class="usa-alert__body">\s*<h2 class="usa-alert__heading" id="error-summary-title">([^<]*)<\/h2>\s*<ul class="usa-list">\s*<li><a href="#\w+">/;
const pageLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1] ?? '?';

/** What is wrong with this answer, or '' when it is what the route should say to junk. */
function problem(res: request.Response, expected: Outcome, url: string): string {
  const got = `${res.status}${res.headers.location ? ` → ${res.headers.location}` : ''}`;
  const t = translator(pageLang(res.text));
  if (expected === 'summary') {
    const heading = SUMMARY.exec(res.text)?.[1];
    if (res.status === 400 && heading === t('form.errorSummary')) return '';
    return `${got}, summary heading ${JSON.stringify(heading)}`;
  }
  if ('created' in expected) {
    const made = new RegExp(`^${expected.created}(\\d+)$`).exec(res.headers.location ?? '');
    return res.status === 303 && made && !url.includes(`/${made[1]}/`)
      ? ''
      : `${got}, wanted 303 → ${expected.created}<a new id>`;
  }
  if ('redirect' in expected) {
    const where = expected.redirect
      .replace(':id', /\/(\d+)(\/|$)/.exec(url)?.[1] ?? ':id')
      .replace(':sessionId', String(sessionId))
      .replace(':rid', /\/(?:r|entry)\/(\d+)/.exec(url)?.[1] ?? ':rid');
    return res.status === 303 && res.headers.location === where
      ? ''
      : `${got}, wanted 303 → ${where}`;
  }
  return res.status === 200 && res.text.includes(`<h1>${t(expected.page)}</h1>`)
    ? ''
    : `${got}, wanted the page ${expected.page}`;
}

test('every POST route has its expected answer to junk', () => {
  const registered = listRoutes(ctx.app)
    .filter((r) => r.method === 'POST')
    .map((r) => r.path);
  expect(registered.filter((p) => !(p in POSTS))).toEqual([]);
  expect(Object.keys(POSTS).filter((p) => !registered.includes(p))).toEqual([]);
});

test('POST routes reach validation with junk: 400 and the error summary, or their redirect', async () => {
  const failures: string[] = [];
  for (const { path } of listRoutes(ctx.app).filter((r) => r.method === 'POST')) {
    for (let seed = 0; seed < 4; seed++) {
      const { agent, tokenPage, url } = await sessionFor(path);
      const page = await agent.get(tokenPage);
      const before = await stored();
      const res = await agent
        .post(url)
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...junk(seed) });
      const wrong = problem(res, POSTS[path], url);
      if (wrong) failures.push(`${path} seed ${seed}: ${wrong}`);
      // Refused as a whole: nothing of a rejected form was stored.
      else if (POSTS[path] === 'summary' && (await stored()) !== before)
        failures.push(`${path} seed ${seed}: 400, but the database changed`);
    }
  }
  expect(failures).toEqual([]);
  // The shared sessions were still signed in at the end (not bounced to login).
  expect((await admin.get('/staff')).status).toBe(200);
  expect((await resident.get('/me')).status).toBe(200);
  // Four junk bodies for each of ~50 routes, each compared with the whole database before and after.
}, 120_000);

test('GET routes answer junk query strings as they answer none', async () => {
  const failures: string[] = [];
  const query =
    '?page=-5&sort=%3Cx%3E&status=%00&language=' +
    'x'.repeat(3000) +
    '&q=%25_%5C&from=2026-13-45&councilDistrict=abc&attendedMin=1e999&duplicatePolicy=%00';
  for (const { path } of listRoutes(ctx.app).filter((r) => r.method === 'GET')) {
    const agent = path.startsWith('/staff')
      ? admin
      : path.startsWith('/r/i/')
        ? invited.agent
        : path.startsWith('/me') && !(path in GETS)
          ? resident
          : anonymous();
    const res = await agent.get(concrete(path) + query);
    const wanted = GETS[path] ?? 200;
    if (res.status !== wanted) failures.push(`${path}: ${res.status}, wanted ${wanted}`);
  }
  expect(failures).toEqual([]);
});

test('GET forms reach validation with junk query strings: 400 and the error summary', async () => {
  const failures: string[] = [];
  const registered = listRoutes(ctx.app)
    .filter((r) => r.method === 'GET')
    .map((r) => r.path);
  expect(Object.keys(GET_FORMS).filter((p) => !registered.includes(p))).toEqual([]);
  for (const [path, { flag, fields }] of Object.entries(GET_FORMS)) {
    for (let seed = 0; seed < 4; seed++) {
      // The junk values of the code fields, one per form field (a URL stays under header limits).
      const values = Object.values(junk(seed)).filter((v) => JSON.stringify(v).length < 200);
      const query = Object.fromEntries(
        fields.map((f, i) => [f, values[(seed * 5 + i * 3) % values.length]]),
      );
      const before = await stored();
      const res = await admin.get(concrete(path)).query({ [flag]: '1', ...query });
      const wrong = problem(res, 'summary', path);
      if (wrong) failures.push(`${path} seed ${seed}: ${wrong}`);
      else if ((await stored()) !== before)
        failures.push(`${path} seed ${seed}: it stored something`);
    }
  }
  expect(failures).toEqual([]);
});
