import request from 'supertest';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  residentAgent,
  signedIn,
  type TestContext,
} from '../support/app';
import { loadReference } from '../../src/reference/reference.queries';
import { ExportRunner } from '../../src/results/exports/export-runner';
import { exportTypes } from '../../src/results/exports/registry';
import { addPerson } from '../support/db';
import { download, header, unzipped } from '../support/exports';
import { listRoutes } from '../support/routes';
import { insertResponse, SAMPLE_ANSWERS } from '../support/survey-responses';
import { createSurvey, surveyLinkFor } from '../support/surveys';
import {
  addSession,
  createStudy,
  invite,
  openStudy,
  sessionForm,
  studyForm,
} from '../support/studies';

/**
 * Who may use each route. A route added to the app but not classified here fails the first test,
 * so every new route is a decision about access.
 */
type Access =
  | 'public'
  | 'resident'
  | 'staff'
  | 'admin'
  | 'organizer'
  | 'team'
  | 'session-team'
  | 'organizer+facilitator'
  | 'organizer+analyst';
const ACCESS: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /logout': 'public',
  'GET /set-password/:token': 'public',
  'GET /set-password': 'public',
  'POST /set-password': 'public',
  'GET /join': 'public',
  'POST /join': 'public',
  'GET /join/check-email': 'public',
  'GET /join/thanks': 'public',
  'GET /me/m/:token': 'public',
  'GET /me/c/:token': 'public',
  'GET /me/expired': 'public',
  'GET /me/e/:token': 'public',
  'GET /me/email': 'public',
  'POST /me/email': 'public',
  'GET /me/confirm': 'public',
  'POST /me/confirm': 'public',
  'GET /me/deleted': 'public',
  'GET /me/link': 'public',
  'POST /me/link': 'public',
  'GET /me/link/sent': 'public',
  'GET /me/stay/:token': 'public',
  'GET /me/stay': 'public',
  'POST /me/stay': 'public',
  'GET /r/:token': 'public',
  // The registration pages of an invitation: the resident session of its own person only.
  'GET /r/i/:id': 'resident',
  'POST /r/i/:id': 'resident',
  'POST /r/i/:id/decline': 'resident',
  'GET /r/i/:id/cancel': 'resident',
  'POST /r/i/:id/cancel': 'resident',
  'GET /r/i/:id/switch': 'resident',
  'POST /r/i/:id/switch': 'resident',
  // Survey links: the link (or an open link's start) gives the session its response; the pages
  // of a response answer only the session that holds it.
  'GET /s/:token': 'public',
  'GET /s/o/:slug': 'public',
  'POST /s/o/:slug': 'public',
  'GET /s/r/:rid': 'resident',
  'GET /s/r/:rid/p/:n': 'resident',
  'POST /s/r/:rid/p/:n': 'resident',
  'GET /s/r/:rid/review': 'resident',
  'POST /s/r/:rid/submit': 'resident',
  'GET /s/r/:rid/done': 'resident',
  'GET /staff/surveys/:id/open-link': 'organizer',
  'POST /staff/surveys/:id/open-link': 'organizer',
  'POST /staff/surveys/:id/open-link/retire': 'organizer',
  'GET /staff/surveys/:id/open-link/qr.svg': 'organizer',
  'GET /staff/surveys/:id/open-link/poster': 'organizer',
  'GET /staff/surveys/:id/preview': 'organizer',
  'GET /staff/surveys/:id/preview/p/:n': 'organizer',
  'POST /staff/surveys/:id/preview/p/:n': 'organizer',
  'GET /staff/surveys/:id/preview/review': 'organizer',
  'POST /staff/surveys/:id/preview/submit': 'organizer',
  'GET /staff/surveys/:id/preview/done': 'organizer',
  'GET /staff/surveys/:id/entry': 'organizer',
  'POST /staff/surveys/:id/entry': 'organizer',
  'GET /staff/surveys/:id/entry/:rid': 'organizer',
  'GET /staff/surveys/:id/entry/:rid/p/:n': 'organizer',
  'POST /staff/surveys/:id/entry/:rid/p/:n': 'organizer',
  'GET /staff/surveys/:id/entry/:rid/review': 'organizer',
  'POST /staff/surveys/:id/entry/:rid/submit': 'organizer',
  'GET /staff/surveys/:id/entry/:rid/done': 'organizer',
  'GET /me/consent': 'resident',
  'POST /me/consent': 'resident',
  'GET /me': 'resident',
  'POST /me': 'resident',
  'POST /me/pause': 'resident',
  'POST /me/resume': 'resident',
  'POST /me/withdraw': 'resident',
  'POST /me/rejoin': 'resident',
  'GET /me/delete': 'resident',
  'POST /me/delete': 'resident',
  'GET /staff': 'staff',
  'GET /staff/account/password': 'staff',
  'POST /staff/account/password': 'staff',
  'GET /staff/consent': 'admin',
  'POST /staff/consent': 'admin',
  'GET /staff/settings': 'admin',
  'POST /staff/settings': 'admin',
  'GET /staff/users': 'admin',
  'POST /staff/users': 'admin',
  'GET /staff/users/:id': 'admin',
  'POST /staff/users/:id/role': 'admin',
  'POST /staff/users/:id/deactivate': 'admin',
  'POST /staff/users/:id/reactivate': 'admin',
  'POST /staff/users/:id/password-link': 'admin',
  'GET /staff/participants': 'organizer',
  'GET /staff/participants/new': 'organizer',
  'POST /staff/participants/new': 'organizer',
  'GET /staff/participants/paper-form': 'organizer',
  'GET /staff/participants/:id': 'organizer',
  'GET /staff/participants/:id/edit': 'organizer',
  'POST /staff/participants/:id/edit': 'organizer',
  'POST /staff/participants/:id/status': 'organizer',
  'POST /staff/participants/:id/contacts': 'organizer',
  'GET /staff/participants/:id/delete': 'organizer',
  'POST /staff/participants/:id/delete': 'organizer',
  'GET /staff/participants/import': 'organizer',
  'POST /staff/participants/import': 'organizer',
  'GET /staff/participants/import/:id/map': 'organizer',
  'POST /staff/participants/import/:id/map': 'organizer',
  'GET /staff/participants/import/:id/preview': 'organizer',
  'POST /staff/participants/import/:id/commit': 'organizer',
  'POST /staff/participants/import/:id/cancel': 'organizer',
  'GET /staff/participants/imports': 'organizer',
  'GET /staff/participants/imports/:id': 'organizer',
  'GET /staff/participants/call-list': 'organizer',
  'POST /staff/participants/call-list/export': 'organizer',
  'GET /staff/studies': 'organizer',
  'GET /staff/studies/new': 'organizer',
  'POST /staff/studies/new': 'organizer',
  'GET /staff/studies/:id': 'organizer',
  'GET /staff/studies/:id/edit': 'organizer',
  'POST /staff/studies/:id/edit': 'organizer',
  'POST /staff/studies/:id/status': 'organizer',
  'GET /staff/studies/:id/sessions/new': 'organizer',
  'POST /staff/studies/:id/sessions/new': 'organizer',
  'GET /staff/studies/:id/sessions/:sessionId': 'organizer',
  'GET /staff/studies/:id/sessions/:sessionId/edit': 'organizer',
  'POST /staff/studies/:id/sessions/:sessionId/edit': 'organizer',
  'GET /staff/studies/:id/sample': 'organizer',
  'POST /staff/studies/:id/sessions/:sessionId/registrations': 'organizer',
  'POST /staff/studies/:id/sessions/:sessionId/registrations/cancel': 'organizer',
  // Facilitators and organizers; on a session, a facilitator only when it names them (session 1
  // names no one here, so a facilitator is not found: the test below proves the other side).
  'GET /staff/my-sessions': 'team',
  'GET /staff/studies/:id/sessions/:sessionId/roster': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/check-in': 'session-team',
  'GET /staff/studies/:id/sessions/:sessionId/sign-in-sheet': 'session-team',
  'GET /staff/studies/:id/sessions/:sessionId/walk-ins': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/walk-ins': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/walk-ins/new': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/incentives': 'session-team',
  // Coded notes: a session's team (as the roster); themes are curated by admins.
  'GET /staff/studies/:id/sessions/:sessionId/notes': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/notes': 'session-team',
  'GET /staff/studies/:id/sessions/:sessionId/notes/:noteId/edit': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/notes/:noteId/edit': 'session-team',
  'POST /staff/studies/:id/sessions/:sessionId/notes/:noteId/delete': 'session-team',
  'GET /staff/themes': 'admin',
  'POST /staff/themes': 'admin',
  'POST /staff/themes/:themeId/rename': 'admin',
  'POST /staff/themes/:themeId/approve': 'admin',
  'POST /staff/themes/merge': 'admin',
  'GET /staff/studies/:id/incentives': 'organizer',
  'POST /staff/studies/:id/incentives/export': 'organizer',
  'GET /staff/studies/:id/sessions/:sessionId/cancel': 'organizer',
  'POST /staff/studies/:id/sessions/:sessionId/cancel': 'organizer',
  'GET /staff/reminder-calls': 'organizer+facilitator',
  'POST /staff/reminder-calls': 'organizer+facilitator',
  'POST /staff/studies/:id/invitations': 'organizer',
  'POST /staff/studies/:id/invitations/reminders': 'organizer',
  'GET /staff/studies/:id/call-list': 'organizer',
  'POST /staff/studies/:id/call-list/:invitationId/outcome': 'organizer',
  'POST /staff/studies/:id/call-list/:invitationId/register': 'organizer',
  'GET /staff/surveys/templates': 'organizer',
  'GET /staff/surveys/templates/a11': 'organizer',
  'POST /staff/surveys/templates/a11': 'organizer',
  'GET /staff/surveys/templates/screener': 'organizer',
  'POST /staff/surveys/templates/screener': 'organizer',
  'GET /staff/surveys/templates/post-session': 'organizer',
  'POST /staff/surveys/templates/post-session': 'organizer',
  'POST /staff/surveys/:id/duplicate': 'organizer',
  // The survey builder (organizers and admins); survey 1 is the sample survey.
  'GET /staff/surveys': 'organizer',
  'GET /staff/surveys/new': 'organizer',
  'POST /staff/surveys/new': 'organizer',
  'GET /staff/surveys/:id': 'organizer',
  'GET /staff/surveys/:id/settings': 'organizer',
  'POST /staff/surveys/:id/settings': 'organizer',
  'GET /staff/surveys/:id/texts/:lang': 'organizer',
  'POST /staff/surveys/:id/texts/:lang': 'organizer',
  'POST /staff/surveys/:id/status': 'organizer',
  'POST /staff/surveys/:id/pages': 'organizer',
  'GET /staff/surveys/:id/pages/:page': 'organizer',
  'POST /staff/surveys/:id/pages/:page': 'organizer',
  'POST /staff/surveys/:id/pages/:page/move': 'organizer',
  'GET /staff/surveys/:id/pages/:page/delete': 'organizer',
  'POST /staff/surveys/:id/pages/:page/delete': 'organizer',
  'GET /staff/surveys/:id/pages/:page/questions/new': 'organizer',
  'POST /staff/surveys/:id/pages/:page/questions/new': 'organizer',
  'GET /staff/surveys/:id/questions/:code': 'organizer',
  'POST /staff/surveys/:id/questions/:code': 'organizer',
  'POST /staff/surveys/:id/questions/:code/move': 'organizer',
  'POST /staff/surveys/:id/questions/:code/page': 'organizer',
  'GET /staff/surveys/:id/questions/:code/delete': 'organizer',
  'POST /staff/surveys/:id/questions/:code/delete': 'organizer',
  'GET /staff/surveys/:id/questions/:code/add-option': 'organizer',
  'POST /staff/surveys/:id/questions/:code/add-option': 'organizer',
  'GET /staff/surveys/:id/questions/:code/options/:option': 'organizer',
  'POST /staff/surveys/:id/questions/:code/options/:option': 'organizer',
  'POST /staff/surveys/:id/questions/:code/options/:option/move': 'organizer',
  'POST /staff/surveys/:id/questions/:code/options/:option/delete': 'organizer',
  'GET /staff/surveys/:id/pages/:page/condition': 'organizer',
  'POST /staff/surveys/:id/pages/:page/condition': 'organizer',
  'GET /staff/surveys/:id/questions/:code/condition': 'organizer',
  'POST /staff/surveys/:id/questions/:code/condition': 'organizer',
  'GET /staff/audit': 'admin',
  'GET /staff/mail': 'organizer',
  'GET /staff/mail/:id': 'organizer',
  'POST /staff/mail/:id/retry': 'organizer',
  // Surveys: sending personal links (organizers), the responses (organizers and analysts).
  'GET /staff/surveys/:id/send': 'organizer',
  'POST /staff/surveys/:id/send': 'organizer',
  'GET /staff/surveys/:id/send/call-list': 'organizer',
  'GET /staff/surveys/:id/responses': 'organizer+analyst',
  'GET /staff/surveys/:id/responses/:responseId': 'organizer+analyst',
  // Results (issue 9): analysts, organizers and admins; never facilitators.
  'GET /staff/results': 'organizer+analyst',
  'GET /staff/results/surveys/:id': 'organizer+analyst',
  'GET /staff/results/surveys/:id/text/:code': 'organizer+analyst',
  // Results exports: analysts, organizers and admins (each type's own roles on top); personal
  // data only on its own form, organizers and admins.
  'GET /staff/results/exports': 'organizer+analyst',
  'GET /staff/results/export/bundle.zip': 'organizer+analyst',
  'GET /staff/results/export/:type.csv': 'organizer+analyst',
  'GET /staff/results/export/participants': 'organizer',
  'POST /staff/results/export/participants': 'organizer',
  // Results: the study report (analysts too: no names); report-back (organizers).
  'GET /staff/results/studies/:id': 'organizer+analyst',
  'GET /staff/results/studies/:id/report-back': 'organizer',
  'POST /staff/results/studies/:id/report-back': 'organizer',
  'GET /staff/results/studies/:id/report-back/preview': 'organizer',
  'POST /staff/results/studies/:id/report-back/send': 'organizer',
  // Results: representativeness and the scorecard (analysts too); the city's shares are read by
  // analysts and organizers and changed by admins only.
  'GET /staff/results/representation': 'organizer+analyst',
  'GET /staff/results/studies/:id/representation': 'organizer+analyst',
  'GET /staff/results/city-shares': 'organizer+analyst',
  'POST /staff/results/city-shares': 'admin',
  'GET /staff/results/scorecard': 'organizer+analyst',
};

