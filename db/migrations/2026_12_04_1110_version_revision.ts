import { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// A version's content (pages, questions, options) changes in place only when the builder
// corrects its wording or rewrites a version without responses; each such change adds one to
// `revision`, in the same transaction. The respondent pages keep a version's content in memory
// keyed by (version, revision), read again when the number moves: every page of every resident
// had re-read three tables for it. Held in the database, so every process sees the change.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('survey_versions')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('survey_versions').dropColumn('revision').execute();
}
