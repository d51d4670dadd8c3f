import { runExport } from '../src/cli/export';

/*
 * Runs one `npm run export` in its own process for the export bench, so that its peak memory is
 * the export's alone: prints `{"rssBefore":…, "maxRss":…}` (bytes) as its last stderr line.
 */
async function main() {
  const rssBefore = process.memoryUsage().rss;
  // Progress is left out; an error is shown before the figures.
  const code = await runExport(process.argv.slice(2), process.env, {
    err: { write: (s: string) => s.startsWith('…') || process.stderr.write(s) },
  });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stderr.write(`${JSON.stringify({ code, rssBefore, maxRss })}\n`);
  process.exit(code);
}

void main();
