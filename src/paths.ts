import fs from 'node:fs';
import path from 'node:path';

/** The project root, found from this file whether it runs from src/ (tsx, Jest) or dist/src/. */
function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(__dirname);
export const VIEWS_DIR = path.join(ROOT, 'views');
export const PUBLIC_DIR = path.join(ROOT, 'public');
export const SEEDS_DIR = path.join(ROOT, 'db', 'seeds');
export const USWDS_DIST = path.join(ROOT, 'node_modules', '@uswds', 'uswds', 'dist');
