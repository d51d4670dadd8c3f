import { Migrator, type MigrationResultSet } from 'kysely';
import { migrations } from '../../db/migrations';
import type { DB } from './database';

export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
