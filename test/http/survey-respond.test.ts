import request from 'supertest';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson } from '../support/db';
import { createSurvey, sampleSurveySpec, surveyLinkFor } from '../support/surveys';
import { submitResponse } from '../../src/surveys/respond/respond.queries';
import { StatementCache } from '../../src/db/database';

type Agent = ReturnType<typeof request.agent>;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await buildTestApp();
});
afterAll(() => ctx.close());

let n = 0;
/** A survey, a person with a personal link to it, and a browser that followed the link. */
async function personalAgent(spec = sampleSurveySpec(), person: Record<string, unknown> = {}) {
  const { surveyId } = await createSurvey(ctx.db, spec);
  const pid = await addPerson(ctx.db, {
    email: `r${++n}@example.com`,
    language: 'es',
    council_district: 4,
    myla311_use: 'few',
    ...person,
  });
  const link = await surveyLinkFor(ctx, surveyId, pid);
  const agent = request.agent(ctx.app);
  const res = await agent.get(link);
  return { agent, res, surveyId, pid, link, base: String(res.headers.location) };
}

async function post(agent: Agent, url: string, fields: Record<string, string | string[]>) {
  const page = await agent.get(url);
  return agent
    .post(url)
    .type('form')
    .send({ _csrf: csrfFrom(page.text), ...fields });
}

const responsesOf = (surveyId: number) =>
  ctx.db.selectFrom('survey_responses').selectAll().where('survey_id', '=', surveyId).execute();

const answersOf = (responseId: number) =>
  ctx.db
    .selectFrom('survey_answers')
    .innerJoin('survey_questions', 'survey_questions.id', 'survey_answers.question_id')
    .select([
      'survey_questions.code',
      'survey_answers.item',
      'survey_answers.state',
      'survey_answers.value',
      'survey_answers.other_text',
    ])
    .where('response_id', '=', responseId)
    .orderBy('survey_answers.id')
    .execute();

async function submit(agent: Agent, base: string) {
  const review = await agent.get(`${base}/review`);
  const key = /name="submission" value="([^"]+)"/.exec(review.text)![1];
  return agent
    .post(`${base}/submit`)
    .type('form')
    .send({ _csrf: csrfFrom(review.text), submission: key });
}

