import { buildTestApp, createStaff, csrfFrom, signedIn, type TestContext } from '../support/app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

test('version 1 exists from the catalogues in all five languages', async () => {
  const texts = await ctx.db.selectFrom('consent_texts').selectAll().execute();
  expect(texts.map((t) => t.language).sort()).toEqual(['en', 'es', 'hy', 'ko', 'zh-Hant']);
  expect(texts.every((t) => t.text.length > 200 && /^[0-9a-f]{64}$/.test(t.text_hash))).toBe(true);
});

test('an admin publishes a new version; a missing language is refused and what was typed is kept', async () => {
  const who = await createStaff(ctx, 'admin');
  const agent = await signedIn(ctx, who);
  const page = await agent.get('/staff/consent');
  expect(page.status).toBe(200);
  const token = csrfFrom(page.text);
  const fields = {
    text_en: 'We keep your details. <b>v2</b>',
    text_es: 'Guardamos sus datos.',
    text_ko: '정보를 보관합니다.',
    text_hy: '',
    'text_zh-Hant': '我們保存您的資料。',
  };
  const bad = await agent
    .post('/staff/consent')
    .type('form')
    .send({ _csrf: token, ...fields });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('href="#text_hy"');
  expect(bad.text).toContain('We keep your details. &lt;b&gt;v2&lt;/b&gt;');
  expect(await ctx.db.selectFrom('consent_versions').select('version').execute()).toHaveLength(1);

  const ok = await agent
    .post('/staff/consent')
    .type('form')
    .send({ _csrf: token, ...fields, text_hy: 'Պահում ենք ձեր տվյալները։' });
  expect(ok.status).toBe(303);
  const versions = await ctx.db
    .selectFrom('consent_versions')
    .selectAll()
    .orderBy('version')
    .execute();
  expect(versions.map((v) => v.version)).toEqual([1, 2]);
  expect(versions[1].published_by).toBe(who.id);
  const audit = await ctx.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'consent.publish')
    .execute();
  expect(audit).toHaveLength(1);
  const join = await agent.get('/join?lang=es');
  expect(join.text).toContain('Guardamos sus datos.');
  // Blank lines separate paragraphs.
  const page2 = await agent.get('/staff/consent');
  await agent
    .post('/staff/consent')
    .type('form')
    .send({
      _csrf: csrfFrom(page2.text),
      ...fields,
      text_hy: 'Պահում ենք։',
      text_en: 'First paragraph.\r\n\r\nSecond <paragraph>.',
    });
  const en = await agent.get('/join?lang=en');
  expect(en.text).toContain('<p>First paragraph.</p>');
  expect(en.text).toContain('<p>Second &lt;paragraph&gt;.</p>');
});
