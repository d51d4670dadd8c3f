import { Kysely, sql } from 'kysely';

// Frozen in time: uses Kysely<any> and imports no app code.
// The city's reference shares that representativeness compares the panel with (src/results):
// one row per dimension ('district' | 'language') and code (a council district number as text,
// a language code), the share as a FRACTION of the city's residents (0–1, not a percent), the
// source and year it comes from, and who last changed it. A code without a row has no figure.
// Council districts are drawn to equal population, so the 15 districts start at 1/15 each;
// language rows start empty (admins enter the Census figures).

const DISTRICTS = 15;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('city_shares')
    .addColumn('dimension', 'text', (c) =>
      c.notNull().check(sql`dimension in ('district', 'language')`),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('share', 'real', (c) => c.notNull().check(sql`share >= 0 and share <= 1`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('staff_users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('city_shares_pk', ['dimension', 'code'])
    .execute();

  const at = '2026-12-04T10:00:00.000Z';
  await db
    .insertInto('city_shares')
    .values(
      Array.from({ length: DISTRICTS }, (_, i) => ({
        dimension: 'district',
        code: String(i + 1),
        share: 1 / DISTRICTS,
        source: 'Council districts are drawn to equal population',
        year: null,
        updated_at: at,
        updated_by: null,
      })),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('city_shares').execute();
}
