import request from 'supertest';
import { LOCALES } from '../../src/i18n/i18n';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  joinForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { SPRINGFIELD_SEEDS, citySeeds } from '../support/seeds';

// Another city: its names as settings, its reference data as files, nothing of Los Angeles left.
const names = {
  city: 'Springfield',
  service311: 'Springfield 311',
  office: 'Office of Civic Life',
};
const LA = /Los Angeles|Los Ángeles|로스앤젤레스|洛杉磯|Լոս Անջելես|MyLA311/;

let ctx: TestContext;
let seeds: ReturnType<typeof citySeeds>;
beforeAll(async () => {
  seeds = citySeeds(SPRINGFIELD_SEEDS);
  ctx = await buildTestApp({ config: { cityNames: names }, seedsDir: seeds.dir });
});
afterAll(async () => {
  await ctx.close();
  seeds.remove();
});

test.each(LOCALES)(
  '/join?lang=%s names Springfield, its 311 and its office, never LA',
  async (lang) => {
    const res = await request(ctx.app).get(`/join?lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Springfield 311'); // the MyLA311 questions
    expect(res.text).toContain('Office of Civic Life'); // the consent text
    expect(res.text).toMatch(/Springfield(?! 311)/); // the city itself, in the banner
    expect(res.text).not.toMatch(LA);
  },
);

test('the home page and the staff pool say the configured names', async () => {
  const home = await request(ctx.app).get('/?lang=es');
  expect(home.text).toContain('Ciudad de Springfield · Office of Civic Life');
  expect(home.text).not.toMatch(LA);
  const organizer = await signedIn(ctx, await createStaff(ctx, 'organizer'));
  const pool = await organizer.get('/staff/participants');
  expect(pool.status).toBe(200);
  expect(pool.text).toContain('Springfield 311 use');
  expect(pool.text).not.toMatch(LA);
});

test('the confirmation email names Springfield, never LA', async () => {
  const agent = request.agent(ctx.app);
  const page = await agent.get('/join?lang=ko');
  const res = await agent
    .post('/join')
    .type('form')
    .send({
      _csrf: csrfFrom(page.text),
      ...joinForm({ email: 'lisa@example.com', language: 'ko' }),
    });
  expect(res.status).toBe(303);
  const mail = await ctx.db
    .selectFrom('outbox')
    .select(['subject', 'text_body', 'html_body'])
    .where('to_address', '=', 'lisa@example.com')
    .executeTakeFirstOrThrow();
  // The signature: "Civic Panel · Springfield시 Office of Civic Life".
  expect(mail.text_body).toContain('Springfield시 Office of Civic Life');
  expect(mail.html_body).toContain('Springfield시 Office of Civic Life');
  for (const part of [mail.subject, mail.text_body, mail.html_body]) expect(part).not.toMatch(LA);
});