describe('personal links', () => {
  test('open the response in the person’s language, and the pages lead to one submitted response', async () => {
    const { agent, res, surveyId, link, base } = await personalAgent();
    expect(res.status).toBe(303);
    expect(base).toMatch(/^\/s\/r\/\d+$/);
    expect(base).not.toContain(link.slice(3));
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const first = await agent.get(base);
    expect(first.headers.location).toBe(`${base}/p/1`);
    const p1 = await agent.get(`${base}/p/1`);
    expect(p1.status).toBe(200);
    expect(p1.text).toContain('<html lang="es"');
    expect(p1.text).toContain('Página 1 de 2');
    const ok = await post(agent, `${base}/p/1`, {
      q_use: 'often',
      q_channels: ['app', 'other'],
      q_channels__other: 'Correo',
    });
    expect(ok.headers.location).toBe(`${base}/p/2`);
    const p2 = await post(agent, `${base}/p/2`, { q_ease: '4', q_nps: '9' });
    expect(p2.headers.location).toBe(`${base}/review`);
    const review = await agent.get(`${base}/review`);
    expect(review.text).toContain('Correo');
    expect(review.text).toContain('De acuerdo');
    // Two submits at once (a double click): one response, the same thank-you page.
    const key = /name="submission" value="([^"]+)"/.exec(review.text)![1];
    const token = csrfFrom(review.text);
    const both = await Promise.all(
      [1, 2].map(() =>
        agent.post(`${base}/submit`).type('form').send({ _csrf: token, submission: key }),
      ),
    );
    expect(both.map((r) => r.headers.location)).toEqual([`${base}/done`, `${base}/done`]);
    expect((await agent.get(`${base}/done`)).text).toContain('¡Gracias!');
    const rows = await responsesOf(surveyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'submitted',
      language: 'es',
      council_district: 4,
      myla311_use: 'few',
      channel: 'web',
    });
    expect(rows[0].participant_id).not.toBeNull();
    const answers = await answersOf(rows[0].id);
    expect(answers.find((a) => a.code === 'barrier')?.state).toBe('not_shown');
    expect(answers.filter((a) => a.code === 'channels').map((a) => [a.item, a.state])).toEqual([
      ['app', 'answered'],
      ['phone', 'not_selected'],
      ['other', 'answered'],
    ]);
    const recipient = await ctx.db
      .selectFrom('survey_recipients')
      .selectAll()
      .where('survey_id', '=', surveyId)
      .executeTakeFirstOrThrow();
    expect(recipient.responded_at).not.toBeNull();
    // The used link shows the thank-you page again; a page of the submitted response too.
    const again = request.agent(ctx.app);
    const back = await again.get(link);
    expect(back.headers.location).toBe(base);
    expect((await again.get(base)).headers.location).toBe(`${base}/done`);
    const linkToken = csrfFrom((await agent.get('/me/link')).text);
    const after = await agent
      .post(`${base}/p/1`)
      .type('form')
      .send({ _csrf: linkToken, q_use: 'never' });
    expect(after.headers.location).toBe(`${base}/done`);
    expect(await answersOf(rows[0].id)).toEqual(answers);
  });

  test('an unknown, malformed or expired link gets the same polite 410 page; a draft survey is not found', async () => {
    for (const url of ['/s/' + 'x'.repeat(43), '/s/short', '/s/%00'])
      expect((await request(ctx.app).get(url)).status).toBe(410);
    const { link } = await personalAgent(sampleSurveySpec({ status: 'draft' }));
    expect((await request(ctx.app).get(link)).status).toBe(404);
    const { link: old } = await personalAgent();
    ctx.clock.advance(181 * 24 * 3600_000);
    try {
      const res = await request(ctx.app).get(old);
      expect(res.status).toBe(410);
      // Nothing says whose link it was: the page speaks the browser's language.
      expect(res.text).toContain('<h1>This survey link cannot be used</h1>');
      expect(res.text).not.toContain(old.slice(3));
    } finally {
      ctx.clock.set(new Date());
    }
  });

  test('the pages of a response answer only the session its link gave it', async () => {
    const { base } = await personalAgent();
    const other = await personalAgent();
    expect((await other.agent.get(base)).status).toBe(410);
    expect((await other.agent.get(`${base}/p/1`)).status).toBe(410);
    expect((await request(ctx.app).get(`${base}/review`)).status).toBe(410);
    const res = await post(other.agent, `${other.base}/p/1`, { q_use: 'often' });
    expect(res.status).toBe(303);
    const page = await other.agent.get(`${other.base}/p/2`);
    const stolen = await other.agent
      .post(`${base}/p/1`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), q_use: 'never' });
    expect(stolen.status).toBe(410);
  });

  test('an anonymous survey stores no participant and a keyed hash as the respondent key, but still copies the district', async () => {
    const { agent, surveyId, base, pid } = await personalAgent(
      sampleSurveySpec({ anonymous: true }),
    );
    await post(agent, `${base}/p/1`, { q_use: 'never' });
    await post(agent, `${base}/p/2`, {});
    await post(agent, `${base}/p/3`, { q_barrier: 'No lo conozco' });
    expect((await submit(agent, base)).headers.location).toBe(`${base}/done`);
    const [row] = await responsesOf(surveyId);
    expect(row.participant_id).toBeNull();
    expect(row.respondent_key).toMatch(/^anon:[\w-]{43}$/);
    expect(row.council_district).toBe(4);
    // The resident session of an anonymous survey does not name the person either.
    const sessions = await ctx.db.selectFrom('sessions').select('participant_id').execute();
    expect(sessions.every((s) => s.participant_id !== pid)).toBe(true);
  });

  test('the person’s language when the survey offers it, else the survey’s first', async () => {
    const { surveyId } = await personalAgent(sampleSurveySpec(), { language: 'ko' });
    expect((await responsesOf(surveyId))[0].language).toBe('en');
  });
});

