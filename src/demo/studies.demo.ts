import { DateTime } from 'luxon';
import { DAY, HOUR, MINUTE, type FakeClock } from '../clock';
import type { CityNames } from '../config';
import type { DB } from '../db/database';
import type { Mailer } from '../mail/mailer';
import type { ParticipantService } from '../participants/participants.service';
import type { SeededRandom } from '../random';
import type { ReferenceData } from '../reference/reference.queries';
import type { StaffService } from '../staff/staff.service';
import { parseCityTime } from '../studies/city-time';
import { suits } from '../studies/registration/resident/resident.rules';
import type { SessionInput } from '../studies/sessions/session.schema';
import { queryStringOf, parseQueryString } from '../studies/sampling/draw';
import { studiesFeature } from '../studies/studies.feature';
import type { StudyInput } from '../studies/study/study.schema';
import { invitees, registrationsOfSession, studyIdByTitle } from './studies.queries';

/*
 * Two studies about the city's 311 service, built through the studies feature's own services on
 * the demo's FakeClock: the clock goes back to when each study started, then forward through its
 * invitations, registrations, cancellations, check-ins and incentives, and ends at `end`. Past
 * sessions are a few weeks back (every confirmed seat there has an outcome, so no reminder of
 * them is ever due), future ones in the next weeks (one full, with a waitlist).
 */

interface SessionSpec {
  /** Days from `end` (negative: past), and the local start time in the city. */
  day: number;
  time: string;
  language: string;
  interpretation: string[];
  mode: 'in_person' | 'online' | 'hybrid';
  place: string | null;
  address: string | null;
  capacity: number;
}

interface StudySpec {
  title: string;
  purpose: (service311: string) => string;
  requestType: string;
  stage: 'intake' | 'fulfillment' | 'communication';
  startedDaysAgo: number;
  seed: string;
  sessions: SessionSpec[];
}

const VIDEO = 'https://meet.example.org/civic-panel-demo';

export const DEMO_STUDIES: StudySpec[] = [
  {
    title: 'Bulky Item pickup: intake',
    purpose: (s) =>
      `How residents ask for a Bulky Item pickup through ${s}: which channel they start from, what the form asks that they cannot answer, and where they give up.`,
    requestType: 'Bulky Items',
    stage: 'intake',
    startedDaysAgo: 42,
    seed: 'demo-bulky-intake',
    sessions: [
      {
        day: -24,
        time: '18:00',
        language: 'en',
        interpretation: ['es', 'ko'],
        mode: 'in_person',
        place: 'Van Nuys Civic Center, Community Room',
        address: '14410 Sylvan St, Van Nuys, CA 91401',
        capacity: 12,
      },
      {
        day: -17,
        time: '10:00',
        language: 'es',
        interpretation: [],
        mode: 'in_person',
        place: 'Boyle Heights City Hall',
        address: '2130 E 1st St, Los Angeles, CA 90033',
        capacity: 10,
      },
      {
        day: 9,
        time: '18:00',
        language: 'en',
        interpretation: [],
        mode: 'online',
        place: null,
        address: null,
        capacity: 5,
      },
      {
        day: 16,
        time: '10:00',
        language: 'es',
        interpretation: [],
        mode: 'in_person',
        place: 'Boyle Heights City Hall',
        address: '2130 E 1st St, Los Angeles, CA 90033',
        capacity: 10,
      },
    ],
  },
  {
    title: 'Graffiti removal: hearing back',
    purpose: (s) =>
      `What residents expect to hear after reporting graffiti through ${s}, and what they make of the messages they get when a crew has been out.`,
    requestType: 'Graffiti Removal',
    stage: 'communication',
    startedDaysAgo: 35,
    seed: 'demo-graffiti-hearing',
    sessions: [
      {
        day: -20,
        time: '17:30',
        language: 'en',
        interpretation: ['es'],
        mode: 'hybrid',
        place: 'Wilshire Park Library, Meeting Room',
        address: '4150 W 6th St, Los Angeles, CA 90020',
        capacity: 12,
      },
      {
        day: -13,
        time: '11:00',
        language: 'es',
        interpretation: [],
        mode: 'online',
        place: null,
        address: null,
        capacity: 10,
      },
      {
        day: 6,
        time: '18:30',
        language: 'en',
        interpretation: ['hy'],
        mode: 'in_person',
        place: 'North Hollywood Recreation Center',
        address: '11430 Chandler Blvd, North Hollywood, CA 91601',
        capacity: 5,
      },
      {
        day: 20,
        time: '11:00',
        language: 'es',
        interpretation: [],
        mode: 'online',
        place: null,
        address: null,
        capacity: 10,
      },
    ],
  },
];

