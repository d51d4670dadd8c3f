import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function insertLinkRequest(
  db: Kysely<Database>,
  email: string,
  atIso: string,
): Promise<void> {
  await db.insertInto('link_requests').values({ email, requested_at: atIso }).execute();
}

/** The oldest waiting requests' ids. */
export async function waitingLinkRequests(db: Kysely<Database>, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('link_requests')
    .select('id')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Removes one request and returns its address: only the caller that removed it processes it. */
export async function takeLinkRequest(
  db: Kysely<Database>,
  id: number,
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('link_requests')
    .where('id', '=', id)
    .returning('email')
    .executeTakeFirst();
  return row?.email;
}

export async function deleteLinkRequestsBefore(
  db: Kysely<Database>,
  cutoffIso: string,
): Promise<number> {
  const r = await db
    .deleteFrom('link_requests')
    .where('requested_at', '<', cutoffIso)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A deleted person's waiting "get my link" requests go with them. */
export async function deleteLinkRequestsFor(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('link_requests').where('email', '=', email).execute();
}
