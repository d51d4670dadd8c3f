import request from 'supertest';
import { buildTestApp, createStaff, signedIn, type TestContext } from '../support/app';
import { seedResults, type Person } from '../support/results';
import { BREAKDOWNS } from '../../src/results/filters';
import { answerCells, type AnswerCell } from '../../src/results/survey/aggregate.queries';
import { cellQuestions } from '../../src/results/survey/tally';
import { allQuestions } from '../../src/surveys/model/definition';
import { loadDefinition, versionsOf } from '../../src/surveys/surveys.queries';

/*
 * A survey's results page: the figures against values this test computes from the responses it
 * stored; filters, refused filters, the breakdown's suppression, free-text search, and who may
 * see it.
 */

type Agent = ReturnType<typeof request.agent>;
let ctx: TestContext;
const as: Record<string, Agent> = {};
let surveyId: number;
let people: Person[];
let url: string;

beforeAll(async () => {
  ctx = await buildTestApp();
  for (const role of ['organizer', 'analyst', 'facilitator', 'admin'] as const)
    as[role] = await signedIn(ctx, await createStaff(ctx, role));
  const seeded = await seedResults(ctx.db);
  surveyId = seeded.survey.surveyId;
  people = seeded.people;
  url = `/staff/results/surveys/${surveyId}`;
});
afterAll(() => ctx.close());

/** The HTML of one question's section. */
function question(html: string, code: string): string {
  const start = html.indexOf(`id="q-${code}"`);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('class="cp-question"', start + 10);
  return html.slice(start, end === -1 ? undefined : end);
}
/** A table's rows: label → [count, percent]. */
function rows(section: string): Record<string, [number, string]> {
  const out: Record<string, [number, string]> = {};
  for (const m of section.matchAll(
    /<tr><th scope="row">([^<]*)<\/th><td class="cp-count">(\d+)<\/td><td>([^<]*)<\/td>/g,
  ))
    out[m[1]] = [Number(m[2]), m[3]];
  return out;
}
const stat = (section: string, name: string) =>
  section.match(new RegExp(`data-stat="${name}">([^<]*)<`))?.[1];
const pct = (count: number, n: number) => `${Number(((count / n) * 100).toFixed(1))}%`;

/** The answer rows of people for a question (and item). */
const answersOf = (ps: Person[], code: string, item = '') =>
  ps.flatMap((p) => p.answers.filter((a) => a.code === code && (a.item ?? '') === item));

test('the headline figures: started, completed, completion rate, median time', async () => {
  const res = await as.analyst.get(url);
  expect(res.status).toBe(200);
  const headline = res.text.slice(res.text.indexOf('id="headline"'));
  const durations = people
    .map((p) => (Date.parse(p.submittedAt) - Date.parse(p.startedAt)) / 1000)
    .sort((a, b) => a - b);
  const median = (durations[19] + durations[20]) / 2;
  expect(median).toBe(1230);
  expect(headline).toMatch(/>44<\/span> started/);
  expect(headline).toMatch(/>40<\/span> completed/);
  expect(headline).toContain(`>${pct(40, 44)}</span> completion rate`);
  expect(headline).toContain('>20 min 30 s</span> median time');
});

test('counts, percentages, mean, top-2-box and NPS match the stored answers', async () => {
  const html = (await as.analyst.get(url)).text;
  // Single choice.
  const use = answersOf(people, 'use').filter((a) => a.state === 'answered');
  const never = use.filter((a) => a.value === 'never').length;
  const useSection = question(html, 'use');
  expect(stat(useSection, 'n')).toBe(String(use.length));
  expect(stat(useSection, 'skipped')).toBe(String(40 - use.length));
  expect(rows(useSection).Never).toEqual([never, pct(never, use.length)]);
  // Multiple choice: n is the people who answered; each option's share of them.
  const multi = people.filter((p) =>
    p.answers.some((a) => a.code === 'channels' && a.state === 'answered'),
  );
  const phone = answersOf(people, 'channels', 'phone').filter((a) => a.state === 'answered');
  const channels = question(html, 'channels');
  expect(stat(channels, 'n')).toBe(String(multi.length));
  expect(stat(channels, 'prefer-not')).toBe(String(people.filter((p) => p.i % 5 === 0).length));
  expect(rows(channels).Phone).toEqual([phone.length, pct(phone.length, multi.length)]);
  // Agreement: mean and top-2-box.
  const ease = answersOf(people, 'ease').filter((a) => a.state === 'answered');
  const values = ease.map((a) => Number(a.value));
  const easeSection = question(html, 'ease');
  expect(stat(easeSection, 'mean')).toBe(
    (values.reduce((s, v) => s + v, 0) / values.length).toFixed(2),
  );
  expect(stat(easeSection, 'top2')).toBe(pct(values.filter((v) => v >= 4).length, values.length));
  expect(rows(easeSection)['Strongly agree'][0]).toBe(values.filter((v) => v === 5).length);
  // NPS.
  const nps = answersOf(people, 'nps').map((a) => Number(a.value));
  const promoters = nps.filter((v) => v >= 9).length;
  const detractors = nps.filter((v) => v <= 6).length;
  const npsSection = question(html, 'nps');
  expect(stat(npsSection, 'nps')).toBe(
    String(Math.round(((promoters - detractors) / nps.length) * 100)),
  );
  expect(npsSection).toContain(`data-nps="promoters">${promoters}<`);
  // Grid: a statement's prefer-not.
  const s2 = answersOf(people, 'grid', 's2');
  const grid = question(html, 'grid');
  expect(grid).toContain(
    `data-stat="prefer-not">${s2.filter((a) => a.state === 'prefer_not').length}<`,
  );
  // Number: mean of the ages.
  const ages = answersOf(people, 'age').map((a) => Number(a.value));
  expect(stat(question(html, 'age'), 'mean')).toBe(
    (ages.reduce((s, v) => s + v, 0) / ages.length).toFixed(2),
  );
  // Each chart has a title and a text alternative naming the same counts.
  expect(useSection).toMatch(/<title id="q-use-title">Have you used 311\?<\/title>/);
  expect(useSection).toContain(`Never: ${never} (${pct(never, use.length)})`);
});

