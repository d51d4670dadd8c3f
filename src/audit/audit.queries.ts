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
