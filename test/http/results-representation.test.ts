import request from 'supertest';
import { buildTestApp, createStaff, postForm, signedIn, type TestContext } from '../support/app';
import { addPerson } from '../support/db';
import { insertSession, insertStudy, register, tableRows } from '../support/results-people';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
let admin: Agent;
let analyst: Agent;
let organizer: Agent;
let studyId: number;
const URL = '/staff/results/city-shares';

/*
 * The active pool: districts 1 (10 people), 2 (6), 3 (3) and 8 without a district (27); by
 * language English 14, Spanish 10, Korean 3. Two paused people in district 3 are not counted.
 */
beforeAll(async () => {
  ctx = await buildTestApp();
  admin = await signedIn(ctx, await createStaff(ctx, 'admin'));
  analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
  const districts = [
    ...Array<number | null>(10).fill(1),
    ...Array<number | null>(6).fill(2),
    ...Array<number | null>(3).fill(3),
    ...Array<number | null>(8).fill(null),
  ];
  const languages = [...Array(14).fill('en'), ...Array(10).fill('es'), ...Array(3).fill('ko')];
  const ids: number[] = [];
  for (let i = 0; i < districts.length; i++) {
    ids.push(await addPerson(ctx.db, { council_district: districts[i], language: languages[i] }));
  }
  for (let i = 0; i < 2; i++) await addPerson(ctx.db, { council_district: 3, status: 'paused' });
  // A study: 6 people of district 1 attended (one of them twice), one registered but did not come.
  studyId = await insertStudy(ctx.db);
  const s1 = await insertSession(ctx.db, studyId, '2026-03-02T18:00:00.000Z');
  const s2 = await insertSession(ctx.db, studyId, '2026-03-09T18:00:00.000Z');
  for (const id of ids.slice(0, 6)) await register(ctx.db, s1, id);
  await register(ctx.db, s2, ids[0]);
  await register(ctx.db, s2, ids[7], 'no_show');
});
afterAll(() => ctx.close());

const row = (rows: string[][], label: string) => rows.find((r) => r[0] === label);
const gap = (panel: number, city: number) => {
  const g = panel - city;
  return `${g < 0 ? 'under' : 'over'} by ${Math.abs(g).toFixed(1)} points`;
};

describe('representativeness of the active pool', () => {
  test('counts by district against the city, with the small group and its complement hidden', async () => {
    const res = await analyst.get('/staff/results/representation').expect(200);
    const rows = tableRows(res.text, 'district-table');
    expect(rows).toHaveLength(16); // 15 districts and "Not given"
    // District 3 (3 people) is hidden, and so is district 2, the smallest other group.
    expect(row(rows, 'Council District 3')!.slice(1, 3)).toEqual(['fewer than 5', 'hidden']);
    expect(row(rows, 'Council District 2')!.slice(1, 3)).toEqual(['fewer than 5', 'hidden']);
    // Shares are of the 19 people who gave a district; the city's is 1/15 by default.
    const d1 = (100 * 10) / 19;
    expect(row(rows, 'Council District 1')).toEqual([
      'Council District 1',
      '10',
      `${d1.toFixed(1)} %`,
      '6.7 %',
      `${gap(d1, 100 / 15)} Large gap`,
    ]);
    expect(row(rows, 'Council District 4')).toEqual([
      'Council District 4',
      '0',
      '0.0 %',
      '6.7 %',
      `${gap(0, 100 / 15)} Large gap`,
    ]);
    expect(row(rows, 'Not given')!.slice(1, 3)).toEqual(['8', 'not counted']);
    expect(res.text).toContain('People by council district: 27 counted');
    expect(res.text).toContain('Council districts are drawn to equal population');
  });

  test('by language: Korean (3) hidden with Spanish, the panel alone until the city has figures', async () => {
    const res = await analyst.get('/staff/results/representation').expect(200);
    const rows = tableRows(res.text, 'language-table');
    expect(row(rows, 'Korean')!.slice(1, 3)).toEqual(['fewer than 5', 'hidden']);
    expect(row(rows, 'Spanish')!.slice(1, 3)).toEqual(['fewer than 5', 'hidden']);
    expect(row(rows, 'English')).toEqual([
      'English',
      '14',
      `${((100 * 14) / 27).toFixed(1)} %`,
      'no figure',
      '—',
    ]);
    expect(res.text).toContain('id="language-no-city-shares"');
    // Only admins get the link to enter them.
    expect(res.text).not.toContain('/staff/results/city-shares#language-form');
    const asAdmin = await admin.get('/staff/results/representation').expect(200);
    expect(asAdmin.text).toContain('/staff/results/city-shares#language-form');
  });

  test("a study's attendees: each person once, no-shows left out", async () => {
    const res = await organizer.get(`/staff/results/studies/${studyId}/representation`).expect(200);
    const rows = tableRows(res.text, 'district-table');
    expect(row(rows, 'Council District 1')!.slice(0, 3)).toEqual([
      'Council District 1',
      '6',
      '100.0 %',
    ]);
    expect(row(rows, 'Not given')).toBeUndefined();
    expect(res.text).toContain('People by council district: 6 counted');
    await organizer.get('/staff/results/studies/999/representation').expect(404);
  });
});