test('a filter narrows every figure; a bad one is named beside its field and kept', async () => {
  const es = people.filter((p) => p.language === 'es');
  const res = await as.analyst.get(`${url}?language=es`);
  expect(res.status).toBe(200);
  expect(res.text).toMatch(new RegExp(`>${es.length}</span> completed`));
  const use = answersOf(es, 'use').filter((a) => a.state === 'answered');
  expect(stat(question(res.text, 'use'), 'n')).toBe(String(use.length));
  // The export links carry the filter.
  expect(res.text).toContain(
    `/staff/results/export/summary.csv?survey=${surveyId}&amp;language=es`,
  );

  const bad = await as.analyst.get(`${url}?from=2027-02-31&district=abc`);
  expect(bad.status).toBe(400);
  expect(bad.text).toContain('class="usa-alert usa-alert--error cp-error-summary"');
  expect(bad.text).toContain('id="from-error"');
  expect(bad.text).toContain('value="2027-02-31"');
  expect(bad.text).toContain('id="no-figures"');
  expect(bad.text).not.toContain('id="headline"');
});

test('a filter that leaves out 1 to 4 people is refused, naming it, with no figures', async () => {
  // Three phone interviews: "web only" would give them back by difference.
  const res = await as.analyst.get(`${url}?channel=web`);
  expect(res.status).toBe(400);
  expect(res.text).toContain('Channel: this filter leaves out fewer than 5 responses');
  expect(res.text).toContain('href="#channel"');
  expect(res.text).not.toContain('id="headline"');
  // A filter that keeps 1 to 4 people is refused too.
  const few = await as.analyst.get(`${url}?district=9`);
  expect(few.status).toBe(400);
  expect(few.text).toContain('Fewer than 5 responses match these filters');
});

