import type { Generated, Selectable } from 'kysely';

// The results feature's report-back table (src/results/report-back), typed by hand from
// db/migrations/2026_12_04_1010_report_backs.ts; see schema.ts.

/** A study's "what we heard" message: drafted per language, sent once. */
export interface ReportBacksTable {
  id: Generated<number>;
  /** UNIQUE: one report-back per study. */
  study_id: number;
  /** JSON { language code: the message organizers wrote }. */
  messages: Generated<string>;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
  /** Set once, by a conditional update (WHERE sent_at IS NULL): a second send changes nothing. */
  sent_at: string | null;
  sent_by: number | null;
  /** Emails written to the outbox. */
  sent_count: number | null;
  /** People who attended and got no email (withdrawn, deleted, paused, no address). */
  skipped_count: number | null;
}
export type ReportBackRow = Selectable<ReportBacksTable>;
