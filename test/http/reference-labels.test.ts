import request from 'supertest';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { LOCALES, catalogues } from '../../src/i18n/i18n';
import { loadReferenceData } from '../../src/reference/reference.seed';
import { loadReference } from '../../src/reference/reference.queries';
import { buildTestApp } from '../support/app';
import { citySeeds } from '../support/seeds';

const header = `label_${LOCALES.join(',label_')}`;
/** Every label marked with its language, so a page shows which column it came from. */
const marked = (code: string) => LOCALES.map((l) => `[${l}] ${code}`).join(',');

describe('each label column of the reference CSVs is what residents read', () => {
  const seeds = citySeeds({
    'request_types.csv': [
      `request_type,usual_owner,requests_2019_2020,${header}`,
      `Bulky Items,BOS,10,${marked('Bulky Items')}`,
      `Graffiti Removal,OCB,5,${marked('Graffiti Removal')}`,
    ].join('\n'),
    'council_districts.csv': [
      `district,name,${header}`,
      `7,Council District 7,${marked('D7')}`,
    ].join('\n'),
    'neighborhood_councils.csv': [
      `name,service_region,${header}`,
      `Arleta,North East Valley,${marked('Arleta')}`,
    ].join('\n'),
  });
  afterAll(() => seeds.remove());

  test.each(LOCALES)('/join?lang=%s', async (lang) => {
    const ctx = await buildTestApp({ seedsDir: seeds.dir });
    try {
      const res = await request(ctx.app).get(`/join?lang=${lang}`);
      for (const code of ['Bulky Items', 'Graffiti Removal', 'D7', 'Arleta'])
        expect(res.text).toContain(`[${lang}] ${code}`);
      const others = LOCALES.filter((l) => l !== lang).map((l) => `[${l}] `);
      for (const other of others) expect(res.text).not.toContain(other);
    } finally {
      await ctx.close();
    }
  });
});

test('a Spanish page shows the Spanish request-type label of db/seeds, not of a catalogue', async () => {
  expect(catalogues.es).not.toHaveProperty('requestTypes');
  const ctx = await buildTestApp();
  try {
    const res = await request(ctx.app).get('/join?lang=es');
    expect(res.text).toContain('Recolección de artículos voluminosos');
    expect(res.text).toContain('Distrito 14');
  } finally {
    await ctx.close();
  }
});

describe('a missing translation', () => {
  const seeds = citySeeds({
    'request_types.csv': [
      `request_type,usual_owner,requests_2019_2020,label_en,label_es,label_ko`,
      `Bulky Items,BOS,10,Bulky item pickup,Recolección de artículos voluminosos,`,
    ].join('\n'),
  });
  afterAll(() => seeds.remove());

  test('falls back to English and is logged once, naming the file, code and language', async () => {
    const { db } = openDatabase(':memory:');
    try {
      await migrateToLatest(db);
      const warn = jest.fn();
      await loadReferenceData(db, { logger: { warn }, dir: seeds.dir });
      const bulky = (await loadReference(db)).requestTypes.find((r) => r.name === 'Bulky Items')!;
      expect(bulky.labels).toEqual({
        en: 'Bulky item pickup',
        es: 'Recolección de artículos voluminosos',
        ko: 'Bulky item pickup', // blank cell
        hy: 'Bulky item pickup', // no column
        'zh-Hant': 'Bulky item pickup',
      });
      const missing = warn.mock.calls
        .map(([fields]) => fields)
        .filter((f) => f.file === 'request_types.csv');
      expect(missing).toEqual([
        { file: 'request_types.csv', code: 'Bulky Items', language: 'ko' },
        { file: 'request_types.csv', code: 'Bulky Items', language: 'hy' },
        { file: 'request_types.csv', code: 'Bulky Items', language: 'zh-Hant' },
      ]);
      // db/seeds' other files are complete: nothing else was missing.
      expect(warn).toHaveBeenCalledTimes(3);
    } finally {
      await db.destroy();
    }
  });

  test('shows the English label on a Korean page', async () => {
    const ctx = await buildTestApp({ seedsDir: seeds.dir });
    try {
      const res = await request(ctx.app).get('/join?lang=ko');
      expect(res.text).toContain('Bulky item pickup');
    } finally {
      await ctx.close();
    }
  });
});
