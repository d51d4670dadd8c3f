import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/*
 * The study exports' reads, in batches by id (keyset: `id > last`, ordered, limited), so an
 * export never holds a whole table: each call reads one batch.
 */

type Db = Kysely<Database>;
export const BATCH = 500;

/** Registrations of the study's sessions: no names, emails or phones; the person's district. */
export function registrationBatch(db: Db, studyId: number, afterId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .select([
      'r.id',
      'r.participant_id',
      'r.session_id',
      's.starts_at',
      'r.status',
      'r.walk_in',
      'r.late_cancellation',
      'r.created_at',
      'p.council_district',
    ])
    .where('s.study_id', '=', studyId)
    .where('r.id', '>', afterId)
    .orderBy('r.id')
    .limit(BATCH)
    .execute();
}
export type RegistrationExportRow = Awaited<ReturnType<typeof registrationBatch>>[number];

/** Who attended (owed an incentive) or was issued one, with the amounts (cents). */
export function incentiveBatch(db: Db, studyId: number, afterId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .leftJoin('incentives as i', 'i.registration_id', 'r.id')
    .select([
      'r.id',
      'r.participant_id',
      'r.session_id',
      'r.status',
      's.starts_at',
      's.incentive_cents',
      's.incentive_kind',
      'st.incentive_cents as study_incentive_cents',
      'st.incentive_kind as study_incentive_kind',
      'i.amount_cents as issued_cents',
      'i.method',
      'i.issued_on',
    ])
    .where('s.study_id', '=', studyId)
    .where((eb) => eb.or([eb('r.status', '=', 'attended'), eb('i.id', 'is not', null)]))
    .where('r.id', '>', afterId)
    .orderBy('r.id')
    .limit(BATCH)
    .execute();
}
export type IncentiveExportRow = Awaited<ReturnType<typeof incentiveBatch>>[number];

/** Coded notes of the study's sessions. */
export function noteBatch(db: Db, studyId: number, afterId: number) {
  return db
    .selectFrom('session_notes as sn')
    .innerJoin('study_sessions as s', 's.id', 'sn.session_id')
    .select([
      'sn.id',
      'sn.session_id',
      's.starts_at',
      'sn.pseudonym',
      'sn.service',
      'sn.stage',
      'sn.driver',
      'sn.sentiment',
      'sn.is_quote',
      'sn.body',
    ])
    .where('s.study_id', '=', studyId)
    .where('sn.id', '>', afterId)
    .orderBy('sn.id')
    .limit(BATCH)
    .execute();
}
export type NoteExportRow = Awaited<ReturnType<typeof noteBatch>>[number];
