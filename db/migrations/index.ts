import type { Migration } from 'kysely';
import * as foundation from './2026_11_26_0900_foundation';
import * as participants from './2026_11_26_1000_participants';

/** Every migration, by name, in order. One in-code list so tsc, tsx and Jest run them alike. */
export const migrations: Record<string, Migration> = {
  '2026_11_26_0900_foundation': foundation,
  '2026_11_26_1000_participants': participants,
};
