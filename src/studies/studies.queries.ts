import type { Kysely } from 'kysely';
import type { Database, StudyRow, StudyStatus } from '../db/schema';
import type { TeamRole } from './study.rules';

export interface StudyFields {
  title: string;
  purpose: string;
  target_participants: number;
  incentive_cents: number;
  incentive_kind: StudyRow['incentive_kind'];
  reminder_offsets: string;
}

export interface StudyLists {
  requestTypes: string[];
  stages: string[];
  team: { staffId: number; role: TeamRole }[];
}

export async function insertStudy(
  db: Kysely<Database>,
  row: StudyFields & { created_by: number; created_at: string },
): Promise<number> {
  const { id } = await db
    .insertInto('studies')
    .values({ ...row, status: 'draft', updated_at: row.created_at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateStudy(
  db: Kysely<Database>,
  id: number,
  row: StudyFields & { updated_at: string },
): Promise<void> {
  await db.updateTable('studies').set(row).where('id', '=', id).execute();
}

/** Replaces a study's request types, stages and team. */
export async function setStudyLists(db: Kysely<Database>, id: number, l: StudyLists) {
  await db.deleteFrom('study_choices').where('study_id', '=', id).execute();
  await db.deleteFrom('study_team').where('study_id', '=', id).execute();
  const choices = [
    ...l.requestTypes.map((value) => ({ study_id: id, field: 'request_type', value })),
    ...l.stages.map((value) => ({ study_id: id, field: 'stage', value })),
  ];
  if (choices.length) await db.insertInto('study_choices').values(choices).execute();
  const team = l.team.map((m) => ({ study_id: id, staff_user_id: m.staffId, role: m.role }));
  if (team.length) await db.insertInto('study_team').values(team).execute();
}

export async function findStudy(db: Kysely<Database>, id: number): Promise<StudyRow | undefined> {
  return db.selectFrom('studies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function studyLists(db: Kysely<Database>, id: number): Promise<StudyLists> {
  const [choices, team] = await Promise.all([
    db
      .selectFrom('study_choices')
      .select(['field', 'value'])
      .where('study_id', '=', id)
      .orderBy('field')
      .orderBy('value')
      .execute(),
    db
      .selectFrom('study_team')
      .select(['staff_user_id', 'role'])
      .where('study_id', '=', id)
      .orderBy('role')
      .orderBy('staff_user_id')
      .execute(),
  ]);
  const of = (field: string) => choices.filter((c) => c.field === field).map((c) => c.value);
  return {
    requestTypes: of('request_type'),
    stages: of('stage'),
    team: team.map((m) => ({ staffId: m.staff_user_id, role: m.role })),
  };
}

/** Moves a study from one status to another; 0 rows when someone else moved it first. */
export async function moveStudy(
  db: Kysely<Database>,
  id: number,
  from: StudyStatus,
  to: StudyStatus,
  at: string,
): Promise<number> {
  const r = await db
    .updateTable('studies')
    .set({ status: to, updated_at: at })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Studies, newest first, with their number of scheduled sessions and the next start. */
export async function listStudies(db: Kysely<Database>, status: StudyStatus | null, now: string) {
  let q = db.selectFrom('studies as s').select((eb) => [
    's.id',
    's.title',
    's.status',
    's.target_participants',
    's.created_at',
    eb
      .selectFrom('study_sessions as x')
      .select((e) => e.fn.countAll<number>().as('n'))
      .whereRef('x.study_id', '=', 's.id')
      .where('x.status', '=', 'scheduled')
      .as('sessions'),
    eb
      .selectFrom('study_sessions as x')
      .select((e) => e.fn.min('x.starts_at').as('next'))
      .whereRef('x.study_id', '=', 's.id')
      .where('x.status', '=', 'scheduled')
      .where('x.starts_at', '>', now)
      .as('next_session'),
  ]);
  if (status) q = q.where('s.status', '=', status);
  return q.orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(500).execute();
}

/** How many studies are in each status. */
export async function countStudiesByStatus(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('studies')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
    Record<StudyStatus, number>
  >;
}