export interface DemoStudiesDeps {
  db: DB;
  clock: FakeClock;
  rnd: SeededRandom;
  end: Date;
  mailer: Mailer;
  participants: ParticipantService;
  staff: StaffService;
  ref: ReferenceData;
  config: { baseUrl: string; cityNames: CityNames; cityTimeZone: string };
  /** The demo's organizer and facilitator accounts. */
  organizerId: number;
  facilitatorId: number;
}

/** Adds the demo studies that are not there yet (by title); returns the titles added. */
export async function seedDemoStudies(d: DemoStudiesDeps): Promise<string[]> {
  const added: string[] = [];
  for (const spec of DEMO_STUDIES) {
    if ((await studyIdByTitle(d.db, spec.title)) !== null) continue;
    await seedStudy(d, spec);
    added.push(spec.title);
  }
  d.clock.set(d.end);
  return added;
}

async function seedStudy(d: DemoStudiesDeps, spec: StudySpec): Promise<void> {
  const { db, clock, rnd } = d;
  const zone = d.config.cityTimeZone;
  const s = studiesFeature({
    db,
    clock,
    config: d.config,
    mailer: d.mailer,
    ref: d.ref,
    staff: d.staff,
    participants: d.participants,
  });
  const organizer = d.organizerId;
  const facilitator = d.facilitatorId;
  // A moment on a day `days` from the end: `extra` after midnight in the city.
  const midnight = DateTime.fromJSDate(d.end).setZone(zone).startOf('day');
  const at = (days: number, extra: number) =>
    clock.set(new Date(midnight.plus({ days }).toMillis() + extra));

  // The study, its sessions, recruiting.
  at(-spec.startedDaysAgo, 9 * HOUR + 30 * MINUTE);
  const study: StudyInput = {
    title: spec.title,
    purpose: spec.purpose(d.config.cityNames.service311),
    requestTypes: [spec.requestType],
    stages: [spec.stage],
    targetParticipants: 30,
    incentiveAmount: 5000,
    incentiveKind: 'gift_card',
    reminderOffsets: [48, 2],
    organizers: [organizer],
    facilitators: [facilitator],
    noteTakers: [organizer],
  };
  const studyId = await s.studies.create(study, organizer);
  const sessions: { id: number; spec: SessionSpec; startsAt: number }[] = [];
  const suitable = (p: Invitee, x: { spec: SessionSpec }) =>
    suits(p, { language: x.spec.language, mode: x.spec.mode }, x.spec.interpretation);
  for (const ss of spec.sessions) {
    const startsAt = cityStart(d.end, ss.day, ss.time, zone);
    const input: SessionInput = {
      startsAt,
      ambiguousStart: false,
      registrationDeadline: new Date(Date.parse(startsAt) - DAY).toISOString(),
      durationMinutes: 90,
      mode: ss.mode,
      placeName: ss.place,
      address: ss.address,
      stepFree: ss.place ? true : null,
      parking: ss.place ? 'Free parking behind the building' : null,
      transit: ss.place ? 'Metro bus lines stop at the corner' : null,
      videoUrl: ss.mode === 'in_person' ? null : VIDEO,
      language: ss.language,
      interpretation: ss.interpretation,
      capacity: ss.capacity,
      extraSeats: 0,
      facilitatorId: facilitator,
      noteTakerId: organizer,
      incentiveAmount: 5000,
      incentiveKind: 'gift_card',
    };
    sessions.push({
      id: await s.sessions.create(studyId, input, organizer),
      spec: ss,
      startsAt: Date.parse(startsAt),
    });
  }
  await s.studies.move(studyId, 'recruiting', organizer);

  // Invitations from a stored draw (by email, or onto the call list for people reached by phone).
  clock.set(new Date(clock.now().getTime() + 2 * HOUR));
  const query = parseQueryString(
    queryStringOf({ size: '40', coolDownDays: '90', seed: spec.seed }),
  );
  const service311 = d.config.cityNames.service311;
  const form = s.drawer.validate(query, service311);
  if (!form.ok) throw new Error(`The demo draw is not valid: ${JSON.stringify(form.errors)}`);
  const drawn = await s.drawer.draw(studyId, query, form.data);
  if (drawn.result.ids.length)
    await s.invitations.send(
      studyId,
      queryStringOf(query),
      drawn.fingerprint,
      organizer,
      service311,
    );

  // Answers over the next week: registrations by web and by phone, calls that reached no one.
  const people = await invitees(db, studyId);
  const past = sessions.filter((x) => x.spec.day < 0);
  const future = sessions.filter((x) => x.spec.day > 0);
  const full = future.find((x) => x.spec.language === 'en')!;
  const unanswered: typeof people = [];
  const start = -spec.startedDaysAgo;
  for (const p of people) {
    at(start + rnd.int(1, 7), rnd.int(9 * 60, 20 * 60) * MINUTE);
    // Only sessions in their language (or interpreted into it), in a format they can attend.
    const group = sessions.filter((x) => suitable(p, x));
    const session = group.length ? rnd.pick(group) : null;
    if (p.channel === 'email') {
      if (!session || !rnd.chance(0.6)) {
        unanswered.push(p);
        continue;
      }
      await s.registrations.register(session.id, p.participant_id, {
        channel: 'web',
        accommodations: null,
        staffId: null,
      });
      continue;
    }
    const outcome = rnd.weighted([
      ['reached', 6],
      ['declined', 2],
      ['no_answer', 2],
      [null, 1],
    ] as const);
    if (outcome === 'reached' && session)
      await s.invitations.registerByPhone(
        studyId,
        p.id,
        { sessionId: session.id, accommodations: null },
        facilitator,
      );
    else {
      if (outcome)
        await s.invitations.recordCall(
          studyId,
          p.id,
          outcome === 'reached' ? 'no_answer' : outcome,
          facilitator,
        );
      if (outcome !== 'declined') unanswered.push(p);
    }
  }

  // A cancellation on the full session (its seat goes to the first waitlisted person), then
  // late answers until it has a waitlist.
  at(start + 9, 10 * HOUR);
  const onFull = await registrationsOfSession(db, full.id);
  const leaving = onFull.find((r) => r.status === 'confirmed');
  if (leaving) await s.registrations.cancel(full.id, leaving.id, null);
  const late = unanswered.filter((p) => suitable(p, full));
  while (
    late.length &&
    (await registrationsOfSession(db, full.id)).filter((r) => r.status === 'waitlisted').length < 2
  ) {
    const p = late.shift()!;
    clock.set(new Date(clock.now().getTime() + rnd.int(20, 200) * MINUTE));
    unanswered.splice(unanswered.indexOf(p), 1);
    await s.registrations.register(full.id, p.participant_id, {
      channel: p.channel === 'email' ? 'web' : 'phone',
      accommodations: null,
      staffId: p.channel === 'email' ? null : facilitator,
    });
  }

  // The past sessions: a cancellation days before, a late one on the day, then check-in
  // (attended or no-show for every seat, one walk-in) and incentives handed out after.
  for (const [i, x] of past.entries()) {
    const regs = () => registrationsOfSession(db, x.id);
    const confirmed = (await regs()).filter((r) => r.status === 'confirmed');
    if (confirmed.length > 2) {
      clock.set(new Date(x.startsAt - 4 * DAY));
      await s.registrations.cancel(x.id, confirmed[confirmed.length - 1].id, null);
      clock.set(new Date(x.startsAt - 5 * HOUR));
      await s.registrations.cancel(x.id, confirmed[0].id, facilitator);
    }
    clock.set(new Date(x.startsAt + 10 * MINUTE));
    const viewer = { id: facilitator, role: 'facilitator' as const };
    const rs = await s.attendance.session(studyId, x.id, viewer);
    // Most come; the second seat of each session is always a no-show, so every study has one.
    const seated = (await regs()).filter((r) => r.status === 'confirmed');
    for (const [j, r] of seated.entries()) {
      const came = j !== 1 && (j === 0 || rnd.chance(0.8));
      await s.attendance.record(rs, r.id, came ? 'attended' : 'no_show', facilitator);
    }
    const walkIn = i === 0 ? unanswered.find((p) => suitable(p, x)) : undefined;
    if (walkIn) unanswered.splice(unanswered.indexOf(walkIn), 1);
    if (walkIn) await s.walkIns.fromPool(rs, walkIn.participant_id, facilitator);

    clock.set(new Date(x.startsAt + 2 * HOUR));
    const issuedOn = s.incentives.today();
    for (const r of await regs())
      if (r.status === 'attended' && rnd.chance(0.7))
        await s.incentives.issue(
          rs,
          {
            registrationId: r.id,
            method: 'gift_card',
            amount: 5000,
            issuedOn,
            referenceNote: `Card ending ${String(rnd.int(0, 9999)).padStart(4, '0')}`,
          },
          facilitator,
        );
  }
}

type Invitee = Awaited<ReturnType<typeof invitees>>[number];

/** The start of a session `day` days from `end`, at `time` in the city, as a UTC instant. */
function cityStart(end: Date, day: number, time: string, zone: string): string {
  const date = DateTime.fromJSDate(end).setZone(zone).plus({ days: day }).toISODate();
  const t = parseCityTime(`${date}T${time}`, zone);
  if (!t.ok) throw new Error(`The demo session time ${date} ${time} does not exist`);
  return t.utc;
}
