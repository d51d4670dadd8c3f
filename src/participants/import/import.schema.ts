import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ReferenceData } from '../../reference/reference.queries';
import { ValidationError } from '../../errors';
import {
  AVAILABILITY,
  CONTACT_PREFERENCES,
  FORMATS,
  MYLA311_USE,
  NEEDS,
  STAFF_SOURCES,
} from '../profile/options';

/*
 * CSV import: reading the file, mapping its columns to profile fields, and turning one row into
 * the body that validateProfile checks. No database here.
 */

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 10_000;
export const MAX_COLUMNS = 100;

/** The profile fields a column can be mapped to, with the header names recognised for each. */
export const IMPORT_FIELDS = [
  {
    key: 'firstName',
    label: 'First name',
    aliases: ['first name', 'firstname', 'first', 'given name'],
  },
  {
    key: 'lastName',
    label: 'Last name',
    aliases: ['last name', 'lastname', 'last', 'surname', 'family name'],
  },
  { key: 'email', label: 'Email', aliases: ['email', 'e-mail', 'email address', 'mail'] },
  {
    key: 'phone',
    label: 'Phone',
    aliases: ['phone', 'phone number', 'telephone', 'tel', 'mobile', 'cell'],
  },
  {
    key: 'contactPreference',
    label: 'Contact preference',
    aliases: ['contact preference', 'preferred contact', 'contact by', 'contact method'],
  },
  { key: 'language', label: 'Language', aliases: ['language', 'preferred language', 'lang'] },
  { key: 'zip', label: 'ZIP code', aliases: ['zip', 'zip code', 'zipcode', 'postal code'] },
  {
    key: 'councilDistrict',
    label: 'Council district',
    aliases: ['council district', 'district', 'cd'],
  },
  // The myla311 aliases match column headers in lists the first city's staff already keep.
  { key: 'myla311Use', label: '311 use', aliases: ['myla311 use', 'myla311', '311 use'] },
  {
    key: 'format',
    label: 'In person or online',
    aliases: ['format', 'format preference', 'in person or online'],
  },
  {
    key: 'availability',
    label: 'Availability (preferred time)',
    aliases: ['availability', 'preferred time', 'when', 'best time'],
  },
  { key: 'needs', label: 'Needs', aliases: ['needs', 'accommodations', 'access needs'] },
  {
    key: 'interpreterLanguage',
    label: 'Interpreter language',
    aliases: ['interpreter language', 'interpreter'],
  },
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number]['key'];

/** Fields stored as unknown (null) when the file has no column for them, instead of failing every row. */
const OPTIONAL_WHEN_UNMAPPED = ['myla311Use', 'format'] as const;

export interface ParsedRow {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  n: number;
  cells: string[];
}
export interface ParsedFile {
  headers: string[];
  rows: ParsedRow[];
}
export interface Mapping {
  columns: Partial<Record<ImportField, number>>;
  /** Language code for rows whose language cell is empty or unmapped ('' = report them). */
  defaultLanguage: string;
}

const fileError = (message: string) => new ValidationError({ file: message });

/** Reads an uploaded CSV: UTF-8 only (with or without BOM), CRLF or LF, quoted fields. */
export function parseCsvFile(buffer: Buffer): ParsedFile {
  if (!buffer.length) throw fileError('The file is empty. Choose a CSV file with a header row.');
  if ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))
    throw fileError(notUtf8('UTF-16'));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw fileError(notUtf8('another encoding'));
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, max_record_size: 100_000 });
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw fileError(
      `The file is not valid CSV${line ? ` (near line ${line})` : ''}. Check for a quote that is not closed.`,
    );
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => !h.trim()))
    throw fileError('The first row must name the columns (for example: First name, Email, Phone).');
  if (header.length > MAX_COLUMNS)
    throw fileError(`The file has more than ${MAX_COLUMNS} columns.`);
  const rows = data
    .map((cells, i) => ({ n: i + 2, cells: cells.slice(0, header.length) }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!rows.length) throw fileError('The file has a header row but no people in it.');
  if (rows.length > MAX_ROWS)
    throw fileError(`The file has ${rows.length} rows; import at most ${MAX_ROWS} at a time.`);
  return { headers: header.map((h) => h.trim()), rows };
}

const notUtf8 = (what: string) =>
  `The file is in ${what}, not UTF-8. In Excel choose "Save as" → "CSV UTF-8 (Comma delimited)", then upload it again.`;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** Pre-selects, for each field, the first column whose header matches it (case-insensitive). */
export function guessMapping(headers: string[]): Mapping['columns'] {
  const out: Mapping['columns'] = {};
  const used = new Set<number>();
  for (const f of IMPORT_FIELDS) {
    const names = new Set([norm(f.key), norm(f.label), ...f.aliases.map(norm)]);
    const i = headers.findIndex((h, idx) => !used.has(idx) && names.has(norm(h)));
    if (i >= 0) {
      out[f.key] = i;
      used.add(i);
    }
  }
  return out;
}

/** The mapping form: one select per field (a column index or '' for none). */
export function parseMapping(
  body: Record<string, unknown>,
  headerCount: number,
  ref: ReferenceData,
): { ok: true; data: Mapping } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const columns: Mapping['columns'] = {};
  const usedBy = new Map<number, string>();
  for (const f of IMPORT_FIELDS) {
    const raw = body[f.key];
    if (raw === undefined || raw === '') continue;
    const i = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : -1;
    if (i < 0 || i >= headerCount) errors[f.key] = 'Choose one of the columns';
    else if (usedBy.has(i)) errors[f.key] = `This column is already used for ${usedBy.get(i)}`;
    else {
      columns[f.key] = i;
      usedBy.set(i, f.label);
    }
  }
  const defaultLanguage = typeof body.defaultLanguage === 'string' ? body.defaultLanguage : '';
  if (defaultLanguage && !ref.languageCodes.has(defaultLanguage))
    errors.defaultLanguage = 'Choose one of the languages';
  if (columns.firstName === undefined && !errors.firstName)
    errors.firstName = 'Choose the column with first names';
  if (columns.email === undefined && columns.phone === undefined && !errors.email)
    errors.email = 'Choose a column with email addresses or one with phone numbers';
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, data: { columns, defaultLanguage } };
}

