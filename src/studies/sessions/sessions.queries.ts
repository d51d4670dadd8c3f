import type { Kysely } from 'kysely';
import type { Database, NewStudySession, StudySessionRow } from '../../db/schema';

export type SessionFields = Omit<
  NewStudySession,
  'id' | 'study_id' | 'seats_taken' | 'status' | 'created_at' | 'updated_at'
>;

export async function insertSession(
  db: Kysely<Database>,
  row: SessionFields & { study_id: number; created_at: string },
): Promise<number> {
  const { id } = await db
    .insertInto('study_sessions')
    .values({ ...row, updated_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Saves a session unless its new seats would be fewer than those already taken (false then). */
export async function updateSession(
  db: Kysely<Database>,
  id: number,
  row: SessionFields & { updated_at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('study_sessions')
    .set(row)
    .where('id', '=', id)
    .where('seats_taken', '<=', row.capacity + (row.extra_seats ?? 0))
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

export async function setInterpretation(db: Kysely<Database>, id: number, languages: string[]) {
  await db.deleteFrom('session_interpretation').where('session_id', '=', id).execute();
  if (languages.length)
    await db
      .insertInto('session_interpretation')
      .values(languages.map((language) => ({ session_id: id, language })))
      .execute();
}

/** A session of this study (not of another one), or undefined. */
export async function findSession(
  db: Kysely<Database>,
  studyId: number,
  id: number,
): Promise<StudySessionRow | undefined> {
  return db
    .selectFrom('study_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
}

export async function interpretationOf(db: Kysely<Database>, ids: number[]) {
  if (!ids.length) return new Map<number, string[]>();
  const rows = await db
    .selectFrom('session_interpretation')
    .select(['session_id', 'language'])
    .where('session_id', 'in', ids)
    .orderBy('language')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.session_id, [...(out.get(r.session_id) ?? []), r.language]);
  return out;
}

/** A study's sessions in time order. */
export async function sessionsOfStudy(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('study_sessions')
    .selectAll()
    .where('study_id', '=', studyId)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
}

/** Who runs or takes notes at a study's scheduled sessions (to keep them on its team). */
export async function assignedStaff(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('study_sessions')
    .select(['facilitator_id', 'note_taker_id'])
    .where('study_id', '=', studyId)
    .where('status', '=', 'scheduled')
    .execute();
}
