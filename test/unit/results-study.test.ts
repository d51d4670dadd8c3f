import { translator } from '../../src/i18n/i18n';
import {
  audienceOf,
  missingLanguages,
  parseMessages,
  prefill,
  skipReason,
} from '../../src/results/report-back/report-back.rules';
import { cityIsoFormatter } from '../../src/results/exports/city-iso';
import { inBatches } from '../../src/results/study/export-values';
import { funnelRows, percent } from '../../src/results/study/funnel';
import { funnelChart } from '../../src/results/study/funnel-chart';

const counts = { sampled: 20, invited: 16, registered: 12, attended: 0, responded: 0 };

test('each funnel step has its rate from the step before; none after a zero', () => {
  const rows = funnelRows(counts);
  expect(rows.map((r) => r.rate)).toEqual([null, 0.8, 0.75, 0, null]);
  expect(rows.map((r) => percent(r.rate))).toEqual(['–', '80%', '75%', '0%', '–']);
});

test('the funnel chart scales bars to nice ticks and never draws a negative width', () => {
  const chart = funnelChart(funnelRows(counts));
  expect(chart.ticks.map((t) => t.value)).toEqual([0, 5, 10, 15, 20]);
  const [sampled, invited, , attended] = chart.bars;
  expect(invited.width / sampled.width).toBeCloseTo(0.8, 5);
  expect(attended.width).toBe(0);
  expect(chart.bars.every((b, i) => i === 0 || b.y > chart.bars[i - 1].y)).toBe(true);
});

test('who gets a report-back: not those who left, paused or have no email', () => {
  expect(skipReason({ email: 'a@b.c', language: 'en', status: 'active' })).toBeNull();
  expect(skipReason({ email: 'a@b.c', language: 'en', status: 'withdrawn' })).toBe('left');
  expect(skipReason({ email: null, language: 'en', status: 'deleted' })).toBe('left');
  expect(skipReason({ email: 'a@b.c', language: 'en', status: 'paused' })).toBe('paused');
  expect(skipReason({ email: null, language: 'en', status: 'active' })).toBe('noEmail');
  const a = audienceOf([
    { email: 'a@b.c', language: 'es', status: 'active' },
    { email: 'd@b.c', language: 'es', status: 'active' },
    { email: null, language: 'ko', status: 'active' },
    { email: 'e@b.c', language: 'hy', status: 'paused' },
  ]);
  expect(a.to).toHaveLength(2);
  expect([...a.byLanguage]).toEqual([['es', 2]]);
  expect(a.skipped).toEqual({ left: 0, paused: 1, noEmail: 1 });
});

test('missing languages: none or only blanks', () => {
  expect(missingLanguages(['en', 'es', 'ko'], { en: 'Hi', es: '  ' })).toEqual(['es', 'ko']);
  expect(parseMessages('{"en":"Hi","es":3}')).toEqual({ en: 'Hi' });
  expect(parseMessages('not json')).toEqual({});
});

test('the prefilled message carries the figures and a line per theme, in the language', () => {
  const h = { attended: 11, sessions: 2, themes: [{ name: 'Wait times', count: 4 }] };
  const es = prefill(translator('es'), h);
  expect(es).toContain('Personas que participaron: 11. Conversaciones realizadas: 2.');
  expect(es).toContain('- Wait times (mencionado 4 veces)');
  expect(prefill(translator('ko'), { ...h, themes: [] })).not.toContain('가장 많이');
});

test('times carry the city offset, across daylight saving', () => {
  const isoInZone = (utc: string, zone: string) => cityIsoFormatter(zone)(utc);
  expect(isoInZone('2027-01-15T18:00:00.000Z', 'America/Los_Angeles')).toBe(
    '2027-01-15T10:00:00-08:00',
  );
  expect(isoInZone('2027-07-15T18:00:00.000Z', 'America/Los_Angeles')).toBe(
    '2027-07-15T11:00:00-07:00',
  );
  expect(isoInZone('2027-07-15T18:00:00.000Z', 'UTC')).toBe('2027-07-15T18:00:00+00:00');
});

test('batches are read until one comes back short', async () => {
  const ids = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));
  const asked: number[] = [];
  const out: number[] = [];
  for await (const rows of inBatches(async (after) => {
    asked.push(after);
    return ids.filter((r) => r.id > after).slice(0, 3);
  }, 3))
    out.push(...rows.map((r) => r.id));
  expect(out).toEqual([1, 2, 3, 4, 5, 6, 7]);
  expect(asked).toEqual([0, 3, 6]);
});
