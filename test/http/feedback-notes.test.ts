import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  buildTestApp,
  createStaff,
  csrfFrom,
  postForm,
  signedIn,
  type TestContext,
} from '../support/app';
import { addPerson, fingerprint } from '../support/db';
import { addSession, createStudy, sessionForm, studyForm } from '../support/studies';

type Agent = ReturnType<typeof request.agent>;
type Staff = Awaited<ReturnType<typeof createStaff>>;

let ctx: TestContext;
let org: Staff;
let fac: Staff;
let taker: Staff;
let other: Staff;
let admin: Staff;
let studyId: number;
let mine: number;
let theirs: number;

const notesUrl = (sessionId: number, tail = '') =>
  `/staff/studies/${studyId}/sessions/${sessionId}/notes${tail}`;
const note = (over: Record<string, string | string[]> = {}) => ({
  service: 'Bulky Items',
  stage: 'intake',
  driver: 'ease',
  sentiment: 'pain_point',
  body: 'The form asked for the weight of the sofa.',
  ...over,
});
const write = (agent: Agent, sessionId: number, fields: Record<string, string | string[]>) =>
  postForm(agent, notesUrl(sessionId), notesUrl(sessionId), fields);
const savedId = (res: request.Response) => Number(/saved=(\d+)/.exec(res.headers.location)![1]);
const stored = (id: number) =>
  ctx.db.selectFrom('session_notes').selectAll().where('id', '=', id).executeTakeFirst();
const themesOf = async (noteId: number) =>
  (
    await ctx.db
      .selectFrom('session_note_themes as nt')
      .innerJoin('themes as t', 't.id', 'nt.theme_id')
      .select('t.name')
      .where('nt.note_id', '=', noteId)
      .orderBy('t.name')
      .execute()
  ).map((r) => r.name);

beforeAll(async () => {
  ctx = await buildTestApp();
  ctx.clock.set(new Date('2027-06-01T17:00:00Z'));
  org = await createStaff(ctx, 'organizer');
  fac = await createStaff(ctx, 'facilitator');
  taker = await createStaff(ctx, 'facilitator');
  other = await createStaff(ctx, 'facilitator');
  admin = await createStaff(ctx, 'admin');
  const o = await signedIn(ctx, org);
  studyId = await createStudy(
    o,
    studyForm(
      { organizer: org.id, facilitator: fac.id },
      { facilitators: [String(fac.id), String(other.id)], noteTakers: [String(taker.id)] },
    ),
  );
  mine = await addSession(
    o,
    studyId,
    sessionForm({ facilitatorId: String(fac.id), noteTakerId: String(taker.id) }),
  );
  theirs = await addSession(
    o,
    studyId,
    sessionForm({
      facilitatorId: String(other.id),
      startsAt: '2027-07-22T18:00',
      registrationDeadline: '2027-07-20T12:00',
    }),
  );
  // Three people on the roster of `mine`: P1 … P3.
  const base = `/staff/studies/${studyId}/sessions/${mine}`;
  for (const name of ['Ana', 'Bo', 'Cy'])
    await postForm(o, base, `${base}/registrations`, {
      participant: String(await addPerson(ctx.db, { first_name: name, last_name: 'Test' })),
    });
  ctx.clock.set(new Date('2027-07-16T01:30:00Z'));
});
afterAll(() => ctx.close());