describe('city shares', () => {
  const language = (fields: Record<string, string>) => ({ dimension: 'language', ...fields });

  test('analysts and organizers read the figures; only admins may change them', async () => {
    const page = await analyst.get(URL).expect(200);
    expect(page.text).toContain('id="read-only"');
    expect(page.text).not.toContain('name="language_es"');
    const refused = await postForm(
      analyst,
      '/staff/account/password',
      URL,
      language({ language_es: '40' }),
    );
    expect(refused.status).toBe(403);
    expect(
      await ctx.db
        .selectFrom('city_shares')
        .selectAll()
        .where('dimension', '=', 'language')
        .execute(),
    ).toEqual([]);
  });

  test('the admin form lists every reference language, empty, with a prompt', async () => {
    const page = await admin.get(URL).expect(200);
    for (const code of ['en', 'es', 'ko', 'hy', 'zh-Hant', 'tl', 'vi']) {
      expect(page.text).toMatch(new RegExp(`name="language_${code}" type="text" value=""`));
    }
    expect(page.text).toContain('id="language-empty"');
    expect(page.text).toContain('language spoken at home');
    // The districts start at 1/15 each.
    expect(page.text).toContain('name="district_1" type="text" value="6.67"');
  });

  test.each([
    [
      'shares over 100 %',
      { language_en: '60', language_es: '45', language_source: 'ACS', language_year: '2023' },
      { language_shares: 'The shares add up to 105.0 %: they must add up to 100 % or less' },
    ],
    [
      'a share that is not a percent',
      { language_es: 'lots', language_source: 'ACS', language_year: '2023' },
      { language_es: 'Enter Spanish’s share as a percent from 0 to 100, like 12.5' },
    ],
    [
      'a share over 100',
      { language_es: '101', language_source: 'ACS', language_year: '2023' },
      { language_es: 'Enter Spanish’s share as a percent from 0 to 100, like 12.5' },
    ],
    [
      'shares without a source or year',
      { language_es: '40' },
      {
        language_source: 'Enter where the shares come from, like “Census ACS 5-year, table C16001”',
        language_year: 'Enter the year the figures are for, like 2023',
      },
    ],
    [
      'a year that is not one',
      { language_es: '40', language_source: 'ACS', language_year: '23' },
      { language_year: 'Enter the year of the figures as 4 digits, like 2023' },
    ],
  ])(
    'refuses %s with a clear message and keeps what was typed',
    async (_name, fields, messages) => {
      const res = await postForm(admin, URL, URL, language(fields));
      expect(res.status).toBe(400);
      expect(res.text).toContain('<title>Error:');
      for (const [field, message] of Object.entries(messages)) {
        expect(res.text).toContain(`href="#${field}">${message.replace(/“/g, '“')}`);
      }
      for (const [field, value] of Object.entries(fields)) {
        expect(res.text).toContain(`name="${field}" type="text" value="${value}"`);
      }
      expect(
        await ctx.db
          .selectFrom('city_shares')
          .selectAll()
          .where('dimension', '=', 'language')
          .execute(),
      ).toEqual([]);
    },
  );

  test('saves the language shares (as fractions), audited, and the gap appears', async () => {
    const res = await postForm(
      admin,
      URL,
      URL,
      language({
        language_en: '45.5',
        language_es: '38',
        language_ko: '2.5 %',
        language_source: 'Census ACS 2019–2023, table C16001',
        language_year: '2023',
      }),
    );
    expect(res.status).toBe(303);
    const stored = await ctx.db
      .selectFrom('city_shares')
      .select(['code', 'share', 'source', 'year'])
      .where('dimension', '=', 'language')
      .orderBy('code')
      .execute();
    expect(stored.map((s) => [s.code, s.share, s.year])).toEqual([
      ['en', 0.455, 2023],
      ['es', 0.38, 2023],
      ['ko', 0.025, 2023],
    ]);
    const audit = await ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'city_shares.update')
      .executeTakeFirstOrThrow();
    expect(audit.subject_id).toBe('language');
    expect(JSON.parse(audit.details)).toEqual({
      groups: 3,
      total_percent: 86,
      source: 'Census ACS 2019–2023, table C16001',
      year: 2023,
    });

    const page = await analyst.get('/staff/results/representation').expect(200);
    const rows = tableRows(page.text, 'language-table');
    const en = (100 * 14) / 27;
    expect(row(rows, 'English')).toEqual([
      'English',
      '14',
      `${en.toFixed(1)} %`,
      '45.5 %',
      `${gap(en, 45.5)} Large gap`,
    ]);
    expect(row(rows, 'Armenian')).toEqual(['Armenian', '0', '0.0 %', 'no figure', '—']);
    expect(page.text).not.toContain('id="language-no-city-shares"');
    expect(page.text).toContain('Census ACS 2019–2023, table C16001 (2023)');
  });

  test('a total just over 100 % from rounding is accepted; blank clears', async () => {
    const thirds = { language_en: '33.4', language_es: '33.4', language_ko: '33.4' };
    const ok = await postForm(
      admin,
      URL,
      URL,
      language({ ...thirds, language_source: 'Test', language_year: '2020' }),
    );
    expect(ok.status).toBe(303);
    const cleared = await postForm(admin, URL, URL, language({}));
    expect(cleared.status).toBe(303);
    expect(
      await ctx.db
        .selectFrom('city_shares')
        .selectAll()
        .where('dimension', '=', 'language')
        .execute(),
    ).toEqual([]);
    // The districts were not touched.
    const districts = await ctx.db
      .selectFrom('city_shares')
      .select('code')
      .where('dimension', '=', 'district')
      .execute();
    expect(districts).toHaveLength(15);
  });
});
