import { MINUTE, type FakeClock } from '../clock';
import type { DB } from '../db/database';
import type { NoteDriver, NoteSentiment } from '../db/schema';
import { ValidationError } from '../errors';
import { feedbackServices } from '../feedback/feedback.feature';
import { noteCount } from '../feedback/notes.queries';
import type { NoteInput } from '../feedback/notes.schema';
import type { SeededRandom } from '../random';
import { AttendanceService } from '../studies/attendance/attendance.service';
import { DEMO_STUDIES } from './studies.demo';
import { sessionsOfStudy, studyIdByTitle } from './studies.queries';

/*
 * Coded notes of the demo studies' past sessions, written through the feedback feature's own
 * services by the session's facilitator and note-taker while it ran: 8–15 a session, over the
 * services, stages, drivers and sentiments, some verbatim quotes with a pseudonym within the
 * roster, some themes (the demo's list, and one proposed from a note). A session that has notes
 * already is left alone, so a second run adds none.
 */

type Stage = 'intake' | 'fulfillment' | 'communication';

interface Observation {
  body: string;
  service: 'study' | 'general' | string;
  stage: Stage | null;
  driver: NoteDriver | null;
  sentiment: NoteSentiment | null;
  quote?: boolean;
  themes?: string[];
  newTheme?: string;
}

export const DEMO_THEMES = [
  'Form asks for what people do not know',
  'No word after reporting',
  'Pickup window too vague',
  'Language access',
  'Photos help',
  'Trust that the City acts',
];

/** What people said at any session about 311 as a whole. */
const GENERAL_NOTES: Observation[] = [
  {
    body: 'I never know if calling or the app is faster, so I do both.',
    service: 'general',
    stage: 'intake',
    driver: 'efficiency',
    sentiment: 'pain_point',
    quote: true,
  },
  {
    body: 'Several people did not know 311 takes requests in other languages by phone.',
    service: 'general',
    stage: 'intake',
    driver: 'equity',
    sentiment: 'pain_point',
    themes: ['Language access'],
  },
  {
    body: 'The phone agent walked me through it and was very patient.',
    service: 'general',
    stage: 'intake',
    driver: 'employee',
    sentiment: 'praise',
    quote: true,
  },
  {
    body: 'Group agreed a text message with the request number would be enough.',
    service: 'general',
    stage: 'communication',
    driver: 'confidence',
    sentiment: 'suggestion',
    themes: ['No word after reporting'],
  },
  {
    body: 'If nobody tells me it was closed, I assume nothing happened.',
    service: 'general',
    stage: 'communication',
    driver: 'confidence',
    sentiment: 'pain_point',
    quote: true,
    themes: ['Trust that the City acts'],
  },
  {
    body: 'Two participants asked for the app in Armenian.',
    service: 'general',
    stage: 'intake',
    driver: 'equity',
    sentiment: 'suggestion',
    themes: ['Language access'],
  },
];

