import request from 'supertest';
import { loadReference } from '../../src/reference/reference.queries';
import {
  ScorecardService,
  type ScorecardFilter,
} from '../../src/results/scorecard/scorecard.service';
import { ValidationError } from '../../src/errors';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { insertResponse } from '../support/survey-responses';
import { createSurvey } from '../support/surveys';

/*
 * The scorecard's date range and differencing (issue 9): two accepted ranges must not give back
 * 1–4 answers of a score by subtraction. Three score cells, answers on city days (Los Angeles,
 * 2026) at 10–11 am city time; one answer of "sat" at 23:30 on 30 March city time (06:30 UTC on
 * the 31st). Q1 ends at the end of 31 March.
 */

const CELLS = {
  ease: { driver: 'ease', service: 'general', stage: 'intake' },
  quick: { driver: 'efficiency', service: 'general', stage: 'intake' },
  sat: { driver: 'satisfaction', service: 'Bulky Items', stage: 'fulfillment' },
} as const;
type Cell = keyof typeof CELLS;

/** City day (2026) → answers per cell that day. 03-11 has 2 of "ease"; 03-20 has 2 of "quick". */
const DAYS: Record<string, Partial<Record<Cell, number>>> = {
  '03-02': { ease: 6, quick: 5, sat: 5 },
  '03-11': { ease: 2 },
  '03-16': { ease: 6, quick: 5 },
  '03-20': { ease: 5, quick: 2, sat: 5 },
  '03-25': { ease: 6, quick: 5, sat: 5 },
  '03-30': { ease: 5, quick: 6, sat: 5 },
  '04-02': { ease: 7, quick: 5, sat: 5 },
};
const day = (m: number, d: number) =>
  `2026-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

let ctx: TestContext;
let service: ScorecardService;
let analyst: ReturnType<typeof request.agent>;

beforeAll(async () => {
  ctx = await buildTestApp();
  analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const both = (en: string) => ({ en, es: en });
  const { surveyId, versionId } = await createSurvey(ctx.db, {
    title: 'Scorecard dates',
    kind: 'general',
    languages: ['en', 'es'],
    status: 'open',
    texts: { title: both('T'), introduction: both('I'), thankYou: both('Thanks') },
    pages: [
      {
        questions: Object.entries(CELLS).map(([code, tags]) => ({
          code,
          type: 'agreement' as const,
          label: both(`Statement ${code}`),
          ...tags,
        })),
      },
    ],
  });
  for (const [d, cells] of Object.entries(DAYS))
    for (const [code, n] of Object.entries(cells))
      for (let k = 0; k < n; k++) {
        // The last "sat" answer of 30 March: 23:30 city time, already 31 March in UTC.
        const late = d === '03-30' && code === 'sat' && k === n - 1;
        const at = late
          ? '2026-03-31T06:30:00.000Z'
          : `2026-${d}T17:${String(10 * Object.keys(CELLS).indexOf(code) + k).padStart(2, '0')}:00.000Z`;
        await insertResponse(ctx.db, {
          surveyId,
          versionId,
          at,
          answers: [{ code, state: 'answered', value: '4', number: 4 }],
        });
      }
  service = new ScorecardService({
    db: ctx.db,
    ref: await loadReference(ctx.db),
    cityTimeZone: ctx.config.cityTimeZone,
  });
});
afterAll(() => ctx.close());

/** A cell's answers in a range, counted here from DAYS (city days compare as text). */
const kept = (f: ScorecardFilter, cell: Cell) =>
  Object.entries(DAYS)
    .filter(([d]) => (!f.from || `2026-${d}` >= f.from) && (!f.to || `2026-${d}` <= f.to))
    .reduce((s, [, cells]) => s + (cells[cell] ?? 0), 0);

/** The scorecard, or the fields it refuses. */
async function tryRange(f: ScorecardFilter) {
  try {
    return { card: await service.scorecard(f) };
  } catch (e) {
    if (e instanceof ValidationError) return { refused: e.fields };
    throw e;
  }
}

/** Each n of the scorecard, null when hidden: service|stage|driver|period → n. */
const shownCounts = (card: Awaited<ReturnType<ScorecardService['scorecard']>>) =>
  new Map(
    card.rows.flatMap((r) =>
      Object.entries(r.drivers).map(([driver, c]): [string, number | null] => [
        `${r.service}|${r.stage}|${driver}|${r.period}`,
        c.shown ? c.n : null,
      ]),
    ),
  );

test('two overlapping ranges one day apart cannot give back the 2 answers of a day', async () => {
  // Without the rule both were accepted (each leaving out 5 or more answers of every score):
  // "ease" n = 6 and 8, which gave back the 2 answers of 11 March.
  const upTo10 = await tryRange({ to: day(3, 10) });
  const upTo11 = await tryRange({ to: day(3, 11) });
  expect(upTo10.refused?.to).toBe(
    'To 10 March 2026: the nearest day after it with answers to a score (Ease, 311 in general, Intake), 11 March 2026, has fewer than 5 of them, which comparing two date ranges could give back. Choose a date next to days with 5 or more, or remove it.',
  );
  expect(upTo11.refused?.to).toMatch(
    /^To 11 March 2026: the nearest day on or before it .*11 March 2026, has fewer than 5/,
  );
  // A day with no answers between does not help: the nearest day with some counts.
  expect((await tryRange({ from: day(3, 5) })).refused?.from).toMatch(
    /on or after it .*11 March 2026/,
  );
  expect((await tryRange({ from: day(3, 14) })).refused?.from).toMatch(/before it .*11 March 2026/);
  // Per score: 20 March has 5 answers of "ease" and "sat" but 2 of "quick".
  expect((await tryRange({ to: day(3, 18) })).refused?.to).toMatch(
    /after it with answers to a score \(Efficiency, 311 in general, Intake\), 20 March 2026/,
  );
  // Edges between days of 5 or more answers of every score are accepted, both at once too.
  expect((await tryRange({ from: day(3, 27), to: day(3, 31) })).card).toBeDefined();
  expect((await tryRange({ to: day(3, 1) })).card).toBeDefined();
});

test('days are the city’s: the answer at 06:30 UTC on 31 March belongs to 30 March', async () => {
  // By UTC days, 30 March would hold 4 answers of "sat" and 31 March 1: refused.
  const { card } = await tryRange({ from: day(3, 26), to: day(3, 30) });
  expect(card).toBeDefined();
  const n = shownCounts(card!);
  expect(n.get('Bulky Items|fulfillment|satisfaction|all')).toBe(5);
  expect(n.get('general|intake|efficiency|all')).toBe(6);
});

test('no accepted range leaves a cell 1–4 answers away from another accepted range', async () => {
  const days = [
    undefined,
    ...Array.from({ length: 31 }, (_, i) => day(3, i + 1)),
    ...Array.from({ length: 3 }, (_, i) => day(4, i + 1)),
  ];
  const accepted: { f: ScorecardFilter; shown: Map<string, number | null> }[] = [];
  for (const from of days)
    for (const to of days) {
      if (from && to && from > to) continue;
      const f: ScorecardFilter = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
      const { card } = await tryRange(f);
      if (card) accepted.push({ f, shown: shownCounts(card) });
    }
  // The check had something to compare: ranges starting and ending on both sides of 25 March,
  // of 30 March, of the quarter's end, and open ones.
  expect(accepted.length).toBeGreaterThan(50);
  const cells = Object.keys(CELLS) as Cell[];
  const inside = (a: ScorecardFilter, b: ScorecardFilter) =>
    (!b.from || (a.from !== undefined && a.from >= b.from)) &&
    (!b.to || (a.to !== undefined && a.to <= b.to));
  const leaks: string[] = [];
  for (const a of accepted) {
    for (const cell of cells) {
      const n = kept(a.f, cell);
      // What the page shows is what was stored in those days.
      const shown = a.shown.get(
        `${CELLS[cell].service}|${CELLS[cell].stage}|${CELLS[cell].driver}|all`,
      );
      if (n >= 5) expect(shown).toBe(n);
    }
    for (const b of accepted) {
      if (a === b || !inside(a.f, b.f)) continue;
      // What the wider range keeps beyond the narrower one: no cell 1–4, counted here …
      for (const cell of cells) {
        const d = kept(b.f, cell) - kept(a.f, cell);
        if (d >= 1 && d <= 4)
          leaks.push(`${JSON.stringify(a.f)} ⊂ ${JSON.stringify(b.f)}: ${cell} ${d}`);
      }
      // … and no two shown figures of the pages (whole period or quarter) 1–4 apart; a cell
      // missing from the narrower page is 0 there.
      for (const [k, n] of b.shown) {
        const m = a.shown.has(k) ? a.shown.get(k)! : 0;
        if (n === null || m === null) continue;
        if (n - m >= 1 && n - m <= 4)
          leaks.push(`${JSON.stringify(a.f)} ⊂ ${JSON.stringify(b.f)}: ${k} ${m} → ${n}`);
      }
    }
  }
  expect(leaks).toEqual([]);
});

test('the page refuses such a date beside its field and keeps it; the export refuses it too', async () => {
  const res = await analyst.get(`/staff/results/scorecard?to=${day(3, 10)}`);
  expect(res.status).toBe(400);
  expect(res.text).toContain('<a href="#to">To 10 March 2026: the nearest day after it');
  expect(res.text).toMatch(/id="to"[^>]*value="2026-03-10"|value="2026-03-10"[^>]*id="to"/);
  expect(res.text).toContain(
    'Refused when the nearest day with answers to a score on either side of it has 1–4',
  );
  expect(res.text).not.toContain('id="service-0"');

  const ok = await analyst.get(`/staff/results/scorecard?from=${day(3, 27)}`);
  expect(ok.status).toBe(200);
  expect(ok.text).toContain(`href="/staff/results/export/scorecard.csv?from=${day(3, 27)}"`);

  // The download: the exports page again, the message beside the field, the export and date kept.
  const csv = await analyst.get(`/staff/results/export/scorecard.csv?to=${day(3, 10)}`);
  expect(csv.status).toBe(400);
  expect(csv.headers['content-type']).toMatch(/^text\/html/);
  expect(csv.text).toContain('<a href="#to">To 10 March 2026: the nearest day after it');
  expect(csv.text).toMatch(/id="to-error"[^>]*>[^<]*To 10 March 2026/);
  expect(csv.text).toMatch(/<option value="scorecard" selected/);
  expect(csv.text).toMatch(/id="to"[^>]*value="2026-03-10"|value="2026-03-10"[^>]*id="to"/);
  const fine = await analyst.get(`/staff/results/export/scorecard.csv?from=${day(3, 27)}`);
  expect(fine.status).toBe(200);
});