const ROLES = ['admin', 'organizer', 'facilitator', 'analyst'] as const;
type Role = (typeof ROLES)[number] | 'resident' | 'anonymous';

function allowed(access: Access, role: Role): boolean {
  if (access === 'public') return true;
  if (access === 'resident' || role === 'resident')
    return access === 'resident' && role === 'resident';
  if (role === 'anonymous') return false;
  if (access === 'staff') return true;
  if (access === 'team' || access === 'session-team')
    return role === 'admin' || role === 'organizer' || role === 'facilitator';
  if (access === 'organizer+facilitator')
    return ['admin', 'organizer', 'facilitator'].includes(role);
  if (access === 'organizer+analyst') return ['admin', 'organizer', 'analyst'].includes(role);
  return role === 'admin' || role === access;
}

let ctx: TestContext;
const agents: Record<string, ReturnType<typeof request.agent>> = {};

beforeAll(async () => {
  ctx = await buildTestApp();
  for (const role of ROLES) agents[role] = await signedIn(ctx, await createStaff(ctx, role));
  agents.anonymous = request.agent(ctx.app);
  agents.resident = await residentAgent(ctx, 'resident@example.com');
  // Something for :id routes to find: a message in the outbox and a staff account.
  await ctx.staff.invite(
    { id: 1, name: 'Admin', email: 'a@city.test', role: 'admin' },
    { name: 'Target', email: 'target@city.test', role: 'analyst' },
  );
  // Study 1 with session 1, so their pages render for those allowed.
  const owner = await createStaff(ctx, 'organizer');
  const agent = await signedIn(ctx, owner);
  const study = await createStudy(agent, studyForm({ organizer: owner.id }));
  await addSession(agent, study, sessionForm());
  // Invitation 1 is the resident's, so the /r/i/1 pages open for them (and only them).
  await openStudy(agent, study);
  const resident = await ctx.db
    .selectFrom('participants')
    .select('id')
    .where('email', '=', 'resident@example.com')
    .executeTakeFirstOrThrow();
  await invite(ctx, study, resident.id);
  // Survey 1 with response 1, the resident's: they followed their personal link.
  const { surveyId } = await createSurvey(ctx.db);
  const link = await surveyLinkFor(ctx, surveyId, resident.id);
  await agents.resident.get(link);
});
afterAll(() => ctx.close());

