import request from 'supertest';
import { ForbiddenError } from '../../src/errors';
import { loadReference } from '../../src/reference/reference.queries';
import type { ExportDeps, ExportRequest, ExportType } from '../../src/results/exports/export-type';
import { exportTypes } from '../../src/results/exports/registry';
import { csvReadable } from '../../src/web/csv';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { PEOPLE, personalIn } from '../support/results-people';
import { resultsWithPeople } from '../support/results-data';
import { listRoutes } from '../support/routes';

/*
 * The guarantee of issue 9: analysts reach no personal data — no name, email, phone or ZIP code
 * — by any results page or export. Every GET route under /staff/results (found on the app, so a
 * new page is checked without a change here), the URLs below (one line each for pages that need
 * a query), and every export type of the registry are fetched as an analyst, for a survey and a
 * study with data from the fixtures' people, and searched for their details.
 */

/** Pages whose interesting state needs a query string; add a line per such page. */
const EXTRA_URLS = (ids: Ids) => [
  `/staff/results/scorecard?from=2026-01-01&to=2026-12-31`,
  `/staff/results/studies/${ids.studyId}/representation`,
];

interface Ids {
  studyId: number;
  surveyId: number;
  sessionId: number;
}

/** Route parameters by name (`:id` by the path it is in). */
function concrete(path: string, ids: Ids): string {
  return path
    .replace(/\/surveys\/:id/, `/surveys/${ids.surveyId}`)
    .replace(/\/studies\/:id/, `/studies/${ids.studyId}`)
    .replace(':sessionId', String(ids.sessionId))
    .replace(':code', 'use')
    .replace(':type', 'summary');
}

let ctx: TestContext;
let analyst: ReturnType<typeof request.agent>;
let ids: Ids;
let deps: ExportDeps;

beforeAll(async () => {
  ctx = await buildTestApp();
  analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  ids = await resultsWithPeople(ctx);
  deps = {
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  };
});
afterAll(() => ctx.close());

const exportRequest = (type: ExportType, over: Partial<ExportRequest> = {}): ExportRequest => ({
  ...(type.scope === 'survey' ? { survey: ids.surveyId } : {}),
  ...(type.scope === 'study' ? { study: ids.studyId } : {}),
  filter: {},
  resolved: {},
  labels: 'en',
  profile: 'analysis',
  actor: { staffId: null, role: 'analyst', via: 'web' },
  ...over,
});

async function csvOf(type: ExportType, req: ExportRequest): Promise<string> {
  const table = await type.open(req);
  let text = '';
  for await (const chunk of csvReadable(table.columns, table.rows, req.profile)) text += chunk;
  return text;
}

test('no results page shows an analyst anyone’s name, email, phone or ZIP code', async () => {
  const paths = listRoutes(ctx.app)
    .filter((r) => r.method === 'GET' && r.path.startsWith('/staff/results'))
    .map((r) => concrete(r.path, ids));
  const urls = [...new Set([...paths, ...EXTRA_URLS(ids)])];
  expect(urls).toEqual(
    expect.arrayContaining(['/staff/results/representation', '/staff/results/scorecard']),
  );
  const leaks: string[] = [];
  const shown: string[] = [];
  for (const url of urls) {
    const res = await analyst.get(url);
    if (res.status === 200) shown.push(url);
    const found = personalIn(res.text ?? '');
    if (found.length) leaks.push(`${url}: ${found.join(', ')}`);
  }
  expect(leaks).toEqual([]);
  // The check saw the pages with their data (a refusal would prove nothing).
  expect(shown).toEqual(
    expect.arrayContaining([
      '/staff/results/representation',
      `/staff/results/studies/${ids.studyId}/representation`,
      '/staff/results/scorecard',
      '/staff/results/city-shares',
    ]),
  );
});

test('no export an analyst may run holds personal data; personal ones are refused', async () => {
  const types = [...exportTypes(deps).values()];
  expect(types.map((t) => t.type)).toEqual(expect.arrayContaining(['scorecard', 'participants']));
  const leaks: string[] = [];
  for (const type of types) {
    if (type.personal) {
      await expect(type.open(exportRequest(type, { reason: 'Curious' }))).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      continue;
    }
    // The download route refuses analysts the others (organizer-only types).
    if (!type.roles.includes('analyst')) continue;
    const found = personalIn(await csvOf(type, exportRequest(type)));
    if (found.length) leaks.push(`${type.type}: ${found.join(', ')}`);
  }
  expect(leaks).toEqual([]);
  // The details are findable: the organizers' participants export has them all.
  const people = exportTypes(deps).get('participants')!;
  const organizer = { staffId: null, role: 'organizer' as const, via: 'web' as const };
  const text = await csvOf(
    people,
    exportRequest(people, { actor: organizer, reason: 'Reschedule calls' }),
  );
  // Everything as stored (phones as typed, not as bare digits).
  expect(personalIn(text)).toEqual(expect.arrayContaining(PEOPLE.flat()));
});
