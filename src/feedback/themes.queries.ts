import type { Kysely } from 'kysely';
import type { Database, ThemeStatus } from '../db/schema';

/** Every theme with how many notes carry it: active first, then proposed, by name. */
export function themesWithCounts(db: Kysely<Database>) {
  return db
    .selectFrom('themes as t')
    .leftJoin('staff_users as u', 'u.id', 't.proposed_by')
    .select((eb) => [
      't.id',
      't.name',
      't.status',
      't.created_at',
      'u.name as proposed_by_name',
      eb
        .selectFrom('session_note_themes as nt')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('nt.theme_id', '=', 't.id')
        .as('notes'),
    ])
    .orderBy('t.status')
    .orderBy('t.name_key')
    .execute();
}

/** The themes a note can be tagged with (active and proposed), by name. */
export function themeChoices(db: Kysely<Database>) {
  return db.selectFrom('themes').select(['id', 'name', 'status']).orderBy('name_key').execute();
}

export function themeById(db: Kysely<Database>, id: number) {
  return db.selectFrom('themes').selectAll().where('id', '=', id).executeTakeFirst();
}

export function themeByKey(db: Kysely<Database>, key: string) {
  return db.selectFrom('themes').selectAll().where('name_key', '=', key).executeTakeFirst();
}

/** Which of these ids are themes. */
export async function existingThemeIds(db: Kysely<Database>, ids: number[]): Promise<number[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('themes').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Adds a theme unless its key is taken; the id, or null when a theme of that name exists. */
export async function insertTheme(
  db: Kysely<Database>,
  t: { name: string; key: string; status: ThemeStatus; by: number; at: string },
): Promise<number | null> {
  const row = await db
    .insertInto('themes')
    .values({
      name: t.name,
      name_key: t.key,
      status: t.status,
      proposed_by: t.status === 'proposed' ? t.by : null,
      created_at: t.at,
      updated_at: t.at,
    })
    .onConflict((oc) => oc.column('name_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Renames a theme unless another has the key; false when it is taken (or the theme is gone). */
export async function renameTheme(
  db: Kysely<Database>,
  id: number,
  t: { name: string; key: string; at: string },
): Promise<boolean> {
  const res = await db
    .updateTable('themes')
    .set({ name: t.name, name_key: t.key, updated_at: t.at })
    .where('id', '=', id)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('themes as other')
            .select('other.id')
            .where('other.name_key', '=', t.key)
            .where('other.id', '!=', id),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Proposed → active; false when it was not proposed (already approved, or gone). */
export async function approveTheme(db: Kysely<Database>, id: number, at: string) {
  const res = await db
    .updateTable('themes')
    .set({ status: 'active', updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'proposed')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The notes tagged with a theme. */
export async function notesTagged(db: Kysely<Database>, themeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('session_note_themes')
    .select('note_id')
    .where('theme_id', '=', themeId)
    .execute();
  return rows.map((r) => r.note_id);
}

/** Tags these notes with a theme (a tag already there stays one). */
export async function tagNotes(db: Kysely<Database>, themeId: number, noteIds: number[]) {
  for (let i = 0; i < noteIds.length; i += 200)
    await db
      .insertInto('session_note_themes')
      .values(noteIds.slice(i, i + 200).map((note_id) => ({ note_id, theme_id: themeId })))
      .onConflict((oc) => oc.columns(['note_id', 'theme_id']).doNothing())
      .execute();
}

/** Deletes a theme (its tags go with it); false when it was already gone. */
export async function deleteTheme(db: Kysely<Database>, id: number): Promise<boolean> {
  const res = await db.deleteFrom('themes').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** The A-11 drivers of the reference data (`cx_questions`). */
export async function referenceDrivers(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('cx_questions').select('driver').execute();
  return rows.map((r) => r.driver);
}

/** A foreign key refused the row (SQLite's code, or PostgreSQL's SQLSTATE 23503). */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/**
 * Takes the row locks of these themes for the rest of the transaction (PostgreSQL: a note's tag
 * of one waits; SQLite has one writer anyway), so a merge moves every tag that will exist.
 */
export async function holdThemes(db: Kysely<Database>, ids: number[], at: string) {
  await db.updateTable('themes').set({ updated_at: at }).where('id', 'in', ids).execute();
}
