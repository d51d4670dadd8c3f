import { addInvitationLink } from '../src/studies/invitations/invitation-links';
import { insertInvitations } from '../src/studies/invitations/invitations.queries';
import { cookieJar, csrfFrom, startApp, type BenchClient } from './app';
import { copyDataset, type BenchEnv } from './dataset';
import type { Measurement } from './measurement';
import { runLoad } from './load';
import { formatSummary, summarize } from './stats';

/**
 * Residents registering through their invitation links, as real HTTP requests to a listening
 * server (every middleware, the seat guard's transaction, both emails composed, the outbox):
 * each resident follows GET /r/:token (a session cookie), GET /r/i/:id (the CSRF token), then all
 * POST /r/i/:id at once with at most CONCURRENCY in flight, sent from a worker thread (bench/load.ts). Figures: registrations per second,
 * p50/p95/p99 of the POST, and the invariant (confirmed = seats, the rest waitlisted).
 *
 * Runs on a copy of the bench database (tmp/bench/registration.sqlite, made afresh each run), so
 * the studies and invitations it creates never reach the dataset the other measurements use.
 */
const PEOPLE = 240;
const LEVELS = [20, 50];
const SESSIONS = 4;
const CAPACITY = 10;
const EXTRA = 2;
/** p99 of the registration POST at concurrency 20 on the 2-core bench machine. */
const TARGET_P99 = 1000;

export const registrationBench: Measurement = {
  name: 'registration',
  title: `Resident registration through /r/ (full stack, real HTTP): ${PEOPLE} residents per run, ${SESSIONS} sessions of ${CAPACITY} + ${EXTRA} seats, concurrency ${LEVELS.join(' and ')}`,
  async run(base) {
    const { env, remove } = copyDataset(base, 'registration');
    const { opened } = env;
    const app = await startApp(env);
    try {
      const organizer = await app.signIn('organizer');
      const { db } = opened;
      const me = await db
        .selectFrom('staff_users')
        .select('id')
        .where('email', '=', 'bench-organizer@city.test')
        .executeTakeFirstOrThrow();
      // People every session suits: active, English, email, not online-only.
      const people = (
        await db
          .selectFrom('participants')
          .select('id')
          .where('status', '=', 'active')
          .where('language', '=', 'en')
          .where('email', 'is not', null)
          .where('format_preference', 'in', ['in_person', 'either'])
          .orderBy('id')
          .limit(PEOPLE)
          .execute()
      ).map((p) => p.id);
      if (people.length < PEOPLE) throw new Error(`only ${people.length} suitable people`);

      let target = 'NOT MEASURED';
      for (const concurrency of LEVELS) {
        const { studyId, sessions } = await openStudy(organizer, me.id, concurrency);
        const residents = await prepareResidents(env, app.baseUrl, studyId, people);
        // Each picks a session in turn, "a seat, else the waitlist".
        const choice = (i: number) => `${sessions[i % SESSIONS]}-waitlist`;

        const { latencies, statuses, seconds } = await runLoad({
          baseUrl: app.baseUrl,
          concurrency,
          requests: residents.map((r, i) => ({
            path: r.url,
            cookie: r.cookie,
            form: { _csrf: r.token, session: choice(i), accommodations: '' },
          })),
        });

        const s = summarize(latencies);
        console.log(`concurrency ${concurrency}:`);
        console.log(
          `  ${PEOPLE} registrations in ${seconds.toFixed(2)} s → ${(PEOPLE / seconds).toFixed(1)} registrations/s; answers ${Object.entries(
            statuses,
          )
            .map(([k, v]) => `${k}×${v}`)
            .join(', ')}`,
        );
        console.log(`  ${formatSummary('POST /r/i/:id', s)}`);
        console.log(`  ${await invariant(env, sessions)}`);
        if (concurrency === 20)
          target = `${s.p99 < TARGET_P99 ? 'MET' : 'NOT MET'} (p99 ${s.p99.toFixed(1)} ms, ${(s.p99 / TARGET_P99).toFixed(2)} of the target)`;
      }
      console.log(`target p99 < ${TARGET_P99} ms at concurrency 20: ${target}`);
    } finally {
      await app.close();
      await remove();
    }
  },
};