/** What people said in each demo study, by its request type. */
const STUDY_NOTES: Record<string, Observation[]> = {
  'Bulky Items': [
    {
      body: 'The form asked for the weight of the sofa. Who knows that?',
      service: 'study',
      stage: 'intake',
      driver: 'ease',
      sentiment: 'pain_point',
      quote: true,
      themes: ['Form asks for what people do not know'],
    },
    {
      body: 'Most started in the app, gave up at the item list and called instead.',
      service: 'study',
      stage: 'intake',
      driver: 'ease',
      sentiment: 'pain_point',
      themes: ['Form asks for what people do not know'],
    },
    {
      body: 'Scheduling the pickup online took two minutes, easier than I expected.',
      service: 'study',
      stage: 'intake',
      driver: 'efficiency',
      sentiment: 'praise',
      quote: true,
    },
    {
      body: 'People want a picture list of what counts as a bulky item.',
      service: 'study',
      stage: 'intake',
      driver: 'ease',
      sentiment: 'suggestion',
      themes: ['Photos help'],
    },
    {
      body: 'They said the day but not the time, so I stayed home all day.',
      service: 'study',
      stage: 'fulfillment',
      driver: 'efficiency',
      sentiment: 'pain_point',
      quote: true,
      themes: ['Pickup window too vague'],
    },
    {
      body: 'The crew came early and took everything, even the broken dresser.',
      service: 'study',
      stage: 'fulfillment',
      driver: 'effectiveness',
      sentiment: 'praise',
      quote: true,
    },
    {
      body: 'Suggestion: a reminder the evening before, with what to put out.',
      service: 'study',
      stage: 'communication',
      driver: 'ease',
      sentiment: 'suggestion',
      themes: ['Pickup window too vague'],
    },
    {
      body: 'Renters unsure whether they or the landlord should ask.',
      service: 'study',
      stage: 'intake',
      driver: 'equity',
      sentiment: 'pain_point',
    },
    {
      body: 'When my pickup was missed I had to start over from zero.',
      service: 'study',
      stage: 'fulfillment',
      driver: 'satisfaction',
      sentiment: 'pain_point',
      quote: true,
      newTheme: 'Missed pickups',
    },
    {
      body: 'The confirmation email was clear and had the request number.',
      service: 'study',
      stage: 'communication',
      driver: 'confidence',
      sentiment: 'praise',
    },
    {
      body: 'A mattress left on the curb became illegal dumping after a week.',
      service: 'Illegal Dumping Pickup',
      stage: 'fulfillment',
      driver: 'effectiveness',
      sentiment: 'pain_point',
    },
    {
      body: 'Old fridge: people did not know appliances go in a different request.',
      service: 'Metal/Household Appliances',
      stage: 'intake',
      driver: 'ease',
      sentiment: 'pain_point',
      themes: ['Form asks for what people do not know'],
    },
  ],
  'Graffiti Removal': [
    {
      body: 'I reported it three times and never heard back. Then one day it was gone.',
      service: 'study',
      stage: 'communication',
      driver: 'confidence',
      sentiment: 'pain_point',
      quote: true,
      themes: ['No word after reporting'],
    },
    {
      body: 'A before-and-after photo when it is closed would convince me.',
      service: 'study',
      stage: 'communication',
      driver: 'confidence',
      sentiment: 'suggestion',
      quote: true,
      themes: ['Photos help'],
    },
    {
      body: 'The closing message "Service completed" means nothing to me.',
      service: 'study',
      stage: 'communication',
      driver: 'satisfaction',
      sentiment: 'pain_point',
      quote: true,
    },
    {
      body: 'Group liked that the crew painted over it within two days.',
      service: 'study',
      stage: 'fulfillment',
      driver: 'effectiveness',
      sentiment: 'praise',
    },
    {
      body: 'Paint color did not match the wall; owners unhappy.',
      service: 'study',
      stage: 'fulfillment',
      driver: 'effectiveness',
      sentiment: 'pain_point',
    },
    {
      body: 'Taking a photo in the app is the easiest part of reporting.',
      service: 'study',
      stage: 'intake',
      driver: 'ease',
      sentiment: 'praise',
      themes: ['Photos help'],
    },
    {
      body: 'Participants want to know which crew or agency did the work.',
      service: 'study',
      stage: 'communication',
      driver: 'equity',
      sentiment: 'suggestion',
      themes: ['Trust that the City acts'],
    },
    {
      body: 'Some worried that reporting graffiti on their own fence brings a fine.',
      service: 'study',
      stage: 'intake',
      driver: 'confidence',
      sentiment: 'pain_point',
    },
    {
      body: 'The email said closed but the tag was still there the next morning.',
      service: 'study',
      stage: 'communication',
      driver: 'confidence',
      sentiment: 'pain_point',
      quote: true,
      themes: ['No word after reporting', 'Trust that the City acts'],
    },
    {
      body: 'Spanish-speaking participants got the closing message in English only.',
      service: 'study',
      stage: 'communication',
      driver: 'equity',
      sentiment: 'pain_point',
      themes: ['Language access'],
    },
    {
      body: 'An estimate of when the crew will come would stop repeat reports.',
      service: 'study',
      stage: 'communication',
      driver: 'efficiency',
      sentiment: 'suggestion',
    },
  ],
};

export interface DemoNotesDeps {
  db: DB;
  clock: FakeClock;
  rnd: SeededRandom;
  end: Date;
  cityTimeZone: string;
  adminId: number;
  facilitatorId: number;
}

/** Adds the demo themes and the past demo sessions' notes; returns how many notes it added. */
export async function seedDemoNotes(d: DemoNotesDeps): Promise<number> {
  const { db, clock, rnd } = d;
  const attendance = new AttendanceService({ db, clock, cityTimeZone: d.cityTimeZone });
  const { themes, notes } = feedbackServices({ db, clock, attendance });
  clock.set(new Date(d.end.getTime() - 45 * 24 * 60 * MINUTE));
  for (const name of DEMO_THEMES) await themes.add(name, d.adminId).catch(unlessTaken);
  const themeIds = new Map((await themes.choices()).map((t) => [t.name, t.id]));

  let added = 0;
  const viewer = { id: d.facilitatorId, role: 'facilitator' as const };
  for (const spec of DEMO_STUDIES) {
    const studyId = await studyIdByTitle(db, spec.title);
    if (studyId === null) continue;
    for (const session of await sessionsOfStudy(db, studyId)) {
      if (session.starts_at >= d.end.toISOString() || (await noteCount(db, session.id)) > 0)
        continue;
      const s = await notes.session(studyId, session.id, viewer);
      const people = await notes.pseudonymCount(s);
      const pool = [...(STUDY_NOTES[spec.requestType] ?? []), ...GENERAL_NOTES];
      const count = Math.min(pool.length, rnd.int(8, 15));
      const start = Date.parse(session.starts_at);
      for (let i = 0; i < count; i++) {
        const o = pool.splice(rnd.int(0, pool.length - 1), 1)[0];
        clock.set(new Date(start + (10 + i * 6 + rnd.int(0, 4)) * MINUTE));
        const author =
          i % 3 === 2 && session.note_taker_id ? session.note_taker_id : d.facilitatorId;
        const input: NoteInput = {
          body: o.body,
          service: o.service === 'study' ? spec.requestType : o.service,
          stage: o.stage,
          driver: o.driver,
          sentiment: o.sentiment,
          isQuote: o.quote === true,
          pseudonym: people > 0 && (o.quote || rnd.chance(0.3)) ? `P${rnd.int(1, people)}` : null,
          themes: (o.themes ?? []).map((t) => themeIds.get(t)!).filter(Boolean),
          newTheme: o.newTheme ?? null,
        };
        const role = author === d.facilitatorId ? 'facilitator' : 'organizer';
        await notes.create(s, input, { id: author, role });
        added++;
      }
    }
  }
  clock.set(d.end);
  return added;
}

/** A demo theme already there (a second run) is fine. */
function unlessTaken(err: unknown): void {
  if (!(err instanceof ValidationError)) throw err;
}
