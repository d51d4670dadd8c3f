import { runExport } from '../src/cli/export';

/*
 * Runs one `npm run export` in its own process for the export bench, so that its peak memory is
 * the export's alone: prints `{"rssBefore":…, "maxRss":…}` (bytes) as its last stderr line.
 */
async function main() {
  const rssBefore = process.memoryUsage().rss;
  const code = await runExport(process.argv.slice(2), process.env, {
    err: { write: () => true },
  });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stderr.write(`${JSON.stringify({ code, rssBefore, maxRss })}\n`);
  process.exit(code);
}

void main();
