import type { Kysely } from 'kysely';
import type { Database, IncentiveMethod } from '../../db/schema';

/** Records an incentive handed over; false when this registration already has one (UNIQUE). */
export async function insertIncentive(
  db: Kysely<Database>,
  row: {
    registration_id: number;
    amount_cents: number;
    method: IncentiveMethod;
    issued_on: string;
    reference_note: string | null;
    issued_by: number;
    created_at: string;
  },
): Promise<boolean> {
  const done = await db
    .insertInto('incentives')
    .values(row)
    .onConflict((oc) => oc.column('registration_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return Boolean(done);
}

/**
 * Touches an attended registration inside the issuing transaction: false when it is no longer
 * attended. Writing the row locks it, so an undo at the same moment waits and then sees the
 * incentive (on PostgreSQL too).
 */
export async function holdAttended(db: Kysely<Database>, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('registrations')
    .set({ updated_at: at })
    .where('id', '=', id)
    .where('status', '=', 'attended')
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/** A registration with what its incentive needs: status, session, amounts owed. */
export async function registrationForIncentive(db: Kysely<Database>, registrationId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .select([
      'r.id',
      'r.session_id',
      'r.participant_id',
      'r.status',
      's.incentive_cents',
      'st.incentive_cents as study_incentive_cents',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

/**
 * A study's incentive report: everyone who attended one of its sessions, and anyone issued an
 * incentive, by session then name.
 */
export async function incentiveReport(db: Kysely<Database>, studyId: number) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('study_sessions as s', 's.id', 'r.session_id')
    .innerJoin('studies as st', 'st.id', 's.study_id')
    .innerJoin('participants as p', 'p.id', 'r.participant_id')
    .leftJoin('incentives as i', 'i.registration_id', 'r.id')
    .leftJoin('staff_users as u', 'u.id', 'i.issued_by')
    .select([
      'r.id',
      'r.status',
      'r.walk_in',
      'p.id as participant_id',
      'p.public_id',
      'p.status as person_status',
      'p.first_name',
      'p.last_name',
      's.id as session_id',
      's.starts_at',
      's.incentive_cents',
      'st.incentive_cents as study_incentive_cents',
      'i.amount_cents as issued_cents',
      'i.method',
      'i.issued_on',
      'u.name as issued_by_name',
    ])
    .where('s.study_id', '=', studyId)
    .where((eb) => eb.or([eb('r.status', '=', 'attended'), eb('i.id', 'is not', null)]))
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('r.id')
    .execute();
}
export type IncentiveReportRow = Awaited<ReturnType<typeof incentiveReport>>[number];
