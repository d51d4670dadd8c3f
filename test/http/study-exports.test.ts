import { parse } from 'csv-parse/sync';
import { exportTypes } from '../../src/results/exports/registry';
import type { ExportRequest } from '../../src/results/exports/export-type';
import { parseFilter, resolveFilter } from '../../src/results/filters';
import { loadReference } from '../../src/reference/reference.queries';
import type { CsvProfile } from '../../src/web/csv';
import { buildTestApp, type TestContext } from '../support/app';
import { AFTER, buildStudyFixture, FIGURES } from '../support/study-report';
import { csvText } from '../support/exports';

let ctx: TestContext;
let fixture: Awaited<ReturnType<typeof buildStudyFixture>>;

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(AFTER);
  fixture = await buildStudyFixture(ctx.db);
});
afterAll(() => ctx.close());

/** Opens an export type for the fixture's study, writes it as CSV and parses it back. */
async function exported(type: string, profile: CsvProfile = 'analysis', study = fixture.studyId) {
  const types = exportTypes({
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  });
  const t = types.get(type)!;
  expect(t.scope).toBe('study');
  expect(t.roles).toEqual(['analyst', 'organizer']);
  const filter = parseFilter({});
  if (!filter.ok) throw new Error('filter');
  const req: ExportRequest = {
    study,
    filter: filter.filter,
    resolved: resolveFilter(filter.filter, ctx.config.cityTimeZone),
    labels: null,
    profile,
    actor: { staffId: null, role: 'analyst', via: 'cli' },
  };
  const table = await t.open(req);
  const text = await csvText(table, profile);
  return {
    table,
    text,
    rows: parse(text, { columns: true, bom: true }) as Record<string, string>[],
  };
}

const count = <T>(rows: T[], pick: (r: T) => boolean) => rows.filter(pick).length;

test('registrations: one row per registration, pseudonyms, no names, emails or phones', async () => {
  const { rows, text, table } = await exported('registrations');
  expect(table.filename).toMatch(/^registrations-study-\d+-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(rows).toHaveLength(14); // P1–P13 and the walk-in P17
  expect(new Set(rows.map((r) => r.pseudonym)).size).toBe(14);
  rows.forEach((r) => expect(r.pseudonym).toMatch(/^R[0-9a-f]{10}$/));
  expect(count(rows, (r) => r.checked_in === '1')).toBe(FIGURES.attended);
  expect(count(rows, (r) => r.status === 'no_show')).toBe(FIGURES.noShows);
  expect(count(rows, (r) => r.walk_in === '1')).toBe(1);
  expect(count(rows, (r) => r.council_district === '4')).toBe(6);
  expect(rows[0].session_starts_at).toBe('2027-04-30T18:00:00-07:00');
  expect(text).not.toMatch(/Person\d|Family\d|@example\.com|2135550110/);
  // A new export, new pseudonyms: nothing links two files.
  const again = await exported('registrations');
  expect(again.rows[0].pseudonym).not.toBe(rows[0].pseudonym);
});

test('funnel: one row per step with its count and the rate from the step before', async () => {
  const { rows } = await exported('funnel', 'excel');
  expect(rows.map((r) => [r.step, r.count])).toEqual([
    ['sampled', String(FIGURES.sampled)],
    ['invited', String(FIGURES.invited)],
    ['registered', String(FIGURES.registered)],
    ['attended', String(FIGURES.attended)],
    ['responded', String(FIGURES.responded)],
  ]);
  expect(rows[0].rate_from_previous).toBe('');
  expect(Number(rows[3].rate_from_previous)).toBeCloseTo(FIGURES.attended / FIGURES.registered, 4);
});

test('incentives: owed and issued per person, pseudonymous, totals as the finance report', async () => {
  const { rows, text } = await exported('incentives');
  expect(rows).toHaveLength(FIGURES.attended);
  expect(count(rows, (r) => r.status === 'issued')).toBe(3);
  const sum = (col: string) => rows.reduce((n, r) => n + Number(r[col] || 0), 0);
  expect(sum('owed_amount')).toBe(550);
  expect(sum('issued_amount')).toBe(150);
  expect(rows.every((r) => r.kind === 'gift_card')).toBe(true);
  expect(text).not.toMatch(/Person\d|Family\d|1234/);
});

test('notes: each coded note with its themes and quote flag; text neutralised for Excel', async () => {
  await ctx.db
    .updateTable('session_notes')
    .set({ body: '=HYPERLINK("x")' })
    .where('body', '=', 'The app form was quick.')
    .execute();
  const { rows } = await exported('notes', 'excel');
  expect(rows).toHaveLength(4);
  expect(count(rows, (r) => r.quote === '1')).toBe(2);
  expect(count(rows, (r) => r.themes === 'Wait times')).toBe(2);
  expect(rows.find((r) => r.pseudonym === 'P2')?.text).toBe('I waited forty minutes on the phone.');
  expect(rows.find((r) => r.sentiment === 'praise')?.text).toBe(`'=HYPERLINK("x")`);
  const raw = await exported('notes', 'analysis');
  expect(raw.rows.find((r) => r.sentiment === 'praise')?.text).toBe('=HYPERLINK("x")');
});

test('a study that does not exist is not found', async () => {
  await expect(exported('funnel', 'analysis', 99999)).rejects.toMatchObject({ status: 404 });
});
