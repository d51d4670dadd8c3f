import type { Kysely } from 'kysely';
import type { Database, NewOutboxRow, OutboxRow, OutboxStatus } from '../db/schema';

export async function insertMessage(db: Kysely<Database>, row: NewOutboxRow): Promise<number> {
  const { id } = await db
    .insertInto('outbox')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Takes one due message under a lease, atomically: a second worker (or process) cannot take
 * the same row until the lease runs out, so no message is sent twice at once.
 */
export async function leaseNextDue(
  db: Kysely<Database>,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<OutboxRow | undefined> {
  const nowIso = now.toISOString();
  return db
    .updateTable('outbox')
    .set({ lease_owner: owner, lease_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', (eb) =>
      eb
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', nowIso)
        .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', nowIso)]))
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(1),
    )
    .where((w) => w.or([w('lease_until', 'is', null), w('lease_until', '<', nowIso)]))
    .returningAll()
    .executeTakeFirst();
}

/** Marks a message sent; its stored body keeps no usable link (see maskLinks). */
export async function markSent(
  db: Kysely<Database>,
  id: number,
  owner: string,
  now: Date,
  bodies: { text: string; html: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sent',
      sent_at: now.toISOString(),
      attempts: eb('attempts', '+', 1),
      lease_owner: null,
      lease_until: null,
      last_error: null,
      text_body: bodies.text,
      html_body: bodies.html,
    }))
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** After sending a goodbye to someone deleted: the log keeps that it was sent, not to whom. */
export async function scrubRecipient(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ to_address: '(deleted)', to_name: null })
    .where('id', '=', id)
    .execute();
}

export async function markAttemptFailed(
  db: Kysely<Database>,
  id: number,
  owner: string,
  change: { status: OutboxStatus; attempts: number; nextAttemptAt: Date; error: string },
): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      status: change.status,
      attempts: change.attempts,
      next_attempt_at: change.nextAttemptAt.toISOString(),
      last_error: change.error.slice(0, 1000),
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

export async function requeue(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now.toISOString(), last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const MAIL_LOG_STATUSES: OutboxStatus[] = ['queued', 'sent', 'failed', 'kept', 'cancelled'];

export async function listMessages(
  db: Kysely<Database>,
  filter: { status?: OutboxStatus; limit: number; offset: number },
) {
  let q = db.selectFrom('outbox');
  if (filter.status) q = q.where('status', '=', filter.status);
  const [rows, count] = await Promise.all([
    q
      .select([
        'id',
        'to_address',
        'to_name',
        'subject',
        'language',
        'status',
        'attempts',
        'created_at',
        'sent_at',
        'last_error',
      ])
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function countByStatus(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
    Record<OutboxStatus, number>
  >;
}

export async function findMessage(db: Kysely<Database>, id: number) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

// ---- Mail to one resident (asked for by the participants feature through the Mailer) ----

/** Cancels mail not yet sent to a participant (deletion, withdrawal). */
export async function cancelQueuedTo(db: Kysely<Database>, participantId: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'cancelled' })
    .where('participant_id', '=', participantId)
    .where('status', 'in', ['queued', 'kept'])
    .execute();
}

/** Blanks the personal content of mail to a participant: the log keeps only that mail existed. */
export async function scrubMailTo(db: Kysely<Database>, participantId: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({
      to_address: '(deleted)',
      to_name: null,
      subject: '(deleted)',
      text_body: '',
      html_body: '',
      attachments: '[]',
      last_error: null,
    })
    .where('participant_id', '=', participantId)
    .execute();
}

/** Whether mail of these templates was written to a participant since a time. */
export async function hasRecentMailTo(
  db: Kysely<Database>,
  participantId: number,
  templates: string[],
  sinceIso: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('outbox')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('template', 'in', templates)
    .where('created_at', '>', sinceIso)
    .executeTakeFirst();
  return row !== undefined;
}

/** The messages written to a participant, newest first (the Mail log has the bodies). */
export async function mailTo(db: Kysely<Database>, participantId: number, limit = 100) {
  return db
    .selectFrom('outbox')
    .select(['id', 'subject', 'status', 'created_at', 'sent_at'])
    .where('participant_id', '=', participantId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