describe('save, resume, back, change, and the condition', () => {
  test('hidden pages are skipped, Back and Change work, a required answer that a change made visible sends the submit back', async () => {
    const { agent, surveyId, base, link } = await personalAgent();
    expect((await post(agent, `${base}/p/1`, { q_use: 'often' })).headers.location).toBe(
      `${base}/p/2`,
    );
    // Page 3 is hidden by its condition: asking for it goes where the person resumes.
    expect((await agent.get(`${base}/p/3`)).headers.location).toBe(`${base}/p/2`);
    const p2 = await agent.get(`${base}/p/2`);
    expect(p2.text).toContain('Página 2 de 2');
    expect(p2.text).toContain(`href="${base}/p/1"`);
    // A new browser through the same link resumes at page 2.
    const later = request.agent(ctx.app);
    await later.get(link);
    expect((await later.get(base)).headers.location).toBe(`${base}/p/2`);
    // The first page keeps what was stored.
    expect((await later.get(`${base}/p/1`)).text).toMatch(/value="often" checked/);
    // Change the first answer: page 3 is shown now, page 2's "ease" is hidden.
    expect((await post(later, `${base}/p/1`, { q_use: 'never' })).headers.location).toBe(
      `${base}/p/2`,
    );
    expect((await later.get(`${base}/p/2`)).text).not.toContain('q_ease');
    await post(later, `${base}/p/2`, {});
    expect((await later.get(`${base}/p/3`)).text).toContain('Página 3 de 3');
    // Back to "often" without answering the required "ease": the submit sends them to page 2.
    await post(later, `${base}/p/1`, { q_use: 'often' });
    const sent = await submit(later, base);
    expect(sent.headers.location).toBe(`${base}/p/2?check=1`);
    const check = await later.get(sent.headers.location);
    expect(check.status).toBe(400);
    expect(check.text).toContain('<title>Error:');
    expect(check.text).toContain('Responda esta pregunta');
    expect((await responsesOf(surveyId))[0].status).toBe('in_progress');
  });

  test('switching the language keeps the stored answers and is remembered', async () => {
    const { agent, surveyId, base } = await personalAgent();
    await post(agent, `${base}/p/1`, { q_use: 'often', q_channels: '_prefer_not' });
    const en = await agent.get(`${base}/p/1?lang=en`);
    expect(en.text).toContain('<html lang="en"');
    expect(en.text).toMatch(/value="often" checked/);
    expect(en.text).toMatch(/value="_prefer_not" checked/);
    // A language the survey does not offer is not taken.
    expect((await agent.get(`${base}/p/1?lang=ko`)).text).toContain('<html lang="en"');
    // The switcher offers the survey's languages only.
    expect(en.text).not.toContain('hreflang="ko"');
    expect((await responsesOf(surveyId))[0].language).toBe('en');
    // "Save this page and switch": what is typed is stored, the page comes back in Spanish.
    const saved = await post(agent, `${base}/p/1?lang=en`, { q_use: 'never', _switch: 'es' });
    expect(saved.headers.location).toBe(`${base}/p/1?lang=es`);
    const es = await agent.get(saved.headers.location);
    expect(es.text).toContain('<html lang="es"');
    expect(es.text).toMatch(/value="never" checked/);
  });

  test('wording corrected in place while a person answers shows on their next page', async () => {
    const { agent, base } = await personalAgent();
    expect((await agent.get(`${base}/p/1`)).text).toContain('¿Ha usado el 311?');
    // As the builder corrects wording: the text in place, the version's revision one up.
    const { version_id: versionId } = await ctx.db
      .selectFrom('survey_responses')
      .select('version_id')
      .where('id', '=', Number(base.split('/').pop()))
      .executeTakeFirstOrThrow();
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('survey_questions')
        .set({
          texts: JSON.stringify({ label: { en: 'Used 311?', es: '¿Usó el 311 alguna vez?' } }),
        })
        .where('version_id', '=', versionId)
        .where('code', '=', 'use')
        .execute();
      await trx
        .updateTable('survey_versions')
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', versionId)
        .execute();
    });
    const after = await agent.get(`${base}/p/1`);
    expect(after.text).toContain('¿Usó el 311 alguna vez?');
    expect(after.text).not.toContain('¿Ha usado el 311?');
  });

  test('a page and the submit each commit once, the session’s sliding idle window with them when it moved', async () => {
    const { agent, base } = await personalAgent();
    // The resident's is the newest session.
    const expiry = async () =>
      Date.parse(
        (
          await ctx.db
            .selectFrom('sessions')
            .select('expires_at')
            .orderBy('expires_at', 'desc')
            .executeTakeFirstOrThrow()
        ).expires_at,
      );
    const page = await agent.get(`${base}/p/1`);
    const before = await expiry();
    // Two minutes later the idle window slides, which changes the session.
    ctx.clock.advance(2 * 60_000);
    const statements = jest.spyOn(StatementCache.prototype, 'prepare');
    /** Each statement run during `send`, by its first words: "begin", "insert into sessions", … */
    const run = async (send: () => Promise<unknown>) => {
      statements.mockClear();
      await send();
      return statements.mock.calls.map(([sql]) =>
        sql.replace(/"/g, '').split(/\s+/).slice(0, 3).join(' ').toLowerCase(),
      );
    };
    /** The writes among `sqls`, checked to be all inside its one commit. */
    const writesOfOneCommit = (sqls: string[]) => {
      const writes = (l: string[]) => l.filter((s) => /^(insert|update|delete)/.test(s));
      expect(sqls.filter((s) => s === 'commit')).toHaveLength(1);
      const begin = sqls.findIndex((s) => s.startsWith('begin'));
      const inside = writes(sqls.slice(begin, sqls.indexOf('commit') + 1));
      expect(writes(sqls)).toEqual(inside);
      return inside;
    };
    try {
      const saved = await run(() =>
        agent
          .post(`${base}/p/1`)
          .type('form')
          .send({ _csrf: csrfFrom(page.text), q_use: 'often', q_channels: 'app' }),
      );
      expect(writesOfOneCommit(saved)).toContain('insert into sessions');
      expect((await expiry()) - before).toBeGreaterThanOrEqual(60_000);

      // Within the minute the session is unchanged: nothing is written for it.
      const p2 = await agent.get(`${base}/p/2`);
      const unchanged = await run(() =>
        agent
          .post(`${base}/p/2`)
          .type('form')
          .send({ _csrf: csrfFrom(p2.text), q_ease: '4', q_nps: '9' }),
      );
      expect(writesOfOneCommit(unchanged)).not.toContain('insert into sessions');
      const review = await agent.get(`${base}/review`);
      ctx.clock.advance(2 * 60_000);
      const key = /name="submission" value="([^"]+)"/.exec(review.text)![1];
      const submitted = await run(() =>
        agent
          .post(`${base}/submit`)
          .type('form')
          .send({ _csrf: csrfFrom(review.text), submission: key }),
      );
      expect(writesOfOneCommit(submitted)).toContain('insert into sessions');
    } finally {
      statements.mockRestore();
    }
  });
});

