import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import * as q from './participants.queries';

/**
 * Records that a participant did something (signed in by a link, changed their details, was
 * contacted, and later registered for a session or answered a survey): the retention period
 * starts again and a retention warning no longer applies. Other features call this, inside
 * their own transaction when they have one.
 */
export function markActive(db: Kysely<Database>, participantId: number, at: Date): Promise<void> {
  return q.markActive(db, participantId, at.toISOString());
}