test('every registered route is classified in the access table', () => {
  const registered = listRoutes(ctx.app).map((r) => `${r.method} ${r.path}`);
  const unclassified = registered.filter((r) => !(r in ACCESS));
  expect(unclassified).toEqual([]);
  // And the table names no route that no longer exists.
  expect(Object.keys(ACCESS).filter((k) => !registered.includes(k))).toEqual([]);
});

const concrete = (path: string) =>
  path
    .replace(':id', '1')
    .replace(':sessionId', '1')
    .replace(':invitationId', '1')
    .replace(':responseId', '1')
    .replace(':noteId', '1')
    .replace(':themeId', '1')
    .replace(':code', 'use')
    .replace(':option', 'never')
    .replace(':lang', 'es')
    .replace(':page', '1')
    .replace(':token', 'x'.repeat(43))
    .replace(':rid', '1')
    .replace(':n', '1')
    .replace(':slug', 'nosuchslug')
    .replace(':type', 'responses-wide');

describe.each([...ROLES, 'resident' as const, 'anonymous' as const])('as %s', (role) => {
  const staffRoutes = Object.entries(ACCESS).filter(([, a]) => a !== 'public');
  test.each(staffRoutes)('%s', async (route, access) => {
    const [method, path] = route.split(' ');
    const agent = agents[role];
    let res;
    if (method === 'GET') {
      res = await agent.get(concrete(path));
    } else {
      // A valid CSRF token, so that what is tested is the role check, not the token.
      const page = await agent.get(
        role === 'anonymous' || role === 'resident' ? '/login' : '/staff/account/password',
      );
      res = await agent
        .post(concrete(path))
        .type('form')
        .send({ _csrf: csrfFrom(page.text) });
    }
    if (access === 'session-team' && role === 'facilitator') {
      // Past the role check, but session 1 does not name them: not found, whatever the method.
      expect(res.status).toBe(404);
    } else if (allowed(access, role)) {
      expect([200, 303, 400, 404]).toContain(res.status);
    } else if (access === 'resident') {
      // Without a resident's link: the same friendly "this link cannot be used" page.
      expect(res.status).toBe(410);
    } else if (role === 'anonymous' || role === 'resident') {
      if (method === 'GET') {
        expect(res.status).toBe(303);
        expect(res.headers.location).toMatch(/^\/login\?next=/);
      } else {
        expect(res.status).toBe(403);
      }
    } else {
      expect(res.status).toBe(403);
    }
  });
});