describe('bad input never stores anything wrong', () => {
  test('missing, forged, out of range, another survey’s fields, control characters: 400 in the page’s language, nothing stored', async () => {
    const { agent, surveyId, base } = await personalAgent();
    const [row] = await responsesOf(surveyId);
    const cases: [Record<string, string | string[]>, string][] = [
      [{}, 'Responda esta pregunta'],
      [{ q_use: 'sometimes' }, 'Elija una de las opciones que se muestran'],
      [{ q_use: ['never', 'often'] }, 'Responda esta pregunta'],
      [
        { q_use: 'often', q_channels: ['app', 'forged'] },
        'Elija una de las opciones que se muestran',
      ],
      [{ q_use: 'often', q_channels: 'other' }, 'other'],
      [{ q_use: 'often', q_channels: ['app', '_prefer_not'] }, 'Prefiero no decirlo'],
      [{ q_ease: '5', q_barrier: 'x' }, 'Responda esta pregunta'],
      [{ q_use: 'often', q_channels: 'other', q_channels__other: 'a\u0000b' }, 'caracteres'],
    ];
    for (const [fields, text] of cases) {
      const res = await post(agent, `${base}/p/1`, fields);
      expect(res.status).toBe(400);
      expect(res.text).toContain('<html lang="es"');
      expect(res.text).toContain('Hay un problema');
      expect(res.text).toContain(text);
      expect(res.text).toMatch(/aria-describedby="[^"]*q_\w+-error/);
    }
    expect(await answersOf(row.id)).toEqual([]);
    // Page 2 out of range.
    await post(agent, `${base}/p/1`, { q_use: 'often' });
    const bad = await post(agent, `${base}/p/2`, { q_ease: '6', q_nps: '11' });
    expect(bad.status).toBe(400);
    expect((await answersOf(row.id)).some((a) => a.code === 'ease')).toBe(false);
    // What was typed is kept.
    const typed = await post(agent, `${base}/p/1`, {
      q_use: 'often',
      q_channels: 'other',
      q_channels__other: 'x'.repeat(501),
    });
    expect(typed.status).toBe(400);
    expect(typed.text).toContain('x'.repeat(501));
  });

  test('a number out of bounds and an impossible date are refused in the page’s language', async () => {
    const spec = sampleSurveySpec({
      pages: [
        {
          questions: [
            {
              code: 'age',
              type: 'number',
              required: true,
              label: { en: 'Age', es: 'Edad' },
              settings: { min: 18, max: 120, integer: true },
            },
            { code: 'when', type: 'date', label: { en: 'When', es: 'Cuándo' } },
          ],
        },
      ],
    });
    const { agent, surveyId, base } = await personalAgent(spec);
    for (const [fields, text] of [
      [{ q_age: '7' }, 'Escriba un número entre 18 y 120'],
      [{ q_age: '30.5' }, 'número entero'],
      [{ q_age: 'abc' }, 'Escriba un número'],
      [{ q_age: '30', q_when: '2027-02-30' }, 'fecha'],
    ] as const) {
      const res = await post(agent, `${base}/p/1`, fields);
      expect(res.status).toBe(400);
      expect(res.text).toContain(text);
    }
    const page = await agent.get(`${base}/p/1`);
    expect(page.text).toContain('inputmode="numeric"');
    expect(page.text).toContain('type="date"');
    expect(await answersOf((await responsesOf(surveyId))[0].id)).toEqual([]);
  });

  test('a 1 MB answer gets the clear “too large” page in the page’s language', async () => {
    const { agent, base } = await personalAgent();
    const page = await agent.get(`${base}/p/1`);
    const action = /<form method="post" action="([^"]+)"/
      .exec(page.text)![1]
      .replace(/&amp;/g, '&');
    const res = await agent
      .post(action)
      .type('form')
      .send({
        _csrf: csrfFrom(page.text),
        q_use: 'often',
        q_channels__other: 'x'.repeat(1_000_000),
      });
    expect(res.status).toBe(413);
    expect(res.text).toContain('<html lang="es"');
    expect(res.text).toContain('Lo que envió es demasiado grande');
  });
});

