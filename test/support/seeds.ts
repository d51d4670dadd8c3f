import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SEEDS_DIR } from '../../src/paths';

/**
 * Another city's reference CSVs: a temporary copy of db/seeds with some files replaced
 * (file name → CSV text). Returns the folder and a function that removes it.
 */
export function citySeeds(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-seeds-'));
  for (const name of fs.readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.csv'))) {
    fs.copyFileSync(path.join(SEEDS_DIR, name), path.join(dir, name));
  }
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Springfield's reference data: no Los Angeles names anywhere a resident looks. */
export const SPRINGFIELD_SEEDS = {
  'council_districts.csv': [
    'district,name,label_en,label_es,label_ko,label_hy,label_zh-Hant',
    '1,Ward 1,Ward 1,Distrito 1,제1구,Թաղամաս 1,第 1 區',
    '2,Ward 2,Ward 2,Distrito 2,제2구,Թաղամաս 2,第 2 區',
  ].join('\n'),
  'neighborhood_councils.csv': [
    'name,service_region,label_en,label_es,label_ko,label_hy,label_zh-Hant',
    'Evergreen Terrace,South,Evergreen Terrace,Evergreen Terrace,Evergreen Terrace,Evergreen Terrace,Evergreen Terrace',
  ].join('\n'),
  'languages.csv': [
    'code,english_name,native_name,where_the_city_uses_it',
    'en,English,English,Springfield 311',
    'es,Spanish,Español,Springfield 311',
    'ko,Korean,한국어,Springfield 311',
    'hy,Armenian,Հայերեն,Springfield 311',
    'zh-Hant,Chinese (Traditional),中文,Springfield 311',
  ].join('\n'),
};