describe('who may read and write the notes of a session', () => {
  test('its facilitator and note-taker, organizers and admins; another facilitator is not found; analysts are refused', async () => {
    for (const who of [fac, taker, org, admin]) {
      const res = await (await signedIn(ctx, who)).get(notesUrl(mine));
      expect(res.status).toBe(200);
      expect(res.text).toContain('Write a note');
    }
    const stranger = await signedIn(ctx, other);
    expect((await stranger.get(notesUrl(mine))).status).toBe(404);
    const page = await stranger.get(notesUrl(theirs));
    const before = await fingerprint(ctx.db);
    const posted = await stranger
      .post(notesUrl(mine))
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ...note() });
    expect(posted.status).toBe(404);
    expect(await fingerprint(ctx.db)).toBe(before);
    const analyst = await signedIn(ctx, await createStaff(ctx, 'analyst'));
    expect((await analyst.get(notesUrl(mine))).status).toBe(403);
  });

  test('a note is edited and deleted by its author or an organizer, not by the other team member', async () => {
    const author = await signedIn(ctx, fac);
    const id = savedId(await write(author, mine, note()));
    const colleague = await signedIn(ctx, taker);
    // The colleague sees it, without the buttons, and cannot change it.
    const list = await colleague.get(notesUrl(mine));
    expect(list.text).toContain('The form asked for the weight of the sofa.');
    expect(list.text).not.toContain(`notes/${id}/edit`);
    expect((await colleague.get(notesUrl(mine, `/${id}/edit`))).status).toBe(403);
    const refused = await postForm(colleague, notesUrl(mine), notesUrl(mine, `/${id}/delete`), {});
    expect(refused.status).toBe(403);
    expect(await stored(id)).toBeDefined();
    // The organizer may edit it; the author deletes it.
    const o = await signedIn(ctx, org);
    const edited = await postForm(
      o,
      notesUrl(mine, `/${id}/edit`),
      notesUrl(mine, `/${id}/edit`),
      note({ body: 'Edited by the organizer.', sentiment: 'suggestion' }),
    );
    expect(edited.status).toBe(303);
    expect(edited.headers.location).toBe(notesUrl(mine, `#note-${id}`));
    expect(await stored(id)).toMatchObject({
      body: 'Edited by the organizer.',
      sentiment: 'suggestion',
      author_staff_id: fac.id,
    });
    const gone = await postForm(author, notesUrl(mine), notesUrl(mine, `/${id}/delete`), {});
    expect(gone.status).toBe(303);
    expect(await stored(id)).toBeUndefined();
    // A note of another session is not found through this one.
    const elsewhere = savedId(await write(await signedIn(ctx, other), theirs, note()));
    expect((await author.get(notesUrl(mine, `/${elsewhere}/edit`))).status).toBe(404);
  });
});

