import type { DB } from '../../db/database';

/** The surveys and studies an export can be of, newest first (ids and titles only). */
export async function exportChoices(db: DB) {
  const [surveys, studies] = await Promise.all([
    db.selectFrom('surveys').select(['id', 'title']).orderBy('id', 'desc').execute(),
    db.selectFrom('studies').select(['id', 'title']).orderBy('id', 'desc').execute(),
  ]);
  return { surveys, studies };
}