describe('a survey that no longer takes answers says so politely', () => {
  test('closed, past its close date, or full: in the person’s language; a started response past the limit may still be submitted', async () => {
    const closed = await personalAgent(sampleSurveySpec({ status: 'closed' }));
    expect(closed.res.status).toBe(200);
    expect(closed.res.text).toContain('Esta encuesta está cerrada');

    const started = await personalAgent();
    await post(started.agent, `${started.base}/p/1`, { q_use: 'never' });
    await ctx.db
      .updateTable('surveys')
      .set({ closes_at: new Date(ctx.clock.now().getTime() - 1000).toISOString() })
      .where('id', '=', started.surveyId)
      .execute();
    const page = await started.agent.get(`${started.base}/p/1`);
    expect(page.text).toContain('Esta encuesta está cerrada');
    expect((await submit(started.agent, started.base).catch(() => null))?.status ?? 200).not.toBe(
      500,
    );

    const full = await personalAgent();
    const second = await surveyLinkFor(
      ctx,
      full.surveyId,
      await addPerson(ctx.db, { email: `x${++n}@example.com`, language: 'es' }),
    );
    await ctx.db
      .updateTable('surveys')
      .set({ response_limit: 1 })
      .where('id', '=', full.surveyId)
      .execute();
    const other = request.agent(ctx.app);
    const otherBase = (await other.get(second)).headers.location;
    await post(full.agent, `${full.base}/p/1`, { q_use: 'never' });
    await post(other, `${otherBase}/p/1`, { q_use: 'never' });
    expect((await submit(full.agent, full.base)).headers.location).toBe(`${full.base}/done`);
    // Started before the limit was reached: still submitted.
    expect((await submit(other, otherBase)).headers.location).toBe(`${otherBase}/done`);
    // Someone new: the survey is full.
    const late = await surveyLinkFor(
      ctx,
      full.surveyId,
      await addPerson(ctx.db, { email: `y${++n}@example.com`, language: 'es' }),
    );
    const res = await request(ctx.app).get(late);
    expect(res.text).toContain('Esta encuesta ya tiene todas las respuestas que necesita');
  });
});