describe('validation', () => {
  let agent: Agent;
  beforeAll(async () => {
    agent = await signedIn(ctx, fac);
  });

  test('a coded note is stored with its codes; the next form starts from them', async () => {
    const res = await write(agent, mine, note({ pseudonym: 'P3', isQuote: 'yes' }));
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/\/notes\?saved=\d+#note-form$/);
    expect(await stored(savedId(res))).toMatchObject({
      session_id: mine,
      author_staff_id: fac.id,
      service: 'Bulky Items',
      stage: 'intake',
      driver: 'ease',
      sentiment: 'pain_point',
      is_quote: 1,
      pseudonym: 'P3',
    });
    const page = await agent.get(res.headers.location);
    expect(page.text).toContain('Note saved.');
    expect(page.text).toMatch(/<option value="Bulky Items" selected>/);
    expect(page.text).toMatch(/<option value="pain_point" selected>/);
    expect(page.text).not.toMatch(/<option value="P3" selected>/);
    // 311 in general, nothing else coded.
    const general = await write(agent, mine, { service: 'general', body: 'Just a remark.' });
    expect(await stored(savedId(general))).toMatchObject({
      service: 'general',
      stage: null,
      driver: null,
      sentiment: null,
      is_quote: 0,
      pseudonym: null,
    });
  });

  test.each([
    [{ service: 'Not a service' }, 'Choose the service the note is about'],
    [{ stage: 'delivery' }, 'Choose intake, fulfillment or communication'],
    [{ driver: 'happiness' }, 'Choose a driver from the list'],
    [{ sentiment: 'angry' }, 'Choose praise, pain point or suggestion'],
    [{ pseudonym: 'Ana' }, 'Choose a participant from the list'],
    [{ pseudonym: 'P4' }, 'Choose a participant between P1 and P3'],
    [{ pseudonym: 'P0' }, 'Choose a participant from the list'],
    [{ isQuote: 'maybe' }, 'Tick the box or leave it'],
    [{ themes: ['999'] }, 'A theme you ticked no longer exists'],
    [{ themes: ['x'] }, 'Choose themes from the list'],
    [{ body: '   ' }, 'Write the note'],
    [{ body: 'x'.repeat(20_001) }, 'The note must be 20,000 characters or fewer'],
    [{ body: 'bad \u0007 bell' }, 'The note contains characters we cannot keep'],
    [{ newTheme: 'y'.repeat(61) }, 'A new theme must be 60 characters or fewer'],
  ])('%j is refused with a message, what was typed kept, nothing stored', async (over, message) => {
    const before = await fingerprint(ctx.db);
    const res = await write(agent, mine, note({ body: 'Kept as typed.', ...over }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain(message);
    if (!('body' in over)) expect(res.text).toContain('Kept as typed.');
    expect(await fingerprint(ctx.db)).toBe(before);
  });

  test('a body of exactly 20,000 characters is kept whole, line breaks and all', async () => {
    const body = `${'a'.repeat(9_999)}\n${'b'.repeat(10_000)}`;
    const res = await write(agent, mine, note({ body }));
    expect(res.status).toBe(303);
    expect((await stored(savedId(res)))!.body).toBe(body);
  });

  test('junk (arrays, objects, an unknown note id) never gives a 5xx', async () => {
    for (const body of [
      { service: ['a', 'b'], body: ['x'], themes: { a: 1 } },
      { service: 'general', body: 'ok', themes: ['1', '1e9', '-1'] },
      { service: 'general', body: 'ok', pseudonym: ['P1', 'P2'] },
    ]) {
      const page = await agent.get(notesUrl(mine));
      const res = await agent
        .post(notesUrl(mine))
        .type('form')
        .send({ _csrf: csrfFrom(page.text), ...body });
      expect(res.status).toBe(400);
    }
    expect((await agent.get(notesUrl(mine, '/99999/edit'))).status).toBe(404);
    expect((await agent.get(notesUrl(mine, '/abc/edit'))).status).toBe(404);
  });
});

describe('pseudonyms', () => {
  test('the roster names each person P1 … Pn in registration order; the notes page offers exactly those', async () => {
    const agent = await signedIn(ctx, fac);
    const roster = await agent.get(`/staff/studies/${studyId}/sessions/${mine}/roster`);
    expect(roster.text.match(/in notes: <strong>P\d<\/strong>/g)).toEqual([
      'in notes: <strong>P1</strong>',
      'in notes: <strong>P2</strong>',
      'in notes: <strong>P3</strong>',
    ]);
    const page = await agent.get(notesUrl(mine));
    expect(page.text.match(/<option value="P\d+"/g)).toEqual([
      '<option value="P1"',
      '<option value="P2"',
      '<option value="P3"',
    ]);
    // No names on the notes page.
    expect(page.text).not.toContain('Ana Test');
  });

  test('a session with no one on its roster takes no pseudonym', async () => {
    const agent = await signedIn(ctx, other);
    const res = await write(agent, theirs, note({ pseudonym: 'P1' }));
    expect(res.status).toBe(400);
    expect(res.text).toContain('No one is on this session’s roster yet');
  });
});

describe('themes', () => {
  let adminAgent: Agent;
  beforeAll(async () => {
    adminAgent = await signedIn(ctx, admin);
  });
  const themeId = async (name: string) =>
    (
      await ctx.db
        .selectFrom('themes')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;

  test('a theme proposed from a note is usable at once, and the same name in another case is the same theme', async () => {
    const agent = await signedIn(ctx, fac);
    const a = savedId(await write(agent, mine, note({ newTheme: '  Waiting   times ' })));
    expect(await themesOf(a)).toEqual(['Waiting times']);
    const row = await ctx.db
      .selectFrom('themes')
      .selectAll()
      .where('name', '=', 'Waiting times')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'proposed', proposed_by: fac.id });
    const b = savedId(
      await write(agent, mine, note({ newTheme: 'WAITING TIMES', themes: [String(row.id)] })),
    );
    expect(await themesOf(b)).toEqual(['Waiting times']);
    expect(
      await ctx.db
        .selectFrom('themes')
        .select('id')
        .where('name_key', '=', 'waiting times')
        .execute(),
    ).toHaveLength(1);
    const page = await agent.get(notesUrl(mine));
    expect(page.text).toContain('Waiting times (proposed)');
  });

  test('admins add, rename (names unique whatever the case) and approve themes, audited', async () => {
    const add = (name: string) => postForm(adminAgent, '/staff/themes', '/staff/themes', { name });
    expect((await add('Trust in the City')).status).toBe(303);
    const dup = await add('trust  in the city');
    expect(dup.status).toBe(400);
    expect(dup.text).toContain('A theme named “trust in the city” already exists');
    expect((await add('')).text).toContain('Enter the theme’s name');

    const id = await themeId('Trust in the City');
    const rename = (name: string) =>
      postForm(adminAgent, '/staff/themes', `/staff/themes/${id}/rename`, { name });
    const taken = await rename('waiting TIMES');
    expect(taken.status).toBe(400);
    expect(taken.text).toContain(
      `<a href="#name${id}">A theme named “waiting TIMES” already exists`,
    );
    expect(taken.text).toContain('value="waiting TIMES"');
    expect((await rename('Trust in the city')).status).toBe(303);
    expect(
      (await ctx.db.selectFrom('themes').select('name').where('id', '=', id).executeTakeFirst())!
        .name,
    ).toBe('Trust in the city');

    const waiting = await themeId('Waiting times');
    const approved = await postForm(
      adminAgent,
      '/staff/themes',
      `/staff/themes/${waiting}/approve`,
      {},
    );
    expect(approved.status).toBe(303);
    expect(
      (await ctx.db
        .selectFrom('themes')
        .select('status')
        .where('id', '=', waiting)
        .executeTakeFirst())!.status,
    ).toBe('active');
    const actions = (
      await ctx.db
        .selectFrom('audit_log')
        .select('action')
        .where('subject_type', '=', 'theme')
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['theme.propose', 'theme.add', 'theme.rename', 'theme.approve']),
    );
    // Organizers propose from notes but do not curate.
    expect((await (await signedIn(ctx, org)).get('/staff/themes')).status).toBe(403);
  });

  test('merging A into B tags every note of A with B once, removes A, in one go', async () => {
    const agent = await signedIn(ctx, fac);
    await postForm(adminAgent, '/staff/themes', '/staff/themes', { name: 'Slow pickup' });
    await postForm(adminAgent, '/staff/themes', '/staff/themes', { name: 'Pickup delays' });
    const a = await themeId('Slow pickup');
    const b = await themeId('Pickup delays');
    const onlyA = savedId(await write(agent, mine, note({ themes: [String(a)] })));
    const both = savedId(await write(agent, mine, note({ themes: [String(a), String(b)] })));
    const onlyB = savedId(await write(agent, mine, note({ themes: [String(b)] })));

    const same = await postForm(adminAgent, '/staff/themes', '/staff/themes/merge', {
      from: String(a),
      into: String(a),
    });
    expect(same.status).toBe(400);
    expect(same.text).toContain('Choose a different theme to merge it into');

    const res = await postForm(adminAgent, '/staff/themes', '/staff/themes/merge', {
      from: String(a),
      into: String(b),
    });
    expect(res.status).toBe(303);
    for (const id of [onlyA, both, onlyB]) expect(await themesOf(id)).toEqual(['Pickup delays']);
    expect(await ctx.db.selectFrom('themes').select('id').where('id', '=', a).execute()).toEqual(
      [],
    );
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'theme.merge')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ fromId: a, moved: 1, alreadyBoth: 1 });

    // Merging a theme that is gone: a clear message, nothing changed.
    const before = await fingerprint(ctx.db);
    const again = await postForm(adminAgent, '/staff/themes', '/staff/themes/merge', {
      from: String(a),
      into: String(b),
    });
    expect(again.status).toBe(400);
    expect(again.text).toContain('That theme no longer exists');
    expect(await fingerprint(ctx.db)).toBe(before);
  });
});

