import { FakeClock, DAY } from '../clock';
import { DEFAULT_CITY_NAMES, type CityNames } from '../config';
import type { DB } from '../db/database';
import { createLogger } from '../logger';
import { Mailer } from '../mail/mailer';
import { ConsentService } from '../participants/consent/consent.service';
import { PROFILE_CODES, STAFF_SOURCES } from '../participants/profile/options';
import { ParticipantService } from '../participants/participants.service';
import type { Profile } from '../participants/profile/profile.schema';
import { loadReference } from '../reference/reference.queries';
import { countParticipants, updateParticipant } from '../participants/participants.queries';
import { findStaffByEmail } from '../staff/staff.queries';
import { StaffService } from '../staff/staff.service';
import { LA_ZIPS, NAMES } from './names';
import { SeededRandom } from '../random';
import { seedDemoNotes } from './notes.demo';
import { seedDemoStudies } from './studies.demo';
import { seedDemoSurveys } from './surveys.demo';

export const DEMO_PASSWORD = 'civic panel demo password';

const LANGUAGE_WEIGHTS = [
  ['en', 40],
  ['es', 35],
  ['ko', 7],
  ['hy', 6],
  ['zh-Hant', 5],
  ['tl', 3],
  ['vi', 2],
  ['fa', 1],
  ['ru', 1],
] as const;

export interface DemoResult {
  participants: number;
  /** The demo studies added by this run (a second run finds them there and adds none). */
  studies: string[];
  /** Coded notes added to the demo studies' past sessions (none on a second run). */
  notes: number;
  /** The demo surveys added by this run, with their responses (a second run adds none). */
  surveys: string[];
  staff: { email: string; role: string }[];
}

/**
 * Fills a database with a reproducible demo panel: staff of each role and `count` residents
 * spread over every council district and language, joined over the past year through every
 * channel. Same seed, same panel.
 */