describe('open links', () => {
  test('anonymous, one response per browser by a signed cookie, honeypot, and retired links are gone', async () => {
    const { surveyId } = await createSurvey(ctx.db);
    const admin = await signedIn(ctx, await createStaff(ctx, 'organizer'));
    const made = await postForm(
      admin,
      `/staff/surveys/${surveyId}/open-link`,
      `/staff/surveys/${surveyId}/open-link`,
      {},
    );
    expect(made.status).toBe(303);
    const page = await admin.get(`/staff/surveys/${surveyId}/open-link`);
    const url = /href="(http[^"]+\/s\/o\/[a-z0-9]+)"/.exec(page.text)![1];
    const path = new URL(url).pathname;
    const svg = await admin.get(`/staff/surveys/${surveyId}/open-link/qr.svg`);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(String(svg.body)).toContain('<svg');
    const poster = await admin.get(`/staff/surveys/${surveyId}/open-link/poster`);
    expect(poster.text).toContain('Your experience with 311');
    expect(poster.text).toContain(url);

    const browser = request.agent(ctx.app);
    const start = await browser.get(`${path}?lang=es`);
    expect(start.status).toBe(200);
    expect(start.text).toContain('Empezar la encuesta');
    const token = csrfFrom(start.text);
    const bot = await browser.post(path).type('form').send({ _csrf: token, cp_hp: 'spam' });
    expect(bot.status).toBe(303);
    expect(await responsesOf(surveyId)).toHaveLength(0);
    const go = await browser.post(path).type('form').send({ _csrf: token });
    expect(go.headers.location).toBe(path);
    expect(String(go.headers['set-cookie'])).toMatch(/cp_s\d+=/);
    const opened = await browser.get(path);
    expect(opened.headers.location).toMatch(/^\/s\/r\/\d+$/);
    // Again from the same browser: the same response.
    await browser.post(path).type('form').send({ _csrf: token });
    const rows = await responsesOf(surveyId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ participant_id: null, council_district: null, language: 'es' });
    // A forged cookie is not taken: a new browser key.
    const forger = request.agent(ctx.app);
    forger.jar.setCookie(`cp_s${surveyId}=${rows[0].respondent_key}.forged; Path=/s/`);
    const fp = await forger.get(path);
    expect(fp.status).toBe(200);
    // Retired: the link is gone.
    await postForm(
      admin,
      `/staff/surveys/${surveyId}/open-link`,
      `/staff/surveys/${surveyId}/open-link/retire`,
      {},
    );
    expect((await request(ctx.app).get(path)).status).toBe(410);
  });
});

describe('staff preview', () => {
  test('the same pages with a banner, in the chosen language, conditions on what is entered, nothing stored', async () => {
    const { surveyId } = await createSurvey(ctx.db);
    const staff = await signedIn(ctx, await createStaff(ctx, 'organizer'));
    const start = await staff.get(`/staff/surveys/${surveyId}/preview?lang=es&page=1`);
    expect(start.headers.location).toBe(`/staff/surveys/${surveyId}/preview/p/1`);
    const p1 = await staff.get(start.headers.location);
    expect(p1.text).toContain('<html lang="es"');
    expect(p1.text).toContain('Preview');
    const next = await post(staff, `/staff/surveys/${surveyId}/preview/p/1`, { q_use: 'never' });
    expect(next.headers.location).toBe(`/staff/surveys/${surveyId}/preview/p/2`);
    // The condition is evaluated on what was entered: "ease" is hidden, page 3 shown.
    expect((await staff.get(next.headers.location)).text).not.toContain('q_ease');
    await post(staff, `/staff/surveys/${surveyId}/preview/p/2`, {});
    await post(staff, `/staff/surveys/${surveyId}/preview/p/3`, {});
    const review = await staff.get(`/staff/surveys/${surveyId}/preview/review`);
    expect(review.text).toContain('Nunca');
    const done = await staff
      .post(`/staff/surveys/${surveyId}/preview/submit`)
      .type('form')
      .send({ _csrf: csrfFrom(review.text) });
    expect(done.headers.location).toBe(`/staff/surveys/${surveyId}/preview/done`);
    expect((await staff.get(done.headers.location)).text).toContain('¡Gracias!');
    expect(await responsesOf(surveyId)).toHaveLength(0);
    // Analysts and facilitators may not.
    const analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
    expect((await analyst.get(`/staff/surveys/${surveyId}/preview/p/1`)).status).toBe(403);
  });
});

