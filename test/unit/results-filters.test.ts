import { filterParams, parseFilter, resolveFilter } from '../../src/results/filters';

describe('results filters', () => {
  test('reads every filter from a query string and writes it back', () => {
    const query = {
      version: '3',
      language: 'es',
      district: '14',
      use: 'often',
      study: '2',
      session: '7',
      channel: 'phone',
      from: '2026-03-01',
      to: '2026-03-31',
      other: 'ignored',
    };
    const parsed = parseFilter(query);
    expect(parsed).toEqual({
      ok: true,
      filter: {
        version: 3,
        language: 'es',
        district: 14,
        myla311Use: 'often',
        study: 2,
        session: 7,
        channel: 'phone',
        from: '2026-03-01',
        to: '2026-03-31',
      },
    });
    if (parsed.ok)
      expect(Object.fromEntries(filterParams(parsed.filter))).toEqual({
        ...query,
        other: undefined,
      });
  });

  test('blank fields mean no filter', () => {
    expect(parseFilter({ language: '', district: '', from: '' })).toEqual({ ok: true, filter: {} });
  });

  test.each([
    [{ district: 'abc' }, 'district'],
    [{ channel: 'fax' }, 'channel'],
    [{ from: '2026-02-30' }, 'from'],
    [{ from: '03/01/2026' }, 'from'],
    [{ from: '2026-03-02', to: '2026-03-01' }, 'to'],
    [{ version: '-1' }, 'version'],
    [{ language: '<script>' }, 'language'],
  ])('refuses %j', (query, field) => {
    const parsed = parseFilter(query);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors)).toContain(field);
  });

  test('days are whole city days in UTC, across a daylight-saving change', () => {
    const r = resolveFilter({ from: '2026-03-08', to: '2026-03-08' }, 'America/Los_Angeles');
    expect(r.fromUtc).toBe('2026-03-08T08:00:00.000Z');
    expect(r.toUtc).toBe('2026-03-09T07:00:00.000Z');
  });
});
