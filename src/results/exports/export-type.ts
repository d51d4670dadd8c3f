import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { StaffRole } from '../../db/schema';
import type { ReferenceData } from '../../reference/reference.queries';
import type { CityNames } from '../../config';
import type { CsvColumn, CsvProfile } from '../../web/csv';
import type { Breakdown, ResolvedFilter, ResultsFilter } from '../filters';

/*
 * The one contract every export follows (issue 9, DESIGN.md "Exports"), so the results pages'
 * download links, the ZIP bundle and `npm run export` all run the same code: an export type
 * opens a table — columns and a stream of rows read from a database cursor — and the caller
 * writes it as CSV in the profile asked for (src/web/csv.ts). Types are listed in `registry.ts`.
 */

/** What an export belongs to: a survey (`--survey`), a study (`--study`) or the whole panel. */
export type ExportScope = 'survey' | 'study' | 'panel';

/** Who asks: a signed-in staff member on a page, or the command line (trusted, like `npm run admin`). */
export interface ExportActor {
  staffId: number | null;
  role: StaffRole;
  via: 'web' | 'cli';
}

export interface ExportRequest {
  survey?: number;
  study?: number;
  /** As typed (for a README and file names) and resolved to UTC instants (for the queries). */
  filter: ResultsFilter;
  resolved: ResolvedFilter;
  /** Split the figures by this dimension (a survey's summary; other types ignore it). */
  breakdown?: Breakdown;
  /** Label values in this language instead of codes (wide, long, summary); null: codes. */
  labels: string | null;
  profile: CsvProfile;
  /** Why personal data is exported (`personal` types only): required, audit-logged. */
  reason?: string;
  actor: ExportActor;
}

/** One CSV's worth: the file name (without directory) and the rows, read lazily. */
export interface ExportTable<T = unknown> {
  filename: string;
  columns: CsvColumn<T>[];
  rows: AsyncIterable<T> | Iterable<T>;
}

export interface ExportDeps {
  db: DB;
  ref: ReferenceData;
  clock: Clock;
  cityTimeZone: string;
  names: CityNames;
}

export interface ExportType {
  /** The command line's and the URL's name: `responses-wide`, `funnel` … */
  type: string;
  /** English, for staff pages and `npm run export -- list`-style help. */
  title: string;
  scope: ExportScope;
  /** Roles that may download it from the pages (admins always may). */
  roles: StaffRole[];
  /** Names, emails, phones or addresses: organizers and admins only, a reason, an audit entry. */
  personal?: boolean;
  /** Checks the request (the survey or study exists, the reason is given) and opens the table. */
  open(req: ExportRequest): Promise<ExportTable<any>>;
}

/** Builds an export type from the shared dependencies (each feature's factory). */
export type ExportFactory = (deps: ExportDeps) => ExportType | ExportType[];
