import fs from 'node:fs';
import path from 'node:path';
import { prepareDatabase } from '../src/bootstrap';
import { testConfig, type Config } from '../src/config';
import { closeDatabase, openDatabase, type OpenedDatabase } from '../src/db/database';
import {
  AGE_RANGES,
  AVAILABILITY,
  CHANNELS,
  GENDERS,
  NEEDS,
  RACES,
} from '../src/participants/profile/options';
import { ascii } from '../src/demo/demo';
import { LA_ZIPS, NAMES } from '../src/demo/names';
import { SeededRandom } from '../src/random';

/** What every measurement gets: the generated database, migrated by the app's own code. */
export interface BenchEnv {
  opened: OpenedDatabase;
  config: Config;
  sessionSecret: string;
  file: string;
  participants: number;
}

const DIR = path.join(__dirname, '..', 'tmp', 'bench');

/**
 * Opens tmp/bench/civic-panel-N.sqlite, generating it when missing or of another size. The
 * app's migrations run either way, so an index added since the last run is there.
 */
export async function openDataset(participants: number): Promise<BenchEnv> {
  const file = path.join(DIR, `civic-panel-${participants}.sqlite`);
  let opened = openDatabase(file);
  const config = testConfig({ databasePath: file });
  let { sessionSecret } = await prepareDatabase(opened.db, config);
  const count = Number(opened.sqlite.prepare('select count(*) from participants').pluck().get());
  if (count !== participants) {
    await closeDatabase(opened);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    opened = openDatabase(file);
    ({ sessionSecret } = await prepareDatabase(opened.db, config));
    const started = Date.now();
    generate(opened, participants);
    console.log(
      `generated ${participants.toLocaleString('en-US')} participants in ${((Date.now() - started) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), file)}`,
    );
  } else {
    console.log(
      `reusing ${path.relative(process.cwd(), file)} (${count.toLocaleString('en-US')} participants)`,
    );
  }
  return { opened, config, sessionSecret, file, participants };
}

const AREA_CODES = ['213', '323', '310', '818', '424', '747', '626'];
const LANGUAGES: [string, number][] = [
  ['en', 44],
  ['es', 34],
  ['ko', 5],
  ['hy', 4],
  ['zh-Hant', 4],
  ['tl', 2],
  ['vi', 2],
  ['fa', 1.5],
  ['ru', 1.5],
  ['ja', 0.7],
  ['km', 0.5],
  ['th', 0.4],
  ['hi', 0.4],
];
const STATUS: [string, number][] = [
  ['active', 80],
  ['pending', 5],
  ['paused', 5],
  ['withdrawn', 6],
  ['deleted', 4],
];
const SOURCE: [string, number][] = [
  ['web', 60],
  ['event', 15],
  ['phone', 8],
  ['paper', 7],
  ['referral', 5],
  ['import', 5],
];
const USE: [string, number][] = [
  ['never', 25],
  ['once', 20],
  ['few', 35],
  ['often', 20],
];
const FORMAT: [string, number][] = [
  ['in_person', 35],
  ['online', 30],
  ['either', 35],
];
const REQUEST_TYPES = [
  'Bulky Items',
  'Graffiti Removal',
  'Illegal Dumping Pickup',
  'Metal/Household Appliances',
  'Homeless Encampment',
  'Electronic Waste',
  'Dead Animal Removal',
  'Other',
  'Single Streetlight Issue',
  'Multiple Streetlight Issue',
  'Report Water Waste',
  'Feedback',
];

const DAY = 86_400_000;

