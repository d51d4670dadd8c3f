import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
// The catalogues say the city's default names in each language; demo data may sound like LA.
const ALLOWED = [path.join('src', 'i18n', 'locales'), path.join('src', 'demo')];

function files(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return ALLOWED.includes(rel) ? [] : files(rel, ext);
    return ext.test(e.name) ? [rel] : [];
  });
}

test.each([
  ['src', /\.ts$/],
  ['views', /\.ejs$/],
])('nothing in %s names Los Angeles or MyLA311 (settings and catalogues do)', (dir, ext) => {
  const found = files(dir, ext).flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (/Los Angeles|MyLA311/.test(line) ? [`${file}:${i + 1}`] : [])),
  );
  expect(files(dir, ext).length).toBeGreaterThan(5);
  expect(found).toEqual([]);
});
