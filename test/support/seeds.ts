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
