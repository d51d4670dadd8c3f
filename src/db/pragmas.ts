import { sql } from 'kysely';
import type { DB } from './database';

export interface Pragmas {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
}

/** Reads the settings of the app's own connection (for tests and /healthz). */
export async function readPragmas(db: DB): Promise<Pragmas> {
  const one = async (name: string) => {
    const { rows } = await sql<
      Record<string, unknown>
    >`select * from ${sql.raw(`pragma_${name}`)}`.execute(db);
    return Object.values(rows[0] ?? {})[0];
  };
  return {
    journalMode: String(await one('journal_mode')),
    synchronous: Number(await one('synchronous')),
    foreignKeys: Number(await one('foreign_keys')),
    busyTimeout: Number(await one('busy_timeout')),
  };
}
