import request from 'supertest';
import { ForbiddenError } from '../../src/errors';
import { loadReference } from '../../src/reference/reference.queries';
import { ExportRunner } from '../../src/results/exports/export-runner';
import type { ExportRequest, ExportType } from '../../src/results/exports/export-type';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { download, header, records, unzipped } from '../support/exports';
import { insertResponse, SAMPLE_ANSWERS, type TestAnswer } from '../support/survey-responses';
import { createSurvey } from '../support/surveys';

/**
 * The response exports of the sample survey: every missing-data state, Spanish labels, the two
 * CSV profiles, pseudonyms, the bundle, and what the download routes refuse.
 */
let ctx: TestContext;
let analyst: ReturnType<typeof request.agent>;
let surveyId: number;

const FORMULA = '=HYPERLINK("http://x.test","click")';
const answers = (over: Record<string, TestAnswer[]>): TestAnswer[] => {
  const codes = new Set(Object.keys(over));
  return [...SAMPLE_ANSWERS.filter((a) => !codes.has(a.code)), ...Object.values(over).flat()];
};

beforeAll(async () => {
  ctx = await buildTestApp();
  analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
  const survey = await createSurvey(ctx.db);
  surveyId = survey.surveyId;
  // 1: SAMPLE_ANSWERS (often; app + other "A kiosk"; ease prefer not; nps skipped; barrier not shown).
  await insertResponse(ctx.db, {
    ...survey,
    answers: SAMPLE_ANSWERS,
    at: '2027-01-15T18:30:00.000Z',
  });
  // 2: never used 311; channels skipped; a formula typed as the barrier; in Spanish.
  await insertResponse(ctx.db, {
    ...survey,
    language: 'es',
    at: '2027-07-01T17:00:00.000Z',
    answers: answers({
      use: [{ code: 'use', state: 'answered', value: 'never' }],
      channels: [{ code: 'channels', state: 'skipped' }],
      ease: [{ code: 'ease', state: 'not_shown' }],
      nps: [{ code: 'nps', state: 'answered', value: '9', number: 9 }],
      barrier: [{ code: 'barrier', state: 'answered', value: FORMULA }],
    }),
  });
  // 3: channels "prefer not to say"; ease answered 4.
  await insertResponse(ctx.db, {
    ...survey,
    answers: answers({
      channels: [{ code: 'channels', state: 'prefer_not' }],
      ease: [{ code: 'ease', state: 'answered', value: '4', number: 4 }],
    }),
  });
  // Not exported: in progress.
  await insertResponse(ctx.db, { ...survey, status: 'in_progress', answers: [] });
});
afterAll(() => ctx.close());

const wide = (query: string) =>
  download(analyst, `/staff/results/export/responses-wide.csv?survey=${surveyId}&${query}`);

test('the wide file: one row per submitted response, every missing-data state kept apart', async () => {
  const { res, bytes } = await wide('profile=analysis');
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  expect(res.headers['content-disposition']).toMatch(
    /^attachment; filename="survey-\d+-responses-wide-/,
  );
  expect(header(bytes)).toEqual([
    'respondent',
    'version',
    'language',
    'channel',
    'submitted_at',
    'council_district',
    'myla311_use',
    'use',
    'channels__app',
    'channels__phone',
    'channels__other',
    // The option is coded `other`, so its text has a column of its own.
    'channels__other_text',
    'ease',
    'nps',
    'barrier',
  ]);
  const rows = records(bytes);
  expect(rows).toHaveLength(3);
  const [one, two, three] = rows;
  expect(one).toMatchObject({
    version: '1',
    language: 'en',
    channel: 'web',
    submitted_at: '2027-01-15T10:30:00-08:00',
    use: 'often',
    channels__app: '1',
    channels__phone: '0', // shown, not selected
    channels__other: '1',
    channels__other_text: 'A kiosk',
    ease: '-98',
    nps: '-99',
    barrier: '', // not shown
  });
  expect(one.respondent).toMatch(/^R[0-9a-f]{10}$/);
  // Summer time: the offset follows the date.
  expect(two).toMatchObject({
    submitted_at: '2027-07-01T10:00:00-07:00',
    language: 'es',
    channels__app: '-99',
    channels__phone: '-99',
    channels__other: '-99',
    channels__other_text: '',
    ease: '',
    nps: '9',
    barrier: FORMULA, // the analysis profile leaves text as it is
  });
  expect(three).toMatchObject({ channels__app: '-98', channels__phone: '-98', ease: '4' });
  // No BOM, LF line ends.
  expect(bytes.subarray(0, 3).toString('hex')).not.toBe('efbbbf');
  expect(bytes.toString('utf8')).not.toContain('\r\n');
});

