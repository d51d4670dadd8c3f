import { Kysely } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// Reference rows that residents see carry their labels, one per language, as read from the
// label_<locale> columns of db/seeds/*.csv. One JSON column rather than a column per language,
// so that adding a language takes a catalogue and CSV columns, not a migration.

const TABLES = ['request_types', 'council_districts', 'neighborhood_councils'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('labels', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).dropColumn('labels').execute();
  }
}
