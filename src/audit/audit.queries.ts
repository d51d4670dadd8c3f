import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEvent {
  actorStaffId: number | null;
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  /** Never names, emails or phones: ids, roles, counts, reasons. */
  details?: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(db: Kysely<Database>, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at.toISOString(),
      actor_staff_id: e.actorStaffId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId == null ? null : String(e.subjectId),
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

/** An action a staff member (or, with null, the resident) took on one participant. */
export async function auditParticipant(
  db: Kysely<Database>,
  e: {
    by: number | null;
    action: string;
    participantId: number;
    at: Date;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await recordAudit(db, {
    actorStaffId: e.by,
    action: e.action,
    subjectType: 'participant',
    subjectId: e.participantId,
    details: e.details,
    at: e.at,
  });
}

export interface AuditFilter {
  action?: string;
  actorStaffId?: number;
}

/** The audit log, newest first, with the actor's name. */
export async function listAudit(
  db: Kysely<Database>,
  f: AuditFilter,
  limit: number,
  offset: number,
) {
  let q = db.selectFrom('audit_log as a');
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actorStaffId !== undefined) q = q.where('a.actor_staff_id', '=', f.actorStaffId);
  const [rows, count] = await Promise.all([
    q
      .leftJoin('staff_users as s', 's.id', 'a.actor_staff_id')
      .select([
        'a.id',
        'a.at',
        'a.actor_staff_id',
        's.name as actor_name',
        'a.action',
        'a.subject_type',
        'a.subject_id',
        'a.details',
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The actions and the staff members that appear in the log, for its filters. */
export async function auditFilterOptions(db: Kysely<Database>) {
  const [actions, actors] = await Promise.all([
    db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute(),
    db
      .selectFrom('staff_users as s')
      .select(['s.id', 's.name'])
      .where((eb) =>
        eb.exists(
          eb.selectFrom('audit_log as a').select('a.id').whereRef('a.actor_staff_id', '=', 's.id'),
        ),
      )
      .orderBy('s.name')
      .execute(),
  ]);
  return { actions: actions.map((a) => a.action), actors };
}
