import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Response } from 'express';
import { PREFER_NOT, SKIPPED } from '../../src/results/exports/codes';
import { csvRecord, neutraliseCell, streamCsv, writeCsv, type CsvColumn } from '../../src/web/csv';

describe('neutraliseCell', () => {
  test.each([
    "=cmd|' /C calc'!A0",
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '\nx',
    '\0x',
    '＝1+1',
    '＋1',
    '－1',
    '＠SUM(A1)',
  ])('prefixes a quote to %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  test.each(['Rosa', '', "O'Brien", '(213) 555-0101', 'a=b', ' =x', '90012', 'José'])(
    'leaves %j as it is',
    (value) => {
      expect(neutraliseCell(value)).toBe(value);
    },
  );
});

interface Row {
  name: string;
  phone: string;
  n: number;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Name', value: (r) => r.name },
  { header: 'Phone', value: (r) => r.phone, kind: 'code' },
  { header: 'Count', value: (r) => r.n, kind: 'code' },
];

test('csvRecord neutralises text columns only', () => {
  expect(csvRecord(columns, { name: '=1+1', phone: '-5', n: -3 })).toEqual(["'=1+1", '-5', '-3']);
});

describe("an 'answer' column: free text or labels that may hold a missing-data code", () => {
  const answer: CsvColumn<{ v: string }>[] = [{ header: 'a', value: (r) => r.v, kind: 'answer' }];
  const cell = (v: string, profile: 'excel' | 'analysis' = 'excel') =>
    csvRecord(answer, { v }, profile)[0];

  test.each([SKIPPED, PREFER_NOT, '0', '', '-5', '3.25', '42'])(
    '%j (a missing-data code or a number) is written as it is',
    (v) => expect(cell(v)).toBe(v),
  );

  test.each(['=1+1', '-2+3', '-99+1', '-99 or so', '@SUM(A1)', '+5', '-', '－99', '\t-99'])(
    '%j is neutralised in the Excel profile and left as typed in the analysis profile',
    (v) => {
      expect(cell(v)).toBe(`'${v}`);
      expect(cell(v, 'analysis')).toBe(v);
    },
  );

  test('plain text and labels are left alone', () => {
    expect(cell('De acuerdo')).toBe('De acuerdo');
    // The same value in a text column would be altered: the reason for the kind.
    expect(csvRecord([{ header: 't', value: () => SKIPPED }], {})[0]).toBe(`'${SKIPPED}`);
  });
});

/** A fake Express response that collects what is written. */
function fakeResponse() {
  const chunks: Buffer[] = [];
  const headers: Record<string, string> = {};
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  Object.assign(w, {
    status: () => w,
    setHeader: (k: string, v: string) => {
      headers[k.toLowerCase()] = v;
    },
  });
  return { res: w as unknown as Response, headers, body: () => Buffer.concat(chunks) };
}

test('streamCsv writes a BOM, CRLF, doubled quotes and an attachment header', async () => {
  const out = fakeResponse();
  async function* rows() {
    yield { name: 'Ana "Nita" López', phone: '(213) 555-0101', n: 1 };
    yield { name: "=cmd|' /C calc'!A0", phone: '(310) 555-0199', n: 2 };
  }
  await streamCsv(out.res, 'call list.csv', columns, rows());
  const bytes = out.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString('utf8').slice(1);
  expect(text).toContain('\r\n');
  expect(text).toContain('"Ana ""Nita"" López"');
  expect(out.headers['content-disposition']).toBe('attachment; filename="call_list.csv"');
  expect(out.headers['content-type']).toBe('text/csv; charset=utf-8');
  const parsed = parse(text) as string[][];
  expect(parsed).toEqual([
    ['Name', 'Phone', 'Count'],
    ['Ana "Nita" López', '(213) 555-0101', '1'],
    ["'=cmd|' /C calc'!A0", '(310) 555-0199', '2'],
  ]);
});

describe('CSV profiles', () => {
  const columns: CsvColumn<{ note: string; code: string }>[] = [
    { header: 'note', value: (r) => r.note },
    { header: 'code', value: (r) => r.code, kind: 'code' },
  ];
  const rows = [
    { note: '=1+1', code: '-5' },
    { note: 'line one\nline "two"', code: 'x_1' },
  ];
  async function text(profile: 'excel' | 'analysis'): Promise<string> {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    await writeCsv(out, columns, rows, profile);
    return Buffer.concat(chunks).toString('utf8');
  }

  test('excel: BOM, CRLF, formulas neutralised in text cells only', async () => {
    const csv = await text('excel');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const parsed = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(parsed).toEqual([
      { note: "'=1+1", code: '-5' },
      { note: 'line one\nline "two"', code: 'x_1' },
    ]);
  });

  test('analysis: no BOM, LF, text exactly as stored', async () => {
    const csv = await text('analysis');
    expect(csv.startsWith('\uFEFF')).toBe(false);
    expect(csv).not.toContain('\r\n');
    expect(parse(csv, { columns: true })).toEqual(rows);
  });
});
