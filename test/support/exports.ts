import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import type { ExportTable } from '../../src/results/exports/export-type';
import { csvReadable, type CsvProfile } from '../../src/web/csv';

/** The body of a download, as bytes (supertest buffers it; text for CSV, binary for a ZIP). */
export async function download(agent: ReturnType<typeof request.agent>, url: string) {
  const res = await agent
    .get(url)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { res, bytes: res.body as Buffer };
}

/** A CSV's records as objects by header (the BOM dropped, as a spreadsheet would). */
export function records(csv: Buffer | string): Record<string, string>[] {
  return parse(csv, { columns: true, bom: true }) as Record<string, string>[];
}

/** A CSV's header row. */
export function header(csv: Buffer | string): string[] {
  return (parse(csv, { bom: true, to_line: 1 }) as string[][])[0];
}

/** The entries of a ZIP and their contents, read with the unzip tool. */
export function unzipped(zip: Buffer): { names: string[]; read(name: string): Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-panel-zip-'));
  const file = path.join(dir, 'bundle.zip');
  fs.writeFileSync(file, zip);
  const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' });
  const names = listing.split('\n').filter(Boolean);
  return {
    names,
    read: (name) => execFileSync('unzip', ['-p', file, name], { maxBuffer: 1 << 28 }),
  };
}

/** An export type's table written in a profile, as the file's text (a BOM kept when written). */
export async function csvText(
  table: ExportTable,
  profile: CsvProfile = 'analysis',
): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of csvReadable(table.columns, table.rows, profile))
    chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8');
}