test('a theme merged away while a note was being written: the note is refused whole, its proposal too', async () => {
  const adminAgent = await signedIn(ctx, admin);
  await postForm(adminAgent, '/staff/themes', '/staff/themes', { name: 'Soon merged' });
  await postForm(adminAgent, '/staff/themes', '/staff/themes', { name: 'Kept theme' });
  const ids = Object.fromEntries(
    (await ctx.db.selectFrom('themes').select(['id', 'name']).execute()).map((t) => [t.name, t.id]),
  );
  const agent = await signedIn(ctx, fac);
  const page = await agent.get(notesUrl(mine));
  expect(page.text).toContain('Soon merged');
  await postForm(adminAgent, '/staff/themes', '/staff/themes/merge', {
    from: String(ids['Soon merged']),
    into: String(ids['Kept theme']),
  });
  const before = await fingerprint(ctx.db);
  const res = await agent
    .post(notesUrl(mine))
    .type('form')
    .send({
      _csrf: csrfFrom(page.text),
      ...note({ themes: [String(ids['Soon merged'])], newTheme: 'Brand new idea' }),
    });
  expect(res.status).toBe(400);
  expect(res.text).toContain('A theme you ticked no longer exists');
  expect(res.text).toContain('value="Brand new idea"');
  expect(await fingerprint(ctx.db)).toBe(before);
});

