import { buildTestApp, createStaff, postForm, signedIn, type TestContext } from '../support/app';
import {
  createStudy as createStudyWith,
  sessionForm as baseSessionForm,
  studyForm as baseStudyForm,
} from '../support/studies';

type Agent = Awaited<ReturnType<typeof signedIn>>;

let ctx: TestContext;
let organizer: Agent;
let organizerId: number;
let facilitatorId: number;
let noteTakerId: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  const who = await createStaff(ctx, 'organizer');
  organizerId = who.id;
  organizer = await signedIn(ctx, who);
  facilitatorId = (await createStaff(ctx, 'facilitator')).id;
  noteTakerId = (await createStaff(ctx, 'analyst')).id;
});
afterAll(() => ctx.close());

const team = () => ({ organizer: organizerId, facilitator: facilitatorId, noteTaker: noteTakerId });
const studyForm = (over: Record<string, string | string[]> = {}) => baseStudyForm(team(), over);
const createStudy = (over: Record<string, string | string[]> = {}) =>
  createStudyWith(organizer, studyForm(over));

const sessionForm = (over: Record<string, string | string[]> = {}) =>
  baseSessionForm({
    facilitatorId: String(facilitatorId),
    noteTakerId: String(noteTakerId),
    ...over,
  });

async function addSession(studyId: number, over: Record<string, string | string[]> = {}) {
  const url = `/staff/studies/${studyId}/sessions/new`;
  return postForm(organizer, url, url, sessionForm(over));
}

const audits = (type: string, id: number) =>
  ctx.db
    .selectFrom('audit_log')
    .select(['action', 'actor_staff_id', 'details'])
    .where('subject_type', '=', type)
    .where('subject_id', '=', String(id))
    .orderBy('id')
    .execute();