test('the Excel profile: BOM, CRLF, formulas neutralised, codes and numbers untouched', async () => {
  const { bytes } = await wide('profile=excel');
  expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
  const text = bytes.toString('utf8');
  expect(text.split('\r\n').length).toBe(5); // header, 3 rows, the last line's end
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  const [one, two] = records(bytes);
  expect(two.barrier).toBe(`'${FORMULA}`);
  expect(two.channels__app).toBe('-99');
  expect(one).toMatchObject({ ease: '-98', nps: '-99', channels__phone: '0' });
  expect(two.nps).toBe('9');
  expect(two.submitted_at).toBe('2027-07-01T10:00:00-07:00');
  // The long file: the same formula neutralised in its value column, the codes beside it kept.
  const long = records(
    (await download(analyst, `/staff/results/export/responses-long.csv?survey=${surveyId}`)).bytes,
  );
  expect(long.find((r) => r.question === 'barrier' && r.state === 'answered')?.value).toBe(
    `'${FORMULA}`,
  );
  expect(long.find((r) => r.question === 'nps' && r.state === 'skipped')?.value).toBe('-99');
  expect(long.find((r) => r.question === 'ease' && r.state === 'prefer_not')?.value).toBe('-98');
  expect(long.find((r) => r.question === 'nps' && r.state === 'answered')?.value).toBe('9');
});

test('labels in Spanish; a filter narrows the rows', async () => {
  const { bytes } = await wide('profile=analysis&labels=es');
  const [one, two, three] = records(bytes);
  expect(one.use).toBe('A menudo');
  expect(two.use).toBe('Nunca');
  expect(three.ease).toBe('De acuerdo');
  // Missing-data codes and the 0/1 of a multi-select stay codes.
  expect(one).toMatchObject({ channels__app: '1', channels__phone: '0', ease: '-98' });
  const spanish = records((await wide('profile=analysis&language=es')).bytes);
  expect(spanish).toHaveLength(1);
  expect(spanish[0]).toMatchObject({ language: 'es', use: 'never' });
});