/** Writes the participants and their choices with prepared statements, 10,000 per transaction. */
function generate(opened: OpenedDatabase, total: number): void {
  const { sqlite } = opened;
  const rnd = new SeededRandom(20261126);
  const councils = sqlite.prepare('select id from neighborhood_councils').pluck().all() as number[];
  const consentVersion = sqlite
    .prepare('select max(id) from consent_versions')
    .pluck()
    .get() as number;
  // The file is thrown away and regenerated if anything goes wrong: durability is not needed here.
  sqlite.pragma('synchronous = OFF');
  const insert = sqlite.prepare(`insert into participants (
      public_id, status, source, first_name, last_name, email, phone, contact_preference, language,
      zip, council_district, neighborhood_council_id, myla311_use, interpreter_language,
      format_preference, age_range, gender, consent_version_id, recording_consent, created_at,
      updated_at, confirmed_at, last_contacted_at, deleted_at, sessions_attended, no_shows)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const choice = sqlite.prepare(
    'insert into participant_choices (participant_id, field, value) values (?, ?, ?)',
  );
  const now = Date.UTC(2026, 10, 26);
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const status = rnd.weighted(STATUS);
      const deleted = status === 'deleted';
      const language = rnd.weighted(LANGUAGES);
      const names = NAMES[language] ?? NAMES.en;
      const first = rnd.pick(names.first);
      const last = rnd.pick(names.last);
      const hasEmail = rnd.chance(0.85);
      const hasPhone = !hasEmail || rnd.chance(0.5);
      const needs = rnd.chance(0.7) ? [] : rnd.some(NEEDS, 0.25);
      const created = now - rnd.int(0, 3 * 365) * DAY - rnd.int(0, DAY - 1);
      const contacted = rnd.chance(0.6)
        ? created + rnd.int(0, Math.floor((now - created) / DAY)) * DAY
        : null;
      const attended = rnd.chance(0.7) ? 0 : rnd.int(1, 5);
      const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
      const info = insert.run(
        `bench${i.toString(36).padStart(8, '0')}`,
        status,
        rnd.weighted(SOURCE),
        deleted ? null : first,
        deleted ? null : last,
        deleted || !hasEmail ? null : `${ascii(first)}.${ascii(last)}.${i}@example.org`,
        deleted || !hasPhone
          ? null
          : `+1${rnd.pick(AREA_CODES)}${String(rnd.int(0, 9_999_999)).padStart(7, '0')}`,
        deleted
          ? null
          : hasEmail
            ? rnd.pick(['email', 'email', 'text'])
            : rnd.pick(['phone', 'text']),
        language,
        deleted ? null : rnd.pick(LA_ZIPS),
        rnd.chance(0.12) ? null : rnd.int(1, 15),
        rnd.chance(0.2) ? null : rnd.pick(councils),
        rnd.weighted(USE),
        needs.includes('interpreter') ? (language === 'en' ? 'es' : language) : null,
        rnd.weighted(FORMAT),
        rnd.pick(AGE_RANGES),
        rnd.pick(GENDERS),
        consentVersion,
        rnd.chance(0.6) ? 1 : 0,
        iso(created),
        iso(contacted ?? created),
        status === 'pending' ? null : iso(created + DAY),
        iso(contacted),
        deleted ? iso(now - DAY) : null,
        attended,
        attended && rnd.chance(0.3) ? rnd.int(1, 3) : rnd.chance(0.05) ? 1 : 0,
      );
      const id = Number(info.lastInsertRowid);
      const add = (field: string, values: readonly string[]) => {
        for (const v of values) choice.run(id, field, v);
      };
      add('channels', rnd.some(CHANNELS, 0.4));
      add('requestTypes', rnd.some(REQUEST_TYPES, 0.125));
      add('needs', needs);
      add('availability', rnd.some(AVAILABILITY, 0.5));
      add('race', rnd.chance(0.1) ? ['prefer_not'] : rnd.some(RACES.slice(0, -1), 0.2));
    }
  });
  for (let from = 0; from < total; from += 10_000) batch(from, Math.min(total, from + 10_000));
  // No ANALYZE: the app never runs it, so the planner here sees what it sees in production.
  sqlite.pragma('synchronous = FULL');
}

/**
 * A fresh copy of the dataset (tmp/bench/<name>.sqlite) for a measurement that writes, so what
 * it adds never reaches the others; `remove` closes and deletes it.
 */
export function copyDataset(
  base: BenchEnv,
  name: string,
): { env: BenchEnv; remove(): Promise<void> } {
  const copy = base.file.replace(/civic-panel-\d+\.sqlite$/, `${name}.sqlite`);
  const rm = () => {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
  };
  rm();
  base.opened.sqlite.prepare('vacuum into ?').run(copy);
  const opened = openDatabase(copy);
  const env = { ...base, opened, config: testConfig({ databasePath: copy }), file: copy };
  return {
    env,
    remove: async () => {
      await closeDatabase(opened);
      rm();
    },
  };
}
