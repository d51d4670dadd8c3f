import { parse } from 'csv-parse/sync';
import { ForbiddenError, NotFoundError, ValidationError } from '../../src/errors';
import { loadReference } from '../../src/reference/reference.queries';
import type { ExportRequest, ExportType } from '../../src/results/exports/export-type';
import { exportTypes } from '../../src/results/exports/registry';
import { buildTestApp, createStaff, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { PEOPLE, personalIn } from '../support/results-people';
import { resultsWithPeople } from '../support/results-data';
import { csvText } from '../support/exports';

let ctx: TestContext;
let type: ExportType;
let studyId: number;
let organizerId: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  organizerId = (await createStaff(ctx, 'organizer')).id;
  ({ studyId } = await resultsWithPeople(ctx));
  await addPerson(ctx.db, { first_name: 'Gone', status: 'deleted' });
  await ctx.db
    .insertInto('consent_events')
    .values({
      participant_id: (
        await ctx.db
          .selectFrom('participants')
          .select('id')
          .where('first_name', '=', 'Zebulon')
          .executeTakeFirstOrThrow()
      ).id,
      version_id: 1,
      action: 'given',
      language: 'en',
      channel: 'web',
      text_hash: 'x',
      recorded_by_staff_id: null,
      at: '2026-03-02T18:15:00.000Z',
    })
    .execute();
  const deps = {
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  };
  type = exportTypes(deps).get('participants')!;
});
afterAll(() => ctx.close());

const request = (over: Partial<ExportRequest> = {}): ExportRequest => ({
  filter: {},
  resolved: {},
  labels: null,
  profile: 'analysis',
  reason: 'Calling people to reschedule the March session',
  actor: { staffId: organizerId, role: 'organizer', via: 'web' },
  ...over,
});

async function rowsOf(req: ExportRequest) {
  const table = await type.open(req);
  const text = await csvText(table);
  return {
    filename: table.filename,
    rows: parse(text, { columns: true }) as Record<string, string>[],
  };
}

const audits = () =>
  ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'participants.export')
    .orderBy('id')
    .execute();

test('is personal, for organizers (admins pass), scope panel', () => {
  expect(type).toMatchObject({ personal: true, roles: ['organizer'], scope: 'panel' });
});

test('the panel: contact details, district, ZIP, status and consent date of everyone not deleted; audited', async () => {
  const { filename, rows } = await rowsOf(request());
  expect(filename).toMatch(/^participants-panel-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(rows).toHaveLength(PEOPLE.length);
  expect(rows[0]).toEqual({
    participant_id: expect.any(String),
    first_name: 'Zebulon',
    last_name: 'Quixmarsh',
    email: 'zebulon.quixmarsh@example.org',
    phone: '(310) 555-0199',
    preferred_language: 'en',
    council_district: '5',
    zip: '90077',
    status: 'active',
    consent_date: '2026-03-02T10:15:00-08:00',
  });
  const [audit] = await audits();
  expect(audit).toMatchObject({
    actor_staff_id: organizerId,
    subject_type: 'panel',
    subject_id: null,
  });
  expect(JSON.parse(audit.details)).toEqual({
    reason: 'Calling people to reschedule the March session',
    count: PEOPLE.length,
    scope: 'panel',
    via: 'web',
  });
  // Never anyone's details in the log.
  expect(personalIn(audit.details)).toEqual([]);
});

test('a study: its registrants only', async () => {
  const { rows } = await rowsOf(
    request({ study: studyId, actor: { staffId: null, role: 'admin', via: 'cli' } }),
  );
  expect(rows.map((r) => r.first_name)).toEqual(PEOPLE.slice(0, 5).map((p) => p[0]));
  const last = (await audits()).at(-1)!;
  expect(last).toMatchObject({ subject_type: 'study', subject_id: String(studyId) });
  expect(JSON.parse(last.details)).toMatchObject({ count: 5, scope: 'study', via: 'cli' });
  await expect(type.open(request({ study: 9999 }))).rejects.toBeInstanceOf(NotFoundError);
});

test.each([undefined, '', '   '])(
  'refuses a missing or blank reason (%p), with a clear message, and logs nothing',
  async (reason) => {
    const before = (await audits()).length;
    const err = await type.open(request({ reason })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields).toEqual({
      reason: 'Enter why you need this list of participants with their contact details',
    });
    expect(await audits()).toHaveLength(before);
  },
);

test.each(['analyst', 'facilitator'] as const)('refuses a %s, and logs nothing', async (role) => {
  const before = (await audits()).length;
  await expect(
    type.open(request({ actor: { staffId: null, role, via: 'web' } })),
  ).rejects.toBeInstanceOf(ForbiddenError);
  expect(await audits()).toHaveLength(before);
});