test('pseudonyms: one per response within an export, new ones in the next', async () => {
  const first = records((await wide('profile=analysis')).bytes).map((r) => r.respondent);
  const second = records((await wide('profile=analysis')).bytes).map((r) => r.respondent);
  expect(new Set(first).size).toBe(3);
  expect(second.filter((p) => first.includes(p))).toEqual([]);
  const long = records(
    (
      await download(
        analyst,
        `/staff/results/export/responses-long.csv?survey=${surveyId}&profile=analysis`,
      )
    ).bytes,
  );
  // Every answer row of the submitted responses, each response under one pseudonym.
  const stored = await ctx.db
    .selectFrom('survey_answers as a')
    .innerJoin('survey_responses as r', 'r.id', 'a.response_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.survey_id', '=', surveyId)
    .where('r.status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  expect(long).toHaveLength(Number(stored.n));
  expect(new Set(long.map((r) => r.respondent)).size).toBe(3);
  expect(long.filter((r) => r.respondent === long[0].respondent).map((r) => r.question)).toEqual([
    'use',
    'channels',
    'channels',
    'channels',
    'ease',
    'nps',
    'barrier',
  ]);
  expect(long.find((r) => r.question === 'nps' && r.state === 'skipped')?.value).toBe('-99');
  expect(long.find((r) => r.item === 'other' && r.state === 'answered')).toMatchObject({
    value: '1',
    label: 'Other',
    other_text: 'A kiosk',
  });
});

test('the codebook explains every column of the wide file and the missing-data codes', async () => {
  const { res, bytes } = await download(
    analyst,
    `/staff/results/export/codebook.csv?survey=${surveyId}&profile=analysis`,
  );
  expect(res.status).toBe(200);
  const rows = records(bytes);
  const columns = header((await wide('profile=analysis')).bytes);
  for (const c of columns) expect(rows.map((r) => r.column)).toContain(c);
  expect(rows.find((r) => r.column === 'ease' && r.item === '')).toMatchObject({
    type: '5-point agreement',
    page: '2',
    required: 'yes',
    label_en: 'It was easy to report my problem.',
    label_es: 'Fue fácil reportar mi problema.',
    versions: '1',
  });
  expect(rows.find((r) => r.column === 'ease')?.condition).toMatch(/"use" .*Often/);
  expect(rows.find((r) => r.column === 'channels__phone')).toMatchObject({
    label_es: 'Teléfono',
    values: '1=selected; 0=not selected',
  });
  expect(rows.filter((r) => r.type === 'missing-data code').map((r) => r.column)).toEqual([
    '(blank)',
    '-99',
    '-98',
    '0',
    '<5',
  ]);
});

test('the bundle: the wide CSV, the codebook and a README that counts the rows, last', async () => {
  const { res, bytes } = await download(
    analyst,
    `/staff/results/export/bundle.zip?survey=${surveyId}&language=en&labels=es`,
  );
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/zip');
  const zip = unzipped(bytes);
  expect(zip.names).toHaveLength(3);
  expect(zip.names[0]).toMatch(/^survey-\d+-responses-wide-.*\.csv$/);
  expect(zip.names[1]).toMatch(/^survey-\d+-codebook-.*\.csv$/);
  expect(zip.names[2]).toBe('README.txt');
  const data = records(zip.read(zip.names[0]));
  expect(data).toHaveLength(2);
  expect(data[0].use).toBe('A menudo');
  expect(zip.read(zip.names[0]).subarray(0, 3).toString('hex')).toBe('efbbbf');
  expect(records(zip.read(zip.names[1])).length).toBeGreaterThan(10);
  const readme = zip.read('README.txt').toString('utf8');
  expect(readme).toContain(`Survey: MyLA311 check-in (id ${surveyId})`);
  expect(readme).toContain('Filters: language=en');
  expect(readme).toContain('Rows in the data file: 2');
  expect(readme).toMatch(/Profile: excel/);
  expect(readme).toMatch(/Values: labels in es/);
  expect(readme).toMatch(/-99 +Skipped/);
});

test('what the downloads refuse: bad parameters, an unknown survey or type, the wrong role', async () => {
  const bad = await analyst.get(
    `/staff/results/export/responses-wide.csv?survey=${surveyId}&profile=pdf&from=2027-02-30`,
  );
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('Choose Excel or analysis');
  expect(bad.text).toContain('Enter a real date');
  expect(bad.text).toMatch(/<title>Error:/);
  const none = await analyst.get('/staff/results/export/responses-wide.csv?profile=excel');
  expect(none.status).toBe(400);
  expect(none.text).toContain('Choose a survey');
  expect((await analyst.get('/staff/results/export/responses-wide.csv?survey=9999')).status).toBe(
    404,
  );
  expect((await analyst.get('/staff/results/export/bundle.zip?survey=9999')).status).toBe(404);
  expect((await analyst.get(`/staff/results/export/nothing.csv?survey=${surveyId}`)).status).toBe(
    404,
  );
  const facilitator = await signedIn(ctx, await createStaff(ctx, 'facilitator'));
  const refused = await facilitator.get(
    `/staff/results/export/responses-wide.csv?survey=${surveyId}`,
  );
  expect(refused.status).toBe(403);
  expect((await analyst.get('/staff/results/export/participants')).status).toBe(403);
});

test('the exports page checks the choice and sends the browser to the download', async () => {
  const page = await analyst.get('/staff/results/exports');
  expect(page.status).toBe(200);
  expect(page.text).toContain('value="responses-wide"');
  expect(page.text).not.toContain('value="participants"');
  const go = await analyst.get(
    `/staff/results/exports?go=1&type=responses-wide&survey=${surveyId}&study=&profile=excel&labels=es&language=es&district=`,
  );
  expect(go.status).toBe(303);
  expect(go.headers.location).toBe(
    `/staff/results/export/responses-wide.csv?survey=${surveyId}&profile=excel&labels=es&language=es`,
  );
  const bundle = await analyst.get(`/staff/results/exports?go=1&type=bundle&survey=${surveyId}`);
  expect(bundle.headers.location).toBe(
    `/staff/results/export/bundle.zip?survey=${surveyId}&profile=excel`,
  );
  const split = await analyst.get(
    `/staff/results/exports?go=1&type=summary&survey=${surveyId}&breakdown=language`,
  );
  expect(split.headers.location).toBe(
    `/staff/results/export/summary.csv?survey=${surveyId}&profile=excel&breakdown=language`,
  );
  const missing = await analyst.get('/staff/results/exports?go=1&type=codebook&survey=');
  expect(missing.status).toBe(400);
  expect(missing.text).toContain('<a href="#survey">Choose a survey</a>');
  expect(missing.text).toContain('<option value="codebook" selected>');
});

test('a personal export: organizers and admins only, a stated reason, the request passed on', async () => {
  const opened: ExportRequest[] = [];
  const people: ExportType = {
    type: 'participants',
    title: 'Participants with personal data',
    scope: 'panel',
    roles: ['organizer', 'analyst'], // even if a type lists analysts, personal data is not theirs
    personal: true,
    async open(req) {
      opened.push(req);
      return {
        filename: 'people.csv',
        columns: [{ header: 'email', value: () => 'a@b.test' }],
        rows: [{}],
      };
    },
  };
  const deps = {
    db: ctx.db,
    ref: await loadReference(ctx.db),
    clock: ctx.clock,
    cityTimeZone: ctx.config.cityTimeZone,
    names: ctx.config.cityNames,
  };
  const runner = new ExportRunner(deps, new Map([['participants', people]]));
  const actor = (role: 'analyst' | 'organizer' | 'admin') => ({
    staffId: 1,
    role,
    via: 'web' as const,
  });
  expect(runner.kindsFor('analyst').map((k) => k.type)).toEqual(['bundle']);
  expect(runner.kindsFor('organizer').map((k) => k.type)).toEqual(['participants', 'bundle']);
  expect(() => runner.kind('participants', actor('analyst'))).toThrow(ForbiddenError);
  const kind = runner.kind('participants', actor('organizer'));
  expect(runner.read(kind, { study: '2' })).toEqual({
    ok: false,
    errors: { reason: 'Say why you need personal data' },
  });
  // The registered type's rules, whatever a caller says of it.
  expect(runner.read({ ...kind, personal: false }, { study: '2' }).ok).toBe(false);
  expect(opened).toEqual([]);
  // A table opens only with a choice `read` made, so no rule can be skipped by building one:
  // checked by tsc (an unused @ts-expect-error fails `npx tsc --noEmit`), never run.
  const unread = { type: 'participants', profile: 'excel' as const, labels: null, filter: {} };
  const skipsTheRules = () =>
    // @ts-expect-error a hand-made choice is not an ExportChoice
    runner.table(unread, actor('organizer'));
  expect(typeof skipsTheRules).toBe('function');
  const read = runner.read(kind, {
    reason: '  Calling people about the 12 March session ',
    study: '2',
  });
  expect(read.ok).toBe(true);
  if (!read.ok) return;
  await runner.table(read.data, actor('admin'));
  expect(opened).toHaveLength(1);
  expect(opened[0]).toMatchObject({
    study: 2,
    reason: 'Calling people about the 12 March session',
    actor: { staffId: 1, role: 'admin', via: 'web' },
  });
});

test('the personal-data form asks why before anything is exported', async () => {
  const organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
  const form = await organizer.get('/staff/results/export/participants?study=&profile=analysis');
  expect(form.status).toBe(200);
  expect(form.text).toContain('Why you need this export');
  expect(form.text).toMatch(/value="analysis" checked/);
  const page = await organizer.get('/staff/results/export/participants');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
  const refused = await organizer
    .post('/staff/results/export/participants')
    .type('form')
    .send({ _csrf: token, reason: '   ', profile: 'excel' });
  expect(refused.status).toBe(400);
  expect(refused.text).toContain('<a href="#reason">Say why you need personal data</a>');
  // The CSV download of a personal type goes to this form (404 while no such type is registered).
  const csv = await organizer.get('/staff/results/export/participants.csv');
  expect([303, 404]).toContain(csv.status);
});
