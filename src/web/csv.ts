import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import type { Writable } from 'node:stream';

/*
 * CSV exports, Excel-safe without damaging data (DESIGN.md "Exports", QUALITY.md Security 8):
 * streamed with csv-stringify, UTF-8 with a BOM and CRLF, attachments only, and text cells that a
 * spreadsheet would run as a formula are neutralised. Coded and numeric columns are never altered.
 */

/** First characters that make Excel, LibreOffice or Sheets read a cell as a formula (or split it). */
const FORMULA_START = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Prefixes a single quote to a text cell that a spreadsheet would treat as a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A plain decimal number: a spreadsheet reads it as a number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  /**
   * 'text' (default): free text, neutralised. 'code': values the app itself produces or has
   * validated (codes, ids, formatted phone numbers, dates, numbers), written unaltered.
   * 'answer': free text or labels that may also hold a number — a survey export's missing-data
   * codes are numbers (-99, -98, 0), and so is a number answer — written unaltered when the cell
   * is a plain number, neutralised like text otherwise.
   */
  kind?: 'text' | 'code' | 'answer';
}

/** Headers for a CSV attachment; the filename is ASCII, built by the app. */
export function csvHeaders(res: Response, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

/**
 * How a CSV is written. 'excel' (the default for downloads from the pages): UTF-8 with a BOM,
 * CRLF, text cells neutralised. 'analysis' (R, pandas, scripts): no BOM, LF, text as it is.
 * Both quote as RFC 4180 does, so a standard parser reads either back exactly.
 */
export type CsvProfile = 'excel' | 'analysis';
export const CSV_PROFILES: readonly CsvProfile[] = ['excel', 'analysis'];

/**
 * One CSV record: text cells neutralised (Excel profile), code cells as they are, answer cells
 * as they are when a plain number, null as empty.
 */
export function csvRecord<T>(
  columns: CsvColumn<T>[],
  row: T,
  profile: CsvProfile = 'excel',
): string[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (v === null || v === undefined) return '';
    const s = String(v);
    if (c.kind === 'code' || profile === 'analysis') return s;
    if (c.kind === 'answer' && PLAIN_NUMBER.test(s)) return s;
    return neutraliseCell(s);
  });
}

/** The CSV of the rows as a stream in the profile: the header, then one record per row. */
export function csvReadable<T>(
  columns: CsvColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  profile: CsvProfile = 'excel',
): Readable {
  async function* records() {
    yield columns.map((c) => (profile === 'excel' ? neutraliseCell(c.header) : c.header));
    for await (const row of rows) yield csvRecord(columns, row, profile);
  }
  const excel = profile === 'excel';
  return Readable.from(records()).pipe(
    stringify({ bom: excel, record_delimiter: excel ? 'windows' : 'unix' }),
  );
}

/** Writes the rows as CSV to any stream (a file, stdout, a ZIP entry), honouring backpressure. */
export async function writeCsv<T>(
  out: Writable,
  columns: CsvColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  profile: CsvProfile = 'excel',
): Promise<void> {
  await pipeline(csvReadable(columns, rows, profile), out);
}

/**
 * Streams rows (any iterable, typically batches read from the database) as a CSV attachment,
 * the Excel profile unless told otherwise. Never builds the file in memory.
 */
export async function streamCsv<T>(
  res: Response,
  filename: string,
  columns: CsvColumn<T>[],
  rows: AsyncIterable<T> | Iterable<T>,
  profile: CsvProfile = 'excel',
): Promise<void> {
  csvHeaders(res, filename);
  await writeCsv(res, columns, rows, profile);
}
