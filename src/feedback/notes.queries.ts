import type { Kysely } from 'kysely';
import type { Database, NewSessionNote, SessionNoteChange } from '../db/schema';

/** The notes of one session with their author's name, newest first. */
export function notesOfSession(db: Kysely<Database>, sessionId: number) {
  return db
    .selectFrom('session_notes as n')
    .leftJoin('staff_users as u', 'u.id', 'n.author_staff_id')
    .select([
      'n.id',
      'n.session_id',
      'n.author_staff_id',
      'n.body',
      'n.service',
      'n.stage',
      'n.driver',
      'n.sentiment',
      'n.is_quote',
      'n.pseudonym',
      'n.created_at',
      'n.updated_at',
      'u.name as author_name',
    ])
    .where('n.session_id', '=', sessionId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id', 'desc')
    .execute();
}
export type NoteListRow = Awaited<ReturnType<typeof notesOfSession>>[number];

/** One note, if it belongs to this session. */
export function noteOfSession(db: Kysely<Database>, sessionId: number, noteId: number) {
  return db
    .selectFrom('session_notes')
    .selectAll()
    .where('id', '=', noteId)
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
}

/** The codes of the author's latest note at this session (the form starts from them). */
export function lastCodesOf(db: Kysely<Database>, sessionId: number, authorId: number) {
  return db
    .selectFrom('session_notes')
    .select(['id', 'service', 'stage', 'driver', 'sentiment'])
    .where('session_id', '=', sessionId)
    .where('author_staff_id', '=', authorId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** The themes of these notes, by name. */
export async function themesOfNotes(db: Kysely<Database>, noteIds: number[]) {
  if (!noteIds.length) return [];
  return db
    .selectFrom('session_note_themes as nt')
    .innerJoin('themes as t', 't.id', 'nt.theme_id')
    .select(['nt.note_id', 't.id', 't.name', 't.status'])
    .where('nt.note_id', 'in', noteIds)
    .orderBy('t.name')
    .execute();
}

export async function insertNote(db: Kysely<Database>, row: NewSessionNote): Promise<number> {
  const { id } = await db
    .insertInto('session_notes')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateNote(db: Kysely<Database>, id: number, change: SessionNoteChange) {
  await db.updateTable('session_notes').set(change).where('id', '=', id).execute();
}

/** Deletes a note (its theme tags go with it); false when it was already gone. */
export async function deleteNote(db: Kysely<Database>, id: number): Promise<boolean> {
  const res = await db.deleteFrom('session_notes').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Replaces a note's themes with these. */
export async function setNoteThemes(db: Kysely<Database>, noteId: number, themeIds: number[]) {
  await db.deleteFrom('session_note_themes').where('note_id', '=', noteId).execute();
  if (themeIds.length)
    await db
      .insertInto('session_note_themes')
      .values(themeIds.map((theme_id) => ({ note_id: noteId, theme_id })))
      .onConflict((oc) => oc.columns(['note_id', 'theme_id']).doNothing())
      .execute();
}

/** How many notes a session has (the demo adds notes only to sessions with none). */
export async function noteCount(db: Kysely<Database>, sessionId: number): Promise<number> {
  const row = await db
    .selectFrom('session_notes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