describe('staff-entered responses', () => {
  test('recorded with channel, who entered it and the language; one per participant; the same pages', async () => {
    const { surveyId } = await createSurvey(ctx.db);
    const who = await createStaff(ctx, 'organizer');
    const staff = await signedIn(ctx, who);
    const person = await addPerson(ctx.db, {
      email: `phone${++n}@example.com`,
      language: 'es',
      council_district: 7,
    });
    const url = `/staff/surveys/${surveyId}/entry`;
    const bad = await postForm(staff, url, url, { who: 'nobody', channel: 'fax', language: 'ko' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('There is a problem');
    const unknown = await postForm(staff, url, url, {
      who: '999999',
      channel: 'phone',
      language: 'es',
    });
    expect(unknown.status).toBe(400);
    const started = await postForm(staff, url, url, {
      who: String(person),
      channel: 'phone',
      language: 'es',
    });
    expect(started.status).toBe(303);
    const base = started.headers.location;
    const again = await postForm(staff, url, url, {
      who: `phone${n}@example.com`,
      channel: 'phone',
      language: 'es',
    });
    expect(again.headers.location).toBe(base);
    const p1 = await staff.get(`${base}/p/1`);
    expect(p1.text).toContain('<html lang="en"');
    expect(p1.text).toContain('¿Ha usado el 311?');
    expect(p1.text).toContain('Staff entry');
    await post(staff, `${base}/p/1`, { q_use: 'often' });
    await post(staff, `${base}/p/2`, { q_ease: '2' });
    expect((await submit(staff, base)).headers.location).toBe(`${base}/done`);
    const [row] = await responsesOf(surveyId);
    expect(row).toMatchObject({
      channel: 'phone',
      entered_by: who.id,
      language: 'es',
      participant_id: person,
      council_district: 7,
      status: 'submitted',
    });
    // Another organizer cannot open it, nor start a second one for the person.
    const other = await signedIn(ctx, await createStaff(ctx, 'organizer'));
    expect((await other.get(`${base}/p/1`)).status).toBe(404);
    const twice = await postForm(other, url, url, {
      who: String(person),
      channel: 'paper',
      language: 'en',
    });
    expect(twice.status).toBe(400);
    // An anonymous paper form: no participant, a response of its own each time.
    const paper = await postForm(staff, url, url, { who: '', channel: 'paper', language: 'en' });
    const paper2 = await postForm(staff, url, url, { who: '', channel: 'paper', language: 'en' });
    expect(paper.headers.location).not.toBe(paper2.headers.location);
    const rows = await responsesOf(surveyId);
    expect(rows.filter((r) => r.channel === 'paper' && r.participant_id === null)).toHaveLength(2);
  });
});

describe('the submit guard', () => {
  test('of two submits of one submission key, only one changes the response (the conditional update)', async () => {
    const { surveyId } = await personalAgent();
    const [row] = await responsesOf(surveyId);
    const one = {
      responseId: row.id,
      submissionKey: row.submission_key,
      answers: [],
      recipientId: null,
      now: new Date().toISOString(),
    };
    const done = await Promise.all([submitResponse(ctx.db, one), submitResponse(ctx.db, one)]);
    expect(done.sort()).toEqual([false, true]);
    expect(await submitResponse(ctx.db, { ...one, submissionKey: 'another' })).toBe(false);
  });
});