export async function seedDemo(
  db: DB,
  o: {
    count: number;
    seed: number;
    baseUrl: string;
    now?: Date;
    cityNames?: CityNames;
    cityTimeZone?: string;
  },
): Promise<DemoResult> {
  const rnd = new SeededRandom(o.seed);
  const end = o.now ?? new Date();
  const clock = new FakeClock(end);
  const logger = createLogger('silent');
  const cityNames = o.cityNames ?? DEFAULT_CITY_NAMES;
  const config = { baseUrl: o.baseUrl, smtpUrl: undefined, cityNames };
  const mailer = new Mailer(config, clock);
  const consent = new ConsentService(db, clock);
  await consent.ensureInitialVersion(cityNames);
  const participants = new ParticipantService({ db, mailer, clock, config, logger, consent });
  const staffService = new StaffService({ db, mailer, clock, config, logger });
  const ref = await loadReference(db);

  const staff = [
    { email: 'admin@demo.civicpanel.test', name: 'Alex Admin', role: 'admin' as const },
    {
      email: 'organizer@demo.civicpanel.test',
      name: 'Olivia Organizer',
      role: 'organizer' as const,
    },
    {
      email: 'facilitator@demo.civicpanel.test',
      name: 'Felipe Facilitator',
      role: 'facilitator' as const,
    },
    { email: 'analyst@demo.civicpanel.test', name: 'Ana Analyst', role: 'analyst' as const },
  ];
  const staffIds: number[] = [];
  for (const s of staff) {
    const existing = await findStaffByEmail(db, s.email);
    staffIds.push(
      existing?.id ?? (await staffService.createUser({ ...s, password: DEMO_PASSWORD })),
    );
  }

  // A second run (--force) numbers its people after the first run's: emails stay unique.
  const offset = await countParticipants(db);
  const districts = ref.districts.map((d) => d.district);
  const counts = new Map<number, number>();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < o.count; i++) {
      const language = rnd.weighted(LANGUAGE_WEIGHTS);
      const names = NAMES[language] ?? NAMES.en;
      const first = rnd.pick(names.first);
      const last = rnd.pick(names.last);
      const hasEmail = rnd.chance(0.85);
      const hasPhone = !hasEmail || rnd.chance(0.5);
      // Every district gets people: the first 15 go one per district.
      const district =
        i < districts.length ? districts[i] : rnd.chance(0.85) ? rnd.pick(districts) : null;
      const needs = rnd.some(
        PROFILE_CODES.needs.filter((n) => n !== 'other'),
        0.08,
      );
      if (language !== 'en' && rnd.chance(0.4) && !needs.includes('interpreter'))
        needs.push('interpreter');
      const profile: Profile = {
        firstName: first,
        lastName: rnd.chance(0.9) ? last : null,
        email: hasEmail ? `${ascii(first)}.${ascii(last)}.${i + offset}@example.com` : null,
        phone: hasPhone
          ? `+1${rnd.pick(['213', '323', '310', '818', '747'])}555${String(rnd.int(0, 9999)).padStart(4, '0')}`
          : null,
        contactPreference: hasEmail
          ? rnd.weighted([
              ['email', 6],
              ['text', 2],
              ['phone', 1],
            ] as const)
          : rnd.pick(PROFILE_CODES.contactPreference.filter((c) => c !== 'email')),
        language,
        zip: rnd.pick(LA_ZIPS),
        councilDistrict: district,
        neighborhoodCouncil:
          district !== null && rnd.chance(0.6) ? rnd.pick(ref.councils).id : null,
        myla311Use: rnd.weighted([
          ['never', 3],
          ['once', 2],
          ['few', 4],
          ['often', 2],
        ] as const satisfies readonly (readonly [
          (typeof PROFILE_CODES.myla311Use)[number],
          number,
        ])[]),
        channels: rnd.some(PROFILE_CODES.channels, 0.35),
        requestTypes: rnd.some(
          ref.requestTypes.map((r) => r.name),
          0.15,
        ),
        needs,
        interpreterLanguage: needs.includes('interpreter') ? language : null,
        needsOther: null,
        availability: rnd.some(PROFILE_CODES.availability, 0.5),
        format: rnd.pick(PROFILE_CODES.format),
        ageRange: rnd.chance(0.8) ? rnd.pick(PROFILE_CODES.ageRange) : null,
        gender: rnd.chance(0.8) ? rnd.pick(PROFILE_CODES.gender) : null,
        race: rnd.chance(0.75)
          ? rnd.chance(0.1)
            ? ['prefer_not']
            : [rnd.pick(PROFILE_CODES.race.filter((r) => r !== 'prefer_not'))]
          : [],
      };
      if (!hasEmail && profile.contactPreference === 'email') profile.contactPreference = 'phone';
      // Joined at some point in the past year.
      clock.set(new Date(end.getTime() - rnd.int(1, 365) * DAY - rnd.int(0, 86_399) * 1000));
      const web = hasEmail && rnd.chance(0.7);
      const source = web ? 'web' : rnd.pick(STAFF_SOURCES);
      const status =
        web && rnd.chance(0.04)
          ? 'pending'
          : rnd.weighted([
              ['active', 90],
              ['paused', 4],
              ['withdrawn', 4],
            ] as const);
      const id = await participants.createWithConsent(profile, {
        status: status === 'pending' ? 'pending' : 'active',
        source,
        recordingConsent: rnd.chance(0.7),
        staffId: web ? null : rnd.pick(staffIds.slice(0, 2)),
        db: trx,
      });
      await updateParticipant(trx, id, {
        status,
        confirmed_at: status === 'pending' ? null : clock.now().toISOString(),
        paused_until:
          status === 'paused'
            ? new Date(end.getTime() + rnd.int(10, 180) * DAY).toISOString()
            : null,
        withdrawn_at: status === 'withdrawn' ? clock.now().toISOString() : null,
        last_contacted_at: rnd.chance(0.5)
          ? new Date(end.getTime() - rnd.int(1, 120) * DAY).toISOString()
          : null,
      });
      if (district !== null) counts.set(district, (counts.get(district) ?? 0) + 1);
    }
  });
  // The attendance history (sessions_attended, no_shows) comes only from these studies' check-ins.
  const studies = await seedDemoStudies({
    db,
    clock,
    rnd,
    end,
    mailer,
    participants,
    staff: staffService,
    ref,
    config: {
      baseUrl: o.baseUrl,
      cityNames,
      cityTimeZone: o.cityTimeZone ?? 'America/Los_Angeles',
    },
    organizerId: staffIds[1],
    facilitatorId: staffIds[2],
  });
  // Coded notes of the past sessions, by their facilitator and note-taker.
  const notes = await seedDemoNotes({
    db,
    clock,
    rnd,
    end,
    cityTimeZone: o.cityTimeZone ?? 'America/Los_Angeles',
    adminId: staffIds[0],
    facilitatorId: staffIds[2],
  });
  const surveys = await seedDemoSurveys({
    db,
    clock,
    rnd,
    end,
    ref,
    cityNames,
    organizerId: staffIds[1],
    facilitatorId: staffIds[2],
  });
  return {
    participants: o.count,
    studies,
    notes,
    surveys,
    staff: staff.map(({ email, role }) => ({ email, role })),
  };
}

export function ascii(s: string): string {
  const plain = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '');
  return plain || 'resident';
}