describe('studies', () => {
  test('an organizer creates a study: stored with its lists, team and an audit row', async () => {
    const id = await createStudy();
    const study = await ctx.db
      .selectFrom('studies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(study).toMatchObject({
      title: 'Bulky Item pickup: intake',
      status: 'draft',
      target_participants: 24,
      incentive_cents: 5000,
      incentive_kind: 'gift_card',
      reminder_offsets: '[48,2]',
    });
    const team = await ctx.db
      .selectFrom('study_team')
      .select(['staff_user_id', 'role'])
      .where('study_id', '=', id)
      .orderBy('role')
      .execute();
    expect(team).toEqual([
      { staff_user_id: facilitatorId, role: 'facilitator' },
      { staff_user_id: noteTakerId, role: 'note_taker' },
      { staff_user_id: organizerId, role: 'organizer' },
    ]);
    expect(await audits('study', id)).toEqual([
      { action: 'study.create', actor_staff_id: organizerId, details: '{}' },
    ]);
    const page = await organizer.get(`/staff/studies/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Bulky Item pickup: intake');
    expect(page.text).toContain('$50 gift card');
    expect(page.text).toContain('48 hours and 2 hours before each session');
  });

  test('bad input: 400, the error summary, what was typed kept, nothing stored', async () => {
    const before = await ctx.db.selectFrom('studies').select('id').execute();
    const res = await postForm(
      organizer,
      '/staff/studies/new',
      '/staff/studies/new',
      studyForm({
        title: 'Graffiti <b>removal</b>',
        stages: [],
        reminderOffsets: '48, 400',
        targetParticipants: 'lots',
        organizers: [],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toMatch(/<title>Error: /);
    expect(res.text).toContain('Choose at least one life-cycle stage');
    expect(res.text).toContain('whole hours between 1 and 336');
    expect(res.text).toContain('Enter a target number of participants between 1 and 1000');
    expect(res.text).toContain('Choose at least one organizer');
    expect(res.text).toContain('value="Graffiti &lt;b&gt;removal&lt;/b&gt;"');
    expect(res.text).toContain('value="48, 400"');
    expect(await ctx.db.selectFrom('studies').select('id').execute()).toEqual(before);
  });

  test('a team member who is not an active staff account is refused', async () => {
    const res = await postForm(
      organizer,
      '/staff/studies/new',
      '/staff/studies/new',
      studyForm({ facilitators: ['99999'] }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose people with an active staff account');
  });

  test('edit: the form shows what is stored, saving changes it and is audited', async () => {
    const id = await createStudy();
    const form = await organizer.get(`/staff/studies/${id}/edit`);
    expect(form.text).toContain('value="48, 2"');
    const res = await postForm(
      organizer,
      `/staff/studies/${id}/edit`,
      `/staff/studies/${id}/edit`,
      studyForm({
        title: 'Bulky Items: hearing back',
        stages: ['communication'],
        reminderOffsets: '2, 72, 24',
      }),
    );
    expect(res.status).toBe(303);
    const study = await ctx.db
      .selectFrom('studies')
      .select(['title', 'reminder_offsets'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(study).toEqual({ title: 'Bulky Items: hearing back', reminder_offsets: '[72,24,2]' });
    expect((await audits('study', id)).map((a) => a.action)).toEqual([
      'study.create',
      'study.edit',
    ]);
  });

  test('status: allowed steps only, each audited; a refused step is explained on the page', async () => {
    const id = await createStudy();
    const page = `/staff/studies/${id}`;
    const refused = await postForm(organizer, page, `${page}/status`, { status: 'running' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('A draft study cannot be moved to running');
    expect(refused.text).toContain('There is a problem');
    const ok = await postForm(organizer, page, `${page}/status`, { status: 'recruiting' });
    expect(ok.status).toBe(303);
    expect((await organizer.get(page)).text).toContain('Mark as running');
    const row = await ctx.db
      .selectFrom('studies')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('recruiting');
    const last = (await audits('study', id)).pop();
    expect(last).toEqual({
      action: 'study.status',
      actor_staff_id: organizerId,
      details: JSON.stringify({ from: 'draft', to: 'recruiting' }),
    });
  });

  test('an archived study and its sessions no longer change', async () => {
    const id = await createStudy({ title: 'To archive' });
    const session = await addSession(id);
    expect(session.status).toBe(303);
    const page = `/staff/studies/${id}`;
    await postForm(organizer, page, `${page}/status`, { status: 'archived' });
    const shown = await organizer.get(page);
    expect(shown.text).not.toContain('Edit study');
    expect(shown.text).not.toContain('Add a session');
    const edit = await postForm(organizer, `${page}/edit`, `${page}/edit`, studyForm());
    expect(edit.status).toBe(400);
    expect(edit.text).toContain('This study is archived and can no longer be changed');
    const add = await addSession(id);
    expect(add.status).toBe(400);
    expect(add.text).toContain('its sessions can no longer be added or changed');
    const sessionPage = await organizer.get(session.headers.location);
    expect(sessionPage.status).toBe(200);
    expect(sessionPage.text).not.toContain('Edit session');
    expect((await audits('study', id)).map((a) => a.action)).toEqual([
      'study.create',
      'study.status',
    ]);
  });

  test('the list filters by status and counts each', async () => {
    const id = await createStudy({ title: 'Archived one' });
    await postForm(organizer, `/staff/studies/${id}`, `/staff/studies/${id}/status`, {
      status: 'archived',
    });
    const all = await organizer.get('/staff/studies');
    expect(all.text).toContain('Archived one');
    const archivedCount = (
      await ctx.db.selectFrom('studies').select('id').where('status', '=', 'archived').execute()
    ).length;
    expect(archivedCount).toBeGreaterThan(0);
    expect(all.text).toContain(`Archived <span class="cp-count-badge">(${archivedCount})</span>`);
    const drafts = await organizer.get('/staff/studies?status=draft');
    expect(drafts.text).not.toContain('Archived one');
    expect(drafts.text).toContain('Bulky Item pickup: intake');
    const archived = await organizer.get('/staff/studies?status=archived');
    expect(archived.text).toContain('Archived one');
    expect(archived.text).not.toContain('Bulky Item pickup: intake');
  });
});

describe('sessions', () => {
  let studyId: number;
  beforeAll(async () => {
    studyId = await createStudy({ title: 'Sessions study' });
  });

  const stored = (id: number) =>
    ctx.db.selectFrom('study_sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const idFrom = (location: string) => Number(/\/sessions\/(\d+)$/.exec(location)![1]);

  test('a summer session is stored as its UTC instant (PDT, UTC-7) and shown as typed', async () => {
    const res = await addSession(studyId);
    expect(res.status).toBe(303);
    const id = idFrom(res.headers.location);
    const row = await stored(id);
    expect(row).toMatchObject({
      starts_at: '2027-07-16T01:00:00.000Z',
      registration_deadline: '2027-07-13T19:00:00.000Z',
      mode: 'in_person',
      step_free: 1,
      video_url: null,
      capacity: 8,
      extra_seats: 2,
      seats_taken: 0,
      incentive_cents: 5000,
      facilitator_id: facilitatorId,
      status: 'scheduled',
    });
    const interp = await ctx.db
      .selectFrom('session_interpretation')
      .select('language')
      .where('session_id', '=', id)
      .execute();
    expect(interp).toEqual([{ language: 'es' }]);
    const page = await organizer.get(res.headers.location);
    expect(page.text).toContain('Thu, Jul 15, 2027, 6:00 PM PDT');
    expect(page.text).toContain('Tue, Jul 13, 2027, 12:00 PM PDT');
    expect((await audits('session', id)).map((a) => a.action)).toEqual(['session.create']);
    // The list names the study's next session, in city time.
    const list = await organizer.get('/staff/studies');
    expect(list.status).toBe(200);
    expect(list.text).toContain('Thu, Jul 15, 2027, 6:00 PM PDT');
  });

  test('a winter session is stored at UTC-8 (PST)', async () => {
    const res = await addSession(studyId, {
      startsAt: '2027-01-20T18:00',
      registrationDeadline: '2027-01-18T12:00',
    });
    const row = await stored(idFrom(res.headers.location));
    expect(row.starts_at).toBe('2027-01-21T02:00:00.000Z');
    expect((await organizer.get(res.headers.location)).text).toContain('6:00 PM PST');
  });

  test('a time skipped when the clocks spring forward is refused, with the typed value kept', async () => {
    const before = await ctx.db.selectFrom('study_sessions').select('id').execute();
    const res = await addSession(studyId, {
      startsAt: '2027-03-14T02:30',
      registrationDeadline: '2027-03-10T12:00',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain(
      'The start does not exist: the clocks go forward an hour that night',
    );
    expect(res.text).toContain('value="2027-03-14T02:30"');
    expect(await ctx.db.selectFrom('study_sessions').select('id').execute()).toEqual(before);
  });

  test('a time that happens twice is its first occurrence (PDT), and the pages say so', async () => {
    const res = await addSession(studyId, {
      startsAt: '2026-11-01T01:30',
      registrationDeadline: '2026-10-30T12:00',
    });
    expect(res.status).toBe(303);
    const row = await stored(idFrom(res.headers.location));
    expect(row.starts_at).toBe('2026-11-01T08:30:00.000Z');
    const page = await organizer.get(res.headers.location);
    expect(page.text).toContain('Sun, Nov 1, 2026, 1:30 AM PDT');
    expect(page.text).toContain('the first one was taken');
    expect(page.text).toContain('happens twice: this is the first one (PDT)');
  });

  test('what the mode needs is required; what it does not use is not stored', async () => {
    const online = await addSession(studyId, { mode: 'online', videoUrl: '' });
    expect(online.status).toBe(400);
    expect(online.text).toContain('Enter the video link');
    const http = await addSession(studyId, {
      mode: 'online',
      videoUrl: 'http://meet.example.com/x',
    });
    expect(http.text).toContain('starting with https://');
    const hybrid = await addSession(studyId, { mode: 'hybrid', placeName: '', stepFree: '' });
    expect(hybrid.status).toBe(400);
    expect(hybrid.text).toContain('Enter the name of the place');
    expect(hybrid.text).toContain('Say whether the entrance is step-free');
    expect(hybrid.text).toContain('Enter the video link');
    const ok = await addSession(studyId, {
      mode: 'online',
      videoUrl: 'https://meet.example.com/bulky',
    });
    expect(ok.status).toBe(303);
    const row = await stored(idFrom(ok.headers.location));
    expect(row).toMatchObject({ place_name: null, address: null, step_free: null, parking: null });
    expect(row.video_url).toBe('https://meet.example.com/bulky');
  });

  test('the deadline must come before the start; numbers within their limits', async () => {
    const res = await addSession(studyId, {
      registrationDeadline: '2027-07-15T18:00',
      capacity: '201',
      extraSeats: '51',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('The registration deadline must be before the start');
    expect(res.text).toContain('Enter a capacity between 1 and 200');
    expect(res.text).toContain('Enter extra seats between 0 and 50');
  });

  test('the facilitator and note-taker must be on the team in that role', async () => {
    const res = await addSession(studyId, {
      facilitatorId: String(noteTakerId),
      noteTakerId: String(facilitatorId),
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Choose a facilitator from the study&#39;s team');
    expect(res.text).toContain('Choose a note-taker from the study&#39;s team');
  });

  test('edit: the form shows local times; saving a winter time moves the instant, audited', async () => {
    const created = await addSession(studyId);
    const id = idFrom(created.headers.location);
    const editUrl = `/staff/studies/${studyId}/sessions/${id}/edit`;
    const form = await organizer.get(editUrl);
    expect(form.text).toContain('value="2027-07-15T18:00"');
    const res = await postForm(
      organizer,
      editUrl,
      editUrl,
      sessionForm({
        startsAt: '2027-12-02T18:00',
        registrationDeadline: '2027-11-30T12:00',
        interpretation: [],
        language: 'es',
      }),
    );
    expect(res.status).toBe(303);
    const row = await stored(id);
    expect(row.starts_at).toBe('2027-12-03T02:00:00.000Z');
    expect(row.language).toBe('es');
    expect((await audits('session', id)).map((a) => a.action)).toEqual([
      'session.create',
      'session.edit',
    ]);
  });

  test('someone assigned to a session stays on the team until the session has someone else', async () => {
    const id = await createStudy({ title: 'Team guard' });
    await addSession(id);
    const edit = `/staff/studies/${id}/edit`;
    const res = await postForm(
      organizer,
      edit,
      edit,
      studyForm({ title: 'Team guard', facilitators: [], noteTakers: [] }),
    );
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/Facilitator \d+ facilitates a session of this study/);
    expect(res.text).toMatch(/Analyst \d+ takes notes at a session of this study/);
    const kept = await postForm(organizer, edit, edit, studyForm({ title: 'Team guard, renamed' }));
    expect(kept.status).toBe(303);
  });

  test('the seat columns refuse more seats taken than capacity + extra seats (for registrations)', async () => {
    const res = await addSession(studyId);
    const id = idFrom(res.headers.location);
    const take = (n: number) =>
      ctx.db.updateTable('study_sessions').set({ seats_taken: n }).where('id', '=', id).execute();
    expect(await stored(id)).toMatchObject({ capacity: 8, extra_seats: 2, seats_taken: 0 });
    await take(10);
    expect((await stored(id)).seats_taken).toBe(10);
    // Matched by code: the driver's error may come from another realm than Jest's Error.
    const refused = { code: 'SQLITE_CONSTRAINT_CHECK' };
    await expect(take(11)).rejects.toMatchObject(refused);
    await expect(take(-1)).rejects.toMatchObject(refused);
    expect((await stored(id)).seats_taken).toBe(10);
  });

  test('a session of another study is not found under this one', async () => {
    const other = await createStudy({ title: 'Other' });
    const res = await addSession(studyId);
    const id = idFrom(res.headers.location);
    expect((await organizer.get(`/staff/studies/${other}/sessions/${id}`)).status).toBe(404);
    expect((await organizer.get(`/staff/studies/${studyId}/sessions/${id}`)).status).toBe(200);
  });
});

describe('access', () => {
  test.each(['facilitator', 'analyst'] as const)(
    'a %s gets 403 and changes nothing',
    async (role) => {
      const agent = await signedIn(ctx, await createStaff(ctx, role));
      expect((await agent.get('/staff/studies')).status).toBe(403);
      expect((await agent.get('/staff/studies/new')).status).toBe(403);
      const res = await postForm(
        agent,
        '/staff/account/password',
        '/staff/studies/new',
        studyForm(),
      );
      expect(res.status).toBe(403);
      const nav = await agent.get('/staff');
      expect(nav.text).not.toContain('href="/staff/studies"');
    },
  );

  test('organizers see Studies in the staff navigation', async () => {
    expect((await organizer.get('/staff')).text).toContain('href="/staff/studies"');
  });
});
