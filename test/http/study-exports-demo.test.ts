import { parse } from 'csv-parse/sync';
import { prepareDatabase } from '../../src/bootstrap';
import { FakeClock } from '../../src/clock';
import { testConfig } from '../../src/config';
import { openDatabase, type DB } from '../../src/db/database';
import { seedDemo } from '../../src/demo/demo';
import { exportTypes } from '../../src/results/exports/registry';
import { parseFilter, resolveFilter } from '../../src/results/filters';
import { loadReference } from '../../src/reference/reference.queries';
import { csvText } from '../support/exports';

// The demo builds a realistic panel (a few seconds, more on a busy machine).
jest.setTimeout(180_000);

const NOW = new Date('2026-11-26T12:00:00Z');
const config = testConfig();
let db: DB;

beforeAll(async () => {
  db = openDatabase(':memory:').db;
  await prepareDatabase(db, config);
  await seedDemo(db, { count: 400, seed: 311, baseUrl: 'http://localhost:3000', now: NOW });
});
afterAll(() => db.destroy());

async function exported(type: string, study: number) {
  const types = exportTypes({
    db,
    ref: await loadReference(db),
    clock: new FakeClock(NOW),
    cityTimeZone: config.cityTimeZone,
    names: config.cityNames,
  });
  const parsed = parseFilter({});
  if (!parsed.ok) throw new Error('filter');
  const table = await types.get(type)!.open({
    study,
    filter: parsed.filter,
    resolved: resolveFilter(parsed.filter, config.cityTimeZone),
    labels: null,
    profile: 'analysis',
    actor: { staffId: null, role: 'analyst', via: 'cli' },
  });
  return parse(await csvText(table), { columns: true }) as Record<string, string>[];
}

test('the demo studies export as their stored rows say, counted independently', async () => {
  const studies = await db.selectFrom('studies').select('id').execute();
  expect(studies.length).toBeGreaterThan(0);
  let sawNotes = false;
  for (const { id } of studies) {
    // Everything the files should say, read plainly and counted here in JavaScript.
    const regs = await db
      .selectFrom('registrations as r')
      .innerJoin('study_sessions as s', 's.id', 'r.session_id')
      .leftJoin('incentives as i', 'i.registration_id', 'r.id')
      .select(['r.participant_id', 'r.status', 'r.walk_in', 'i.amount_cents'])
      .where('s.study_id', '=', id)
      .execute();
    const notes = await db
      .selectFrom('session_notes as n')
      .innerJoin('study_sessions as s', 's.id', 'n.session_id')
      .select(['n.is_quote'])
      .where('s.study_id', '=', id)
      .execute();
    const attendedPeople = new Set(
      regs.filter((r) => r.status === 'attended').map((r) => r.participant_id),
    ).size;
    const registeredPeople = new Set(
      regs.filter((r) => r.walk_in === 0).map((r) => r.participant_id),
    ).size;

    const registrations = await exported('registrations', id);
    expect(registrations).toHaveLength(regs.length);
    expect(registrations.filter((r) => r.checked_in === '1')).toHaveLength(
      regs.filter((r) => r.status === 'attended').length,
    );
    expect(registrations.filter((r) => r.walk_in === '1')).toHaveLength(
      regs.filter((r) => r.walk_in === 1).length,
    );

    const funnel = Object.fromEntries((await exported('funnel', id)).map((r) => [r.step, r]));
    expect(Number(funnel.attended.count)).toBe(attendedPeople);
    expect(Number(funnel.registered.count)).toBe(registeredPeople);
    if (registeredPeople)
      expect(Number(funnel.attended.rate_from_previous)).toBeCloseTo(
        attendedPeople / registeredPeople,
        4,
      );

    const incentives = await exported('incentives', id);
    const issued = regs.filter((r) => r.amount_cents !== null);
    expect(incentives.filter((r) => r.status === 'issued')).toHaveLength(issued.length);
    const sum = incentives.reduce((n, r) => n + Math.round(Number(r.issued_amount || 0) * 100), 0);
    expect(sum).toBe(issued.reduce((n, r) => n + r.amount_cents!, 0));

    const noteRows = await exported('notes', id);
    expect(noteRows).toHaveLength(notes.length);
    expect(noteRows.filter((r) => r.quote === '1')).toHaveLength(
      notes.filter((n) => n.is_quote === 1).length,
    );
    sawNotes ||= notes.length > 0;
  }
  expect(sawNotes).toBe(true);
});
