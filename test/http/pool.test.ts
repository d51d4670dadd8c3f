import request from 'supertest';
import { insertInvitations } from '../../src/studies/invitations/invitations.queries';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';

type Agent = ReturnType<typeof request.agent>;

/** The ids in the results table, in page order. */
function idsOn(html: string): number[] {
  return [...html.matchAll(/data-label="Name"><a href="\/staff\/participants\/(\d+)">/g)].map((m) =>
    Number(m[1]),
  );
}

/** A counts table ("By council district" / "By language") as { label: n }. */
function countsTable(html: string, caption: string): Record<string, number> {
  const start = html.indexOf(`<caption>${caption}</caption>`);
  expect(start).toBeGreaterThan(-1);
  const table = html.slice(start, html.indexOf('</table>', start));
  return Object.fromEntries(
    [...table.matchAll(/<th scope="row">([^<]+)<\/th><td[^>]*>([\d,]+)<\/td>/g)].map((m) => [
      m[1],
      Number(m[2].replace(/,/g, '')),
    ]),
  );
}

describe('the Pool page', () => {
  let ctx: TestContext;
  let organizer: Agent;
  const who: Record<string, number> = {};
  const name = (ids: number[]) =>
    ids.map((id) => Object.keys(who).find((k) => who[k] === id) ?? `#${id}`);

  /** The people (by letter) on the page for a query string, in page order. */
  async function found(query: string, agent: Agent = organizer): Promise<string[]> {
    const res = await agent.get(`/staff/participants${query ? `?${query}` : ''}`);
    expect(res.status).toBe(200);
    return name(idsOn(res.text));
  }
  const sorted = async (query: string) => (await found(query)).sort();

  beforeAll(async () => {
    ctx = await buildTestApp();
    organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
    const councils = await ctx.db
      .selectFrom('neighborhood_councils')
      .select('id')
      .orderBy('id')
      .limit(3)
      .execute();
    who.A = await addPerson(
      ctx.db,
      {
        first_name: 'Rosa',
        last_name: 'Martinez',
        email: 'rosa@example.com',
        phone: '+12135550101',
        contact_preference: 'email',
        language: 'es',
        zip: '90012',
        council_district: 1,
        neighborhood_council_id: councils[0].id,
        myla311_use: 'often',
        interpreter_language: 'es',
        format_preference: 'in_person',
        age_range: '25_34',
        gender: 'woman',
        recording_consent: 1,
        created_at: '2026-01-10T20:00:00.000Z',
        last_contacted_at: '2026-03-01T18:00:00.000Z',
        sessions_attended: 2,
      },
      {
        channels: ['app'],
        requestTypes: ['Bulky Items'],
        needs: ['interpreter'],
        availability: ['weekend'],
        race: ['hispanic'],
      },
    );
    who.B = await addPerson(
      ctx.db,
      {
        first_name: 'Min-jun',
        last_name: 'Kim',
        phone: '+12135550202',
        contact_preference: 'phone',
        language: 'ko',
        zip: '90006',
        council_district: 10,
        neighborhood_council_id: councils[1].id,
        myla311_use: 'never',
        format_preference: 'online',
        age_range: '65_plus',
        gender: 'man',
        status: 'paused',
        source: 'event',
        created_at: '2026-02-15T20:00:00.000Z',
        no_shows: 3,
      },
      {
        channels: ['phone'],
        needs: ['wheelchair'],
        availability: ['weekday_day'],
        race: ['asian'],
      },
    );
    who.C = await addPerson(
      ctx.db,
      {
        first_name: 'Ani',
        last_name: 'Petrosyan',
        email: 'ani@test.org',
        phone: '+18185550303',
        contact_preference: 'text',
        language: 'hy',
        zip: '91201',
        myla311_use: 'few',
        format_preference: 'either',
        age_range: '45_54',
        gender: 'nonbinary',
        status: 'pending',
        source: 'paper',
        created_at: '2026-03-20T20:00:00.000Z',
        last_contacted_at: '2026-04-01T18:00:00.000Z',
        sessions_attended: 5,
        no_shows: 1,
      },
      {
        channels: ['web', 'app'],
        requestTypes: ['Graffiti Removal'],
        needs: ['asl', 'childcare'],
        availability: ['weekday_evening'],
        race: ['white', 'mena'],
      },
    );
    who.D = await addPerson(ctx.db, {
      status: 'deleted',
      language: 'es',
      council_district: 1,
      created_at: '2026-01-05T20:00:00.000Z',
      deleted_at: '2026-02-01T20:00:00.000Z',
    });
    // Created at 21:00 on Feb 28 in Los Angeles (March 1 in UTC).
    who.E = await addPerson(ctx.db, {
      first_name: '<script>alert(1)</script>',
      last_name: 'Zed',
      email: 'evil@example.net',
      contact_preference: 'email',
      language: 'en',
      council_district: 4,
      neighborhood_council_id: councils[2].id,
      status: 'withdrawn',
      source: 'import',
      created_at: '2026-03-01T05:00:00.000Z',
    });
  });
  afterAll(() => ctx.close());

  test('lists everyone but deleted people, newest first', async () => {
    expect(await found('')).toEqual(['C', 'E', 'B', 'A']);
  });

  test('deleted people appear only when that status is chosen', async () => {
    expect(await found('status=deleted')).toEqual(['D']);
    expect(await sorted('status=active&status=paused')).toEqual(['A', 'B']);
    expect(await sorted('status=deleted&status=pending')).toEqual(['C', 'D']);
  });

  test.each([
    ['source=event', ['B']],
    ['source=paper&source=import', ['C', 'E']],
    ['language=es', ['A']],
    ['language=ko&language=hy', ['B', 'C']],
    ['contactPreference=phone', ['B']],
    ['zip=900', ['A', 'B']],
    ['zip=91201', ['C']],
    ['councilDistrict=1', ['A']],
    ['councilDistrict=unknown', ['C']],
    ['councilDistrict=unknown&councilDistrict=10', ['B', 'C']],
    ['neighborhoodCouncil=unknown', ['C']],
    ['myla311Use=never', ['B']],
    ['myla311Use=often&myla311Use=few', ['A', 'C']],
    ['channels=app', ['A', 'C']],
    ['channels=phone', ['B']],
    ['requestTypes=Bulky+Items', ['A']],
    ['requestTypes=Graffiti+Removal&requestTypes=Bulky+Items', ['A', 'C']],
    ['needs=asl', ['C']],
    ['needs=interpreter&needs=wheelchair', ['A', 'B']],
    ['interpreterLanguage=es', ['A']],
    ['availability=weekend', ['A']],
    ['format=online', ['B']],
    ['ageRange=65_plus', ['B']],
    ['gender=nonbinary', ['C']],
    ['race=mena', ['C']],
    ['race=asian&race=hispanic', ['A', 'B']],
    ['recordingConsent=yes', ['A']],
    ['recordingConsent=no', ['B', 'C', 'E']],
    // Dates are days in the city's time zone: E joined on Feb 28 there.
    ['createdFrom=2026-02-01&createdTo=2026-02-28', ['B', 'E']],
    ['createdFrom=2026-03-01', ['C']],
    ['createdTo=2026-01-10', ['A']],
    ['contactedFrom=2026-03-15', ['C']],
    ['contactedFrom=2026-02-01&contactedTo=2026-03-01', ['A']],
    ['neverContacted=yes', ['B', 'E']],
    // "Not contacted since March 15" is never contacted or last contacted before then.
    ['neverContacted=yes&contactedTo=2026-03-14', ['A', 'B', 'E']],
    ['attendedMin=2', ['A', 'C']],
    ['attendedMax=0', ['B', 'E']],
    ['neverAttended=yes', ['B', 'E']],
    ['neverAttended=yes&noShowsMin=1', ['B']],
    ['noShowsMin=1', ['B', 'C']],
    ['noShowsMin=1&noShowsMax=2', ['C']],
    ['language=es&language=ko&needs=wheelchair', ['B']],
    ['councilDistrict=1&status=deleted', ['D']],
  ])('%s', async (query, expected) => {
    expect(await sorted(query)).toEqual(expected);
  });

  test('last invited: the latest invitation to any study, or never invited', async () => {
    const study = (title: string) =>
      ctx.db
        .insertInto('studies')
        .values({
          title,
          purpose: 'Test',
          target_participants: 8,
          incentive_cents: 0,
          incentive_kind: 'gift_card',
          reminder_offsets: '[48,2]',
          created_at: '2026-01-01T00:00:00.000Z',
          updated_at: '2026-01-01T00:00:00.000Z',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const [s1, s2] = [await study('One'), await study('Two')];
    const invite = (studyId: number, participantId: number, at: string) =>
      insertInvitations(ctx.db, [
        {
          study_id: studyId,
          participant_id: participantId,
          draw_id: null,
          channel: 'email',
          invited_at: at,
        },
      ]);
    // A: January, then March (latest: March). C: January only.
    await invite(s1.id, who.A, '2026-01-20T18:00:00.000Z');
    await invite(s2.id, who.A, '2026-03-10T18:00:00.000Z');
    await invite(s1.id, who.C, '2026-01-20T18:00:00.000Z');
    expect(await sorted('invitedFrom=2026-03-01')).toEqual(['A']);
    expect(await sorted('invitedTo=2026-02-01')).toEqual(['C']);
    expect(await sorted('neverInvited=yes')).toEqual(['B', 'E']);
    // "Not invited since February": never invited, or last invited before then.
    expect(await sorted('neverInvited=yes&invitedTo=2026-02-01')).toEqual(['B', 'C', 'E']);
  });

  test('the neighborhood council filter matches the council', async () => {
    const { neighborhood_council_id } = await ctx.db
      .selectFrom('participants')
      .select('neighborhood_council_id')
      .where('id', '=', who.B)
      .executeTakeFirstOrThrow();
    expect(await found(`neighborhoodCouncil=${neighborhood_council_id}`)).toEqual(['B']);
  });

  test.each([
    ['q=rosa', ['A']],
    ['q=MARTINEZ', ['A']],
    ['q=rosa+mart', ['A']],
    ['q=example.com', ['A']],
    ['q=ani%40test', ['C']],
    ['q=%28213%29+555-0202', ['B']],
    ['q=0202', ['B']],
    ['q=555', ['A', 'B', 'C']],
    // LIKE wildcards typed in the box are taken literally.
    ['q=%25', []],
    ['q=_', []],
    ['q=nobody', []],
  ])('search %s', async (query, expected) => {
    expect(await sorted(query)).toEqual(expected);
  });

  test('sorts by allowlisted columns, both ways', async () => {
    expect(await found('sort=name-asc')).toEqual(['B', 'A', 'C', 'E']);
    expect(await found('sort=name-desc')).toEqual(['E', 'C', 'A', 'B']);
    expect(await found('sort=created-asc')).toEqual(['A', 'B', 'E', 'C']);
    // Ties are broken by id, in the same direction.
    expect(await found('sort=attended-desc')).toEqual(['C', 'A', 'E', 'B']);
    expect(await found('sort=noShows-desc')).toEqual(['B', 'C', 'E', 'A']);
    // Never contacted comes first when sorting by the longest since contact.
    expect(await found('sort=lastContacted-asc')).toEqual(['B', 'E', 'A', 'C']);
    expect(await found('sort=district-asc')).toEqual(['C', 'A', 'E', 'B']);
    expect(await found('sort=language-asc')).toEqual(['E', 'A', 'C', 'B']);
  });

  test('column headers link to their sort and mark the current one', async () => {
    const res = await organizer.get('/staff/participants?language=es&sort=name-asc');
    expect(res.text).toContain(
      'aria-sort="ascending"><a href="/staff/participants?language=es&amp;sort=name-desc">Name',
    );
    expect(res.text).toContain(
      'href="/staff/participants?language=es&amp;sort=attended-desc">Attended',
    );
    expect(res.text).toMatch(/<option value="name-asc" selected>/);
  });

  test('counts by council district and language follow the filter', async () => {
    const all = await organizer.get('/staff/participants');
    const districts = countsTable(all.text, 'By council district');
    expect(districts).toMatchObject({
      'District 1': 1,
      'District 4': 1,
      'District 10': 1,
      Unknown: 1,
    });
    expect(districts['District 2']).toBe(0);
    expect(Object.keys(districts)).toHaveLength(17); // 15 districts, unknown, the total
    expect(districts.All).toBe(4);
    expect(countsTable(all.text, 'By language')).toMatchObject({
      English: 1,
      Spanish: 1,
      Korean: 1,
      Armenian: 1,
      Vietnamese: 0,
      All: 4,
    });

    const some = await organizer.get('/staff/participants?channels=app');
    expect(countsTable(some.text, 'By council district')).toMatchObject({
      'District 1': 1,
      'District 10': 0,
      Unknown: 1,
      All: 2,
    });
    expect(countsTable(some.text, 'By language')).toMatchObject({
      Spanish: 1,
      Armenian: 1,
      Korean: 0,
    });

    // Deleted people are counted only when asked for.
    const deleted = await organizer.get('/staff/participants?status=deleted');
    expect(countsTable(deleted.text, 'By council district')).toMatchObject({
      'District 1': 1,
      All: 1,
    });
  });

  test('the form shows the filter back, so the page can be bookmarked and adjusted', async () => {
    const res = await organizer.get(
      '/staff/participants?language=ko&needs=wheelchair&q=kim&createdFrom=2026-02-01&attendedMax=3&recordingConsent=no',
    );
    expect(name(idsOn(res.text))).toEqual(['B']);
    expect(res.text).toMatch(/name="language" value="ko" checked/);
    expect(res.text).toMatch(/name="needs" value="wheelchair" checked/);
    expect(res.text).toContain('name="q" type="search" value="kim"');
    expect(res.text).toContain('name="createdFrom" type="date" value="2026-02-01"');
    expect(res.text).toContain('name="attendedMax" type="text" inputmode="numeric" value="3"');
    expect(res.text).toMatch(/name="recordingConsent" value="no" checked/);
    expect(res.text).toContain('Filters (5 active)');
    expect(res.text).toMatch(/<form method="get" action="\/staff\/participants"/);
  });

  test.each([
    'status=bogus',
    'page=-5',
    'page=abc',
    'page=1e9',
    'sort=name;DROP TABLE participants',
    'sort=id-asc',
    'createdFrom=2026-13-45',
    'createdTo=yesterday',
    'attendedMin=-1',
    'attendedMin=1e3',
    'noShowsMax=99999',
    'q=a&q=b',
    'language[x]=es',
    'councilDistrict=99',
    'neighborhoodCouncil=0',
    'requestTypes=Nope',
    'zip=abc',
    'q=LONG',
    'q=%00%01',
    'recordingConsent=maybe',
  ])('a bad value (%s) is ignored, never a 500', async (query) => {
    const res = await organizer.get(
      `/staff/participants?${query.replace('LONG', 'x'.repeat(5000))}`,
    );
    expect(res.status).toBe(200);
    if (query !== 'q=LONG') expect(name(idsOn(res.text)).sort()).toEqual(['A', 'B', 'C', 'E']);
    else expect(idsOn(res.text)).toEqual([]);
  });

  test('a bad value next to a good one keeps the good one', async () => {
    expect(await sorted('language=es&language=xx&sort=nonsense')).toEqual(['A']);
  });

  test('names and search text are shown escaped', async () => {
    const res = await organizer.get('/staff/participants?q=%3Cb%3Ebold%3C%2Fb%3E+zed');
    expect(res.status).toBe(200);
    expect(res.text).toContain('value="&lt;b&gt;bold&lt;/b&gt; zed"');
    const all = await organizer.get('/staff/participants');
    expect(all.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Zed');
    expect(all.text).not.toContain('<script>alert(1)');
  });

  test('each name links to the participant page', async () => {
    const res = await organizer.get('/staff/participants?q=rosa');
    expect(res.text).toContain(`<a href="/staff/participants/${who.A}">Rosa Martinez</a>`);
    expect(res.text).toContain('rosa@example.com');
    expect(res.text).toContain('(213) 555-0101');
  });

  test('organizers and admins only', async () => {
    const admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
    expect(await sorted('')).toEqual(['A', 'B', 'C', 'E']);
    expect((await admin.get('/staff/participants')).status).toBe(200);
    for (const role of ['analyst', 'facilitator'] as const) {
      const agent = await signedIn(ctx, await createStaff(ctx, role));
      const res = await agent.get('/staff/participants');
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('Rosa');
    }
    const anonymous = await request(ctx.app).get('/staff/participants?language=es');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?next=%2Fstaff%2Fparticipants%3Flanguage%3Des');
  });

  test('the page is not cached and the nav marks it', async () => {
    const res = await organizer.get('/staff/participants');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.text).toContain(
      '<a href="/staff/participants" aria-current="page">Participants</a>',
    );
  });
});

describe('Pool pagination', () => {
  let ctx: TestContext;
  let organizer: Agent;
  const ids: number[] = [];

  beforeAll(async () => {
    ctx = await buildTestApp();
    organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
    for (let i = 0; i < 120; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString();
      ids.push(
        await addPerson(ctx.db, {
          first_name: `Person${String(i).padStart(3, '0')}`,
          language: i % 2 ? 'tl' : 'vi',
          created_at: at,
          updated_at: at,
        }),
      );
    }
  });
  afterAll(() => ctx.close());

  test('pages of 50 cover everyone once, in order', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await organizer.get(`/staff/participants?page=${page}`);
      expect(res.status).toBe(200);
      pages.push(idsOn(res.text));
    }
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual([...ids].reverse());
  });

  test('a page past the end shows the last page', async () => {
    const res = await organizer.get('/staff/participants?page=99');
    expect(res.status).toBe(200);
    expect(idsOn(res.text)).toEqual(ids.slice(0, 20).reverse());
    expect(res.text).toContain('Showing 101–120 of 120');
  });

  test('pagination links keep the filter and the sort', async () => {
    const res = await organizer.get('/staff/participants?language=tl&sort=name-asc');
    expect(idsOn(res.text)).toEqual(ids.filter((_, i) => i % 2).slice(0, 50));
    expect(res.text).toContain('Showing 1–50 of 60');
    expect(res.text).toContain(
      'href="/staff/participants?language=tl&amp;sort=name-asc&amp;page=2"',
    );
    const page2 = await organizer.get('/staff/participants?language=tl&sort=name-asc&page=2');
    expect(idsOn(page2.text)).toEqual(ids.filter((_, i) => i % 2).slice(50));
    expect(countsTable(page2.text, 'By language')).toMatchObject({
      'Tagalog/Filipino': 60,
      Vietnamese: 0,
      All: 60,
    });
  });
});