test('a breakdown hides groups of fewer than 5 and what gives them back', async () => {
  const res = await as.analyst.get(`${url}?breakdown=district`);
  expect(res.status).toBe(200);
  const bd = res.text.slice(
    res.text.indexOf('id="breakdown-tables"'),
    res.text.indexOf('id="questions-heading"'),
  );
  const table = bd.slice(
    bd.indexOf('Have you used 311?'),
    bd.indexOf('</table>', bd.indexOf('Have you used 311?')),
  );
  // District 9 has 3 people: its row shows no figure.
  const d9 = table.slice(table.indexOf('Council District 9'));
  const cells = [...d9.slice(0, d9.indexOf('</tr>')).matchAll(/<td>([^<]*)<\/td>/g)].map(
    (m) => m[1],
  );
  expect(cells.every((c) => c === 'fewer than 5')).toBe(true);
  // And no row total gives it back: at least one other district's n is hidden too.
  const ns = [
    ...table.matchAll(/<th scope="row">Council District (\d+)<\/th>\s*<td>([^<]*)<\/td>/g),
  ];
  expect(ns.filter((m) => m[2] === 'fewer than 5').length).toBeGreaterThanOrEqual(2);
  expect(res.text).not.toMatch(/<td>[1-4] \(/);

  const unknown = await as.analyst.get(`${url}?breakdown=zip`);
  expect(unknown.status).toBe(400);
  expect(unknown.text).toContain('Choose a breakdown from the list');
});

test('free-text answers are listed and searched, % and _ taken literally', async () => {
  const text = `${url}/text/why`;
  const all = await as.analyst.get(text);
  expect(all.status).toBe(200);
  const written = answersOf(people, 'why').filter((a) => a.state === 'answered');
  expect(all.text.match(/<li lang=/g)?.length).toBe(Math.min(25, written.length));
  const crashed = await as.analyst.get(`${text}?q=CRASHED`);
  const want = written.filter((a) => a.value!.includes('crashed')).length;
  expect(crashed.text.match(/<li lang=/g)?.length).toBe(want);
  const literal = await as.analyst.get(`${text}?q=${encodeURIComponent('100%_')}`);
  expect(literal.text.match(/<li lang=/g)?.length).toBe(1);
  // Unescaped, "app_" would match every "app " answer.
  const none = await as.analyst.get(`${text}?q=${encodeURIComponent('app_')}`);
  expect(none.text).toContain('id="no-answers"');
  // Only free-text questions have this page.
  expect((await as.analyst.get(`${url}/text/use`)).status).toBe(404);
});

/** The error summary's links, each checked to land on an element of that id (here or where it goes). */
async function expectSummaryLinksResolve(html: string): Promise<string[]> {
  const summary = /class="[^"]*cp-error-summary[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  const hrefs = [...summary.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    const [path, id] = href.split('#');
    expect(id).toBeTruthy();
    const target = path ? (await as.analyst.get(path)).text : html;
    expect({ href, found: target.includes(`id="${id}"`) }).toEqual({ href, found: true });
  }
  return hrefs;
}

test('a refused filter: every link of the error summary reaches its field', async () => {
  // On the results page itself.
  const results = await as.analyst.get(`${url}?channel=web&from=2027-06-01`);
  expect(results.status).toBe(400);
  expect(await expectSummaryLinksResolve(results.text)).toEqual(['#channel']);
  // The free-text page has no filter fields: its links go to the results page's, with the
  // filters as typed (refused there too, beside the field).
  const leaky = await as.analyst.get(`${url}/text/why?channel=web&q=slow`);
  expect(leaky.status).toBe(400);
  expect(leaky.text).not.toContain('href="#channel"');
  expect(await expectSummaryLinksResolve(leaky.text)).toEqual([`${url}?channel=web#channel`]);
  const there = await as.analyst.get(`${url}?channel=web`);
  expect(there.text).toMatch(/id="channel-error"[^>]*>[^<]*leaves out fewer than 5/);
  const typo = await as.analyst.get(`${url}/text/why?from=2027-02-30&language=es`);
  expect(typo.status).toBe(400);
  expect(await expectSummaryLinksResolve(typo.text)).toEqual([
    `${url}?language=es&from=2027-02-30#from`,
  ]);
  expect(typo.text).toContain(`href="${url}?language=es&amp;from=2027-02-30"`);
});

test('who may see results: analysts, organizers, admins; not facilitators; 404 for none', async () => {
  for (const role of ['analyst', 'organizer', 'admin']) {
    expect((await as[role].get('/staff/results')).status).toBe(200);
    expect((await as[role].get(url)).status).toBe(200);
  }
  expect((await as.facilitator.get(url)).status).toBe(403);
  expect((await as.facilitator.get('/staff/results')).status).toBe(403);
  expect((await as.analyst.get('/staff/results/surveys/99999')).status).toBe(404);
  const index = await as.analyst.get('/staff/results');
  expect(index.text).toContain(`href="/staff/results/surveys/${surveyId}"`);
  expect(index.text).toContain('href="/staff/results/scorecard"');
  expect(index.text).toMatch(/href="\/staff\/results"[^>]*>Results</);
});

test('a breakdown counts the same whether its groups are side by side or sorted', async () => {
  // One response with no district, so a group is NULL.
  await ctx.db
    .updateTable('survey_responses')
    .set({ council_district: null })
    .where('id', '=', (await firstSubmitted()).id)
    .execute();
  const questions = cellQuestions(await everyQuestion(surveyId));
  const sorted = (cs: AnswerCell[]) => cs.map((c) => JSON.stringify(c)).sort();
  for (const by of BREAKDOWNS) {
    const side = await answerCells(ctx.db, surveyId, {}, questions, by);
    const sort = await answerCells(ctx.db, surveyId, {}, questions, by, 0);
    expect({ by, cells: sorted(side) }).toEqual({ by, cells: sorted(sort) });
    expect(side.length).toBeGreaterThan(0);
  }
  expect(
    (await answerCells(ctx.db, surveyId, {}, questions, 'district')).some((c) => c.grp === ''),
  ).toBe(true);
});

const firstSubmitted = () =>
  ctx.db
    .selectFrom('survey_responses')
    .select('id')
    .where('survey_id', '=', surveyId)
    .where('status', '=', 'submitted')
    .orderBy('id')
    .executeTakeFirstOrThrow();

async function everyQuestion(id: number) {
  const versions = await versionsOf(ctx.db, id);
  return (await Promise.all(versions.map((v) => loadDefinition(ctx.db, v.id)))).flatMap(
    allQuestions,
  );
}