/** A recruiting study with SESSIONS in-person English sessions, made through the staff forms. */
async function openStudy(
  organizer: BenchClient,
  me: number,
  run: number,
): Promise<{ studyId: number; sessions: number[] }> {
  const created = await organizer.post('/staff/studies/new', '/staff/studies/new', {
    title: `Registration bench (concurrency ${run})`,
    purpose: 'How fast residents can register for a session.',
    requestTypes: ['Bulky Items'],
    stages: ['intake'],
    targetParticipants: String(SESSIONS * CAPACITY),
    incentiveAmount: '50',
    incentiveKind: 'gift_card',
    reminderOffsets: '48, 2',
    organizers: [String(me)],
  });
  if (created.status !== 303) throw new Error(`study not created: ${created.status}`);
  const studyId = Number(/\/staff\/studies\/(\d+)$/.exec(created.location)![1]);
  const sessions: number[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const url = `/staff/studies/${studyId}/sessions/new`;
    const added = await organizer.post(url, url, {
      startsAt: `2027-07-${15 + i}T18:00`,
      durationMinutes: '90',
      mode: 'in_person',
      placeName: 'Central Library',
      address: '630 W 5th St, Los Angeles, CA 90071',
      stepFree: 'yes',
      parking: 'Validated parking at 524 S Flower St',
      transit: 'Metro B and D Lines to Pershing Square',
      videoUrl: '',
      language: 'en',
      interpretation: ['es'],
      capacity: String(CAPACITY),
      extraSeats: String(EXTRA),
      registrationDeadline: `2027-07-${13 + i}T12:00`,
      facilitatorId: '',
      noteTakerId: '',
      incentiveAmount: '50',
      incentiveKind: 'gift_card',
    });
    if (added.status !== 303) throw new Error(`session not added: ${added.status}`);
    sessions.push(Number(/\/sessions\/(\d+)$/.exec(added.location)![1]));
  }
  const page = `/staff/studies/${studyId}`;
  const opened = await organizer.post(page, `${page}/status`, { status: 'recruiting' });
  if (opened.status !== 303) throw new Error(`study not opened: ${opened.status}`);
  return { studyId, sessions };
}

interface Resident {
  url: string;
  cookie: string;
  token: string;
}

/**
 * Invites everyone (rows and /r/ links as the staff side makes them), then each follows their
 * link in their own session: GET /r/:token → cookie, GET /r/i/:id → the form's CSRF token.
 */
async function prepareResidents(
  env: BenchEnv,
  baseUrl: string,
  studyId: number,
  people: number[],
): Promise<Resident[]> {
  const { db } = env.opened;
  const now = new Date();
  const invitations = await insertInvitations(
    db,
    people.map((id) => ({
      study_id: studyId,
      participant_id: id,
      draw_id: null,
      channel: 'email' as const,
      invited_at: now.toISOString(),
    })),
  );
  const links: string[] = [];
  for (const invitation of invitations) links.push(await addInvitationLink(db, invitation, now));
  const residents: Resident[] = [];
  for (const link of links) {
    const follow = await fetch(`${baseUrl}${link}`, { redirect: 'manual' });
    await follow.text();
    if (follow.status !== 303) throw new Error(`invitation link refused: ${follow.status}`);
    const jar = cookieJar();
    jar.keep(follow);
    const cookie = jar.header();
    const url = follow.headers.get('location')!.split('?')[0];
    const page = await fetch(`${baseUrl}${url}`, { headers: { cookie } });
    const token = csrfFrom(await page.text());
    if (page.status !== 200 || !token) throw new Error(`invitation page: ${page.status}`);
    residents.push({ url, cookie, token });
  }
  return residents;
}

/** Per session: confirmed = seats taken = capacity + extra, the rest waitlisted, no one twice. */
async function invariant(env: BenchEnv, sessions: number[]): Promise<string> {
  const { db } = env.opened;
  const regs = await db
    .selectFrom('registrations')
    .select(['session_id', 'participant_id', 'status'])
    .where('session_id', 'in', sessions)
    .execute();
  const rows = await db
    .selectFrom('study_sessions')
    .select(['id', 'seats_taken'])
    .where('id', 'in', sessions)
    .execute();
  const seats = CAPACITY + EXTRA;
  const problems: string[] = [];
  for (const id of sessions) {
    const mine = regs.filter((r) => r.session_id === id);
    const confirmed = mine.filter((r) => r.status === 'confirmed').length;
    const waitlisted = mine.filter((r) => r.status === 'waitlisted').length;
    const taken = rows.find((r) => r.id === id)?.seats_taken;
    const expected = Math.min(seats, mine.length);
    if (confirmed !== expected || taken !== confirmed || confirmed + waitlisted !== mine.length)
      problems.push(
        `session ${id}: ${confirmed} confirmed, ${waitlisted} waitlisted, seats taken ${taken}`,
      );
  }
  const confirmed = regs.filter((r) => r.status === 'confirmed').length;
  const waitlisted = regs.filter((r) => r.status === 'waitlisted').length;
  if (regs.length !== PEOPLE) problems.push(`${regs.length} registrations for ${PEOPLE} people`);
  if (new Set(regs.map((r) => r.participant_id)).size !== regs.length)
    problems.push('someone registered twice');
  return `invariant: ${confirmed} confirmed (${sessions.length} × ${seats} seats), ${waitlisted} waitlisted — ${problems.length ? `BROKEN: ${problems.join('; ')}` : 'HOLDS (no overbooking)'}`;
}
