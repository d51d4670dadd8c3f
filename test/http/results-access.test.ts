import request from 'supertest';
import { ForbiddenError } from '../../src/errors';
import { loadReference } from '../../src/reference/reference.queries';
import type { ExportDeps, ExportRequest, ExportType } from '../../src/results/exports/export-type';
import { exportTypes } from '../../src/results/exports/registry';
import { csvReadable } from '../../src/web/csv';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { download, unzipped } from '../support/exports';
import { PEOPLE, personalIn } from '../support/results-people';
import { resultsWithPeople } from '../support/results-data';
import { listRoutes } from '../support/routes';

/*
 * The guarantee of issue 9: analysts reach no personal data — no name, email, phone or ZIP code
 * — by any results page or export. Every GET route under /staff/results (found on the app, so a
 * new page is checked without a change here), the URLs below (one line each for pages that need
 * a query, and the download URL of every export type of the registry an analyst may run, in both
 * profiles, and the bundle's ZIP, unpacked), and every export type opened directly, are fetched
 * as an analyst, for a survey and a study with data from the fixtures' people, and searched for
 * their details.
 */

/** Pages whose interesting state needs a query string; add a line per such page. */
const EXTRA_URLS = (ids: Ids, types: ExportType[]) => [
  `/staff/results/scorecard?from=2026-01-01&to=2026-12-31`,
  `/staff/results/studies/${ids.studyId}/representation`,
  // Every download an analyst may run, as the pages link to it, and the bundle.
  ...types.flatMap((t) => downloadUrls(t, ids)),
  `/staff/results/export/summary.csv?survey=${ids.surveyId}&breakdown=district`,
  `/staff/results/export/bundle.zip?survey=${ids.surveyId}`,
  `/staff/results/export/bundle.zip?survey=${ids.surveyId}&labels=en&profile=analysis`,
];

/** A type's download URLs for an analyst (none for a type an analyst may not run). */
function downloadUrls(t: ExportType, ids: Ids): string[] {
  if (t.personal || !t.roles.includes('analyst')) return [];
  const base = `/staff/results/export/${t.type}.csv`;
  const scope: Record<string, string> =
    t.scope === 'survey'
      ? { survey: String(ids.surveyId) }
      : t.scope === 'study'
        ? { study: String(ids.studyId) }
        : {};
  const url = (q: Record<string, string>) =>
    Object.keys(q).length ? `${base}?${new URLSearchParams(q).toString()}` : base;
  return [url(scope), url({ ...scope, labels: 'en', profile: 'analysis' })];
}

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

/** What a URL answers, as text: a page, a CSV, or every entry of a ZIP (unpacked). */
async function textAt(url: string): Promise<{ status: number; text: string }> {
  const { res, bytes } = await download(analyst, url);
  if (res.headers['content-type'] !== 'application/zip' || res.status !== 200)
    return { status: res.status, text: bytes.toString('utf8') };
  const zip = unzipped(bytes);
  expect(zip.names.length).toBeGreaterThan(0);
  return {
    status: res.status,
    text: zip.names.map((n) => zip.read(n).toString('utf8')).join('\n'),
  };
}

test('no results page or download shows an analyst anyone’s name, email, phone or ZIP code', async () => {
  const types = [...exportTypes(deps).values()];
  const paths = listRoutes(ctx.app)
    .filter((r) => r.method === 'GET' && r.path.startsWith('/staff/results'))
    .map((r) => concrete(r.path, ids));
  const downloads = EXTRA_URLS(ids, types).filter((u) => u.includes('/staff/results/export/'));
  const urls = [...new Set([...paths, ...EXTRA_URLS(ids, types)])];
  expect(urls).toEqual(
    expect.arrayContaining(['/staff/results/representation', '/staff/results/scorecard']),
  );
  // Every type of each scope an analyst may run has its download here.
  const scopes = new Set(types.filter((t) => downloadUrls(t, ids).length).map((t) => t.scope));
  expect([...scopes].sort()).toEqual(['panel', 'study', 'survey']);
  const leaks: string[] = [];
  const shown: string[] = [];
  for (const url of urls) {
    const { status, text } = await textAt(url);
    if (status === 200) shown.push(url);
    const found = personalIn(text);
    if (found.length) leaks.push(`${url}: ${found.join(', ')}`);
  }
  expect(leaks).toEqual([]);
  // Every download was served (a refusal would prove nothing).
  expect(downloads.filter((u) => !shown.includes(u))).toEqual([]);
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