/** The commit form: how to treat duplicates, and what consent the people gave. */
export const commitSchema = z.object({
  duplicatePolicy: z.enum(['merge', 'skip'], {
    error: 'Choose what to do with people already in the panel',
  }),
  consentSource: z
    .unknown()
    .transform((v) => (typeof v === 'string' ? v.trim() : ''))
    .pipe(
      z
        .string()
        .min(1, {
          error: 'Describe where the consent comes from, for example "paper sign-up forms"',
        })
        .max(200, { error: 'Use 200 characters or fewer' }),
    ),
  consentChannel: z.enum(STAFF_SOURCES, { error: 'Choose how the consent was collected' }),
  consentCollected: z.literal('yes', {
    error: 'Confirm that every person in the file gave their consent',
  }),
});
export type CommitOptions = z.output<typeof commitSchema>;

const CONTACT_SYNONYMS: Record<string, string> = {
  'e mail': 'email',
  mail: 'email',
  call: 'phone',
  'phone call': 'phone',
  telephone: 'phone',
  sms: 'text',
  'text message': 'text',
  texting: 'text',
};

const codeOf = (value: string, codes: readonly string[], labels: Record<string, string> = {}) => {
  const v = norm(value);
  return (
    codes.find((c) => norm(c) === v || norm(labels[c] ?? '') === v) ??
    // Unknown answers are passed on as typed, so validation reports them.
    value.trim()
  );
};

const split = (cell: string) =>
  cell
    .split(/[;,|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** English labels, as organizers type them in spreadsheets. */
const AVAILABILITY_LABELS: Record<string, string> = {
  weekday_day: 'weekdays daytime',
  weekday_evening: 'weekday evenings',
  weekend: 'weekends',
};

/**
 * One row of the file as the body of a profile form: the mapped cells, with languages given by
 * name turned into codes, districts like "CD 5" into 5, lists split on ; or ,.
 */
export function rowToProfileInput(
  cells: string[],
  mapping: Mapping,
  ref: ReferenceData,
): { input: Record<string, string | string[]>; unknown: UnknownField[] } {
  const cell = (k: ImportField) => {
    const i = mapping.columns[k];
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const language = (v: string) => {
    const s = norm(v);
    if (!s) return '';
    const hit = ref.languages.find(
      (l) =>
        norm(l.code) === s ||
        norm(l.english_name) === s ||
        l.native_name.toLowerCase() === v.trim().toLowerCase(),
    );
    return hit ? hit.code : v.trim();
  };
  const district = (v: string) => {
    const m = /^\s*(?:cd|council district|district)?\s*#?\s*(\d{1,2})\s*$/i.exec(v);
    if (m) return String(Number(m[1]));
    return /^\s*(unknown|don'?t know|)\s*$/i.test(v) ? '' : v.trim();
  };
  const email = cell('email').trim();
  const phone = cell('phone').trim();
  let contactPreference = norm(cell('contactPreference'));
  contactPreference = CONTACT_SYNONYMS[contactPreference] ?? contactPreference;
  // No preference given: the way to reach them that the row has.
  if (!contactPreference) contactPreference = email ? 'email' : phone ? 'phone' : '';
  const needs = split(cell('needs')).map((v) => codeOf(v, NEEDS));
  const interpreterLanguage = language(cell('interpreterLanguage'));
  if (interpreterLanguage && !needs.includes('interpreter')) needs.push('interpreter');
  const input: Record<string, string | string[]> = {
    firstName: cell('firstName'),
    lastName: cell('lastName'),
    email,
    phone,
    contactPreference: codeOf(contactPreference, CONTACT_PREFERENCES),
    language: language(cell('language')) || mapping.defaultLanguage,
    zip: cell('zip').trim(),
    councilDistrict: district(cell('councilDistrict')),
    myla311Use: cell('myla311Use')
      ? codeOf(cell('myla311Use'), MYLA311_USE, { few: 'a few times' })
      : '',
    format: cell('format') ? codeOf(cell('format'), FORMATS, { in_person: 'in person' }) : '',
    availability: split(cell('availability')).map((v) =>
      codeOf(v, AVAILABILITY, AVAILABILITY_LABELS),
    ),
    needs,
    interpreterLanguage,
  };
  // The file does not say: validate with a stand-in, then store "unknown" (null), rather than
  // refuse every row of a list that never asked.
  const unknown: UnknownField[] = [];
  for (const k of OPTIONAL_WHEN_UNMAPPED)
    if (!input[k]) {
      input[k] = PLACEHOLDER[k];
      unknown.push(k);
    }
  return { input, unknown };
}

export type UnknownField = (typeof OPTIONAL_WHEN_UNMAPPED)[number];
const PLACEHOLDER = { myla311Use: MYLA311_USE[0], format: FORMATS[2] } as const;

/** Names from a file must look like names: markup there is a sign of a broken or hostile file. */
export function importOnlyErrors(input: Record<string, string | string[]>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const k of ['firstName', 'lastName'] as const) {
    if (/[<>]/.test(String(input[k] ?? ''))) errors[k] = 'Names cannot contain < or >';
  }
  return errors;
}
