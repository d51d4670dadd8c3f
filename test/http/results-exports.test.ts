import request from 'supertest';
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