test('the notes survive a restart: a new app on the same database file lists them', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cp-notes-'));
  const databasePath = path.join(dir, 'panel.sqlite');
  const first = await buildTestApp({ databasePath });
  first.clock.set(new Date('2027-06-01T17:00:00Z'));
  const o = await createStaff(first, 'organizer');
  const agent = await signedIn(first, o);
  const study = await createStudy(agent, studyForm({ organizer: o.id }));
  const session = await addSession(agent, study, sessionForm());
  const url = `/staff/studies/${study}/sessions/${session}/notes`;
  const res = await postForm(agent, url, url, note({ body: 'Written before the restart.' }));
  expect(res.status).toBe(303);
  await first.close();

  const second = await buildTestApp({ databasePath });
  try {
    const page = await (await signedIn(second, o)).get(url);
    expect(page.text).toContain('Written before the restart.');
  } finally {
    await second.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an archived study’s notes are read, no longer written or deleted', async () => {
  const agent = await signedIn(ctx, fac);
  const id = savedId(await write(agent, mine, note({ body: 'Before the archive.' })));
  await ctx.db
    .updateTable('studies')
    .set({ status: 'archived' })
    .where('id', '=', studyId)
    .execute();
  try {
    const page = await agent.get(notesUrl(mine));
    expect(page.text).toContain('This study is archived');
    expect(page.text).toContain('Before the archive.');
    expect(page.text).not.toContain('Save note');
    const before = await fingerprint(ctx.db);
    const refused = await postForm(agent, notesUrl(mine), notesUrl(mine), note());
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('its notes can no longer change');
    const kept = await postForm(agent, notesUrl(mine), notesUrl(mine, `/${id}/delete`), {});
    expect(kept.status).toBe(400);
    expect(await fingerprint(ctx.db)).toBe(before);
  } finally {
    await ctx.db
      .updateTable('studies')
      .set({ status: 'draft' })
      .where('id', '=', studyId)
      .execute();
  }
});
