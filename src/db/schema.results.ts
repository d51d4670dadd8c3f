import type { Selectable } from 'kysely';

// The results feature's tables (src/results), typed by hand from db/migrations; see schema.ts.

export type ShareDimension = 'district' | 'language';

/** The city's share of one group (a council district, a language), for representativeness. */
export interface CitySharesTable {
  dimension: ShareDimension;
  /** A council district number as text, or a language code. */
  code: string;
  /** A fraction of the city's residents, 0–1 (shown as a percent). */
  share: number;
  source: string;
  year: number | null;
  updated_at: string;
  updated_by: number | null;
}
export type CityShareRow = Selectable<CitySharesTable>;
