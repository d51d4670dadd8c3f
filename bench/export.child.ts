import fs from 'node:fs';
import { runExport } from '../src/cli/export';

/**
 * This process's peak resident memory (bytes). On Linux, VmHWM: resourceUsage().maxRSS keeps the
 * peak from before exec, which is the parent's whole resident size at the fork (a full
 * `npm run bench` reported its own 250 MB as the export's peak).
 */
function peakRss(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

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
  const maxRss = peakRss();
  process.stderr.write(`${JSON.stringify({ code, rssBefore, maxRss })}\n`);
  process.exit(code);
}

void main();
