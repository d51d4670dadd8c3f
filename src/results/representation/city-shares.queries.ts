import type { Kysely } from 'kysely';
import type { DB } from '../../db/database';
import type { Database, ShareDimension } from '../../db/schema';
import type { SharesInput } from './city-shares.rules';

/** Every reference share, with the name of whoever last changed it. */
export function listCityShares(db: DB) {
  return db
    .selectFrom('city_shares as c')
    .leftJoin('staff_users as s', 's.id', 'c.updated_by')
    .select([
      'c.dimension',
      'c.code',
      'c.share',
      'c.source',
      'c.year',
      'c.updated_at',
      's.name as updated_by_name',
    ])
    .orderBy('c.dimension')
    .orderBy('c.code')
    .execute();
}
export type CityShareListed = Awaited<ReturnType<typeof listCityShares>>[number];

/**
 * Replaces one dimension's figures (inside the caller's transaction): the entered shares are
 * written (UNIQUE dimension + code: an upsert, so two admins saving at once both succeed and the
 * last one stands), the groups left blank lose theirs.
 */
export async function replaceCityShares(
  trx: Kysely<Database>,
  input: SharesInput,
  by: number,
  at: string,
): Promise<void> {
  const codes = input.shares.map((s) => s.code);
  let gone = trx.deleteFrom('city_shares').where('dimension', '=', input.dimension);
  if (codes.length) gone = gone.where('code', 'not in', codes);
  await gone.execute();
  for (const s of input.shares) {
    const row = {
      share: s.share,
      source: input.source,
      year: input.year,
      updated_at: at,
      updated_by: by,
    };
    await trx
      .insertInto('city_shares')
      .values({ dimension: input.dimension, code: s.code, ...row })
      .onConflict((oc) => oc.columns(['dimension', 'code']).doUpdateSet(row))
      .execute();
  }
}

export type { ShareDimension };
