import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

/** A study's report-back row (draft or sent), if any. */
export function findReportBack(db: Db, studyId: number) {
  return db
    .selectFrom('report_backs')
    .selectAll()
    .where('study_id', '=', studyId)
    .executeTakeFirst();
}

/**
 * Saves the draft messages (JSON by language): one row per study (UNIQUE), changed only while
 * not sent. False when it was sent already.
 */
export async function saveDraft(
  db: Db,
  row: { study_id: number; messages: string; updated_by: number; at: string },
): Promise<boolean> {
  const done = await db
    .insertInto('report_backs')
    .values({
      study_id: row.study_id,
      messages: row.messages,
      updated_by: row.updated_by,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc
        .column('study_id')
        .doUpdateSet({ messages: row.messages, updated_by: row.updated_by, updated_at: row.at })
        .where('report_backs.sent_at', 'is', null),
    )
    .returning('id')
    .executeTakeFirst();
  return Boolean(done);
}

/**
 * Marks the report-back sent, inside the sending transaction: a conditional update from "not
 * sent", so of two sends at once (a double click) exactly one changes the row and sends.
 */
export async function claimSend(
  db: Db,
  studyId: number,
  c: { at: string; by: number; sent: number; skipped: number },
): Promise<boolean> {
  const r = await db
    .updateTable('report_backs')
    .set({ sent_at: c.at, sent_by: c.by, sent_count: c.sent, skipped_count: c.skipped })
    .where('study_id', '=', studyId)
    .where('sent_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** Everyone who attended one of the study's sessions (once each), with what sending needs. */
export function attendees(db: Db, studyId: number) {
  return db
    .selectFrom('participants as p')
    .select(['p.id', 'p.first_name', 'p.email', 'p.language', 'p.status'])
    .where(
      'p.id',
      'in',
      db
        .selectFrom('registrations as r')
        .innerJoin('study_sessions as s', 's.id', 'r.session_id')
        .select('r.participant_id')
        .where('s.study_id', '=', studyId)
        .where('r.status', '=', 'attended'),
    )
    .orderBy('p.id')
    .execute();
}
export type Attendee = Awaited<ReturnType<typeof attendees>>[number];

/** Sessions of the study that took place with someone attending (for the prefilled figures). */
export async function sessionsHeld(db: Db, studyId: number): Promise<number> {
  const row = await db
    .selectFrom('study_sessions as s')
    .select((eb) => eb.fn.count<number>('s.id').distinct().as('n'))
    .innerJoin('registrations as r', 'r.session_id', 's.id')
    .where('s.study_id', '=', studyId)
    .where('r.status', '=', 'attended')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