test('analysts reach no personal data by any export: no such column, no such value', async () => {
  const deps = {
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  };
  const runner = new ExportRunner(deps, exportTypes(deps));
  // A submitted response of a person with every personal field (the resident may be deleted by now).
  const personId = await addPerson(ctx.db, {
    first_name: 'Zelda',
    last_name: 'Quintanilla',
    email: 'zelda.private@example.com',
    phone: '+12135550199',
    zip: '90012',
  });
  const person = await ctx.db
    .selectFrom('participants')
    .select(['id', 'first_name', 'last_name', 'email', 'phone', 'zip'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const version = await ctx.db
    .selectFrom('survey_versions')
    .select('id')
    .where('survey_id', '=', 1)
    .executeTakeFirstOrThrow();
  await insertResponse(ctx.db, {
    surveyId: 1,
    versionId: version.id,
    participantId: person.id,
    answers: SAMPLE_ANSWERS,
  });
  const personal = /name|e-?mail|phone|zip|address/i;
  const values = [person.first_name, person.last_name, person.email, person.phone, person.zip]
    .filter((v): v is string => Boolean(v))
    .map((v) => `,${v},`);
  expect(values).toHaveLength(5);
  const checked: string[] = [];
  const check = (name: string, csv: Buffer) => {
    // `q__option` columns are a survey's own codes (`channels__phone`): the values check covers them.
    const own = header(csv).filter((c) => !c.includes('__'));
    expect({ name, columns: own.filter((c) => personal.test(c)) }).toEqual({
      name,
      columns: [],
    });
    const text = csv.toString('utf8').replace(/\r?\n/g, ',');
    for (const v of values)
      expect({ name, found: text.includes(v) }).toEqual({ name, found: false });
    checked.push(name);
  };
  for (const kind of runner.kinds()) {
    const scope = kind.scope === 'survey' ? 'survey=1&' : kind.scope === 'study' ? 'study=1&' : '';
    const url =
      kind.type === 'bundle'
        ? `/staff/results/export/bundle.zip?${scope}profile=analysis`
        : `/staff/results/export/${kind.type}.csv?${scope}profile=analysis`;
    const { res, bytes } = await download(agents.analyst, url);
    if (kind.personal) {
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      continue;
    }
    expect({ url, status: res.status }).toEqual({ url, status: 200 });
    if (kind.type !== 'bundle') check(kind.type, bytes);
    else {
      const zip = unzipped(bytes);
      for (const entry of zip.names.filter((n) => n.endsWith('.csv')))
        check(entry, zip.read(entry));
    }
  }
  expect(checked).toEqual(expect.arrayContaining(['responses-wide', 'responses-long', 'codebook']));
  // The personal-data form is not theirs either.
  expect((await agents.analyst.get('/staff/results/export/participants')).status).toBe(403);
});
