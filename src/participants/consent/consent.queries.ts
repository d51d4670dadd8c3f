import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function latestVersion(db: Kysely<Database>) {
  return db
    .selectFrom('consent_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function textsOf(db: Kysely<Database>, versionId: number) {
  return db.selectFrom('consent_texts').selectAll().where('version_id', '=', versionId).execute();
}

export async function listVersions(db: Kysely<Database>) {
  return db
    .selectFrom('consent_versions as v')
    .leftJoin('staff_users as s', 's.id', 'v.published_by')
    .select(['v.id', 'v.version', 'v.published_at', 's.name as published_by_name'])
    .orderBy('v.version', 'desc')
    .execute();
}

export async function insertVersion(
  db: Kysely<Database>,
  v: {
    version: number;
    publishedAt: string;
    publishedBy: number | null;
    texts: { language: string; text: string; text_hash: string }[];
  },
): Promise<number> {
  const { id } = await db
    .insertInto('consent_versions')
    .values({ version: v.version, published_at: v.publishedAt, published_by: v.publishedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('consent_texts')
    .values(v.texts.map((t) => ({ ...t, version_id: id })))
    .execute();
  return id;
}

export async function insertConsentEvent(
  db: Kysely<Database>,
  e: {
    participantId: number;
    versionId: number;
    action: 'given' | 'withdrawn';
    language: string;
    channel: Database['consent_events']['channel'];
    textHash: string;
    staffId: number | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('consent_events')
    .values({
      participant_id: e.participantId,
      version_id: e.versionId,
      action: e.action,
      language: e.language,
      channel: e.channel,
      text_hash: e.textHash,
      recorded_by_staff_id: e.staffId,
      at: e.at,
    })
    .execute();
}

export async function consentHistory(db: Kysely<Database>, participantId: number) {
  return db
    .selectFrom('consent_events as e')
    .innerJoin('consent_versions as v', 'v.id', 'e.version_id')
    .leftJoin('staff_users as s', 's.id', 'e.recorded_by_staff_id')
    .select([
      'e.id',
      'e.action',
      'e.language',
      'e.channel',
      'e.text_hash',
      'e.at',
      'v.version',
      's.name as staff_name',
    ])
    .where('e.participant_id', '=', participantId)
    .orderBy('e.at', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}
