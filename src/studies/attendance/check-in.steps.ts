import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/audit.queries';
import type { Database, RegistrationStatus } from '../../db/schema';
import { ValidationError } from '../../errors';
import { addToAttendanceHistory } from '../../participants/participants.queries';
import { releaseSeat, takeSeat } from '../registration/registrations.queries';
import {
  moveOutcome,
  registrationForCheckIn,
  type CheckInRegistration,
} from './attendance.queries';
import { historyChange, releasesSeat, retakesSeat } from './attendance.rules';

/*
 * The steps every check-in transaction shares (outcomes, undo, walk-ins): read the registration
 * on this session, move it conditionally with its seat and the person's history, audit it.
 */

/** What a check-in button did: changed, or nothing (it was already so: a double click). */
export type CheckInResult = { changed: boolean; name?: string };

/** The field a check-in's refusals are shown on. */
export const FIELD = 'registrationId';

/** A registration of this session, read inside the transaction, or a refusal on `field`. */
export async function registrationOn(
  trx: Kysely<Database>,
  sessionId: number,
  id: number,
  field = FIELD,
): Promise<CheckInRegistration> {
  const reg = await registrationForCheckIn(trx, id);
  if (!reg || reg.session_id !== sessionId)
    throw new ValidationError({ [field]: 'That registration is not on this session' });
  return reg;
}

/**
 * The conditional move from the status read, its seat (a late cancellation gives one back, its
 * undo takes one through the seat guard) and the person's history, inside the caller's
 * transaction. Found already done (the same click twice at once): `AlreadyDone` rolls it back.
 */
export async function moveWithin(
  trx: Kysely<Database>,
  reg: CheckInRegistration,
  to: RegistrationStatus,
  change: Omit<Parameters<typeof moveOutcome>[2], 'status'>,
): Promise<void> {
  if (retakesSeat(reg, to) && !(await takeSeat(trx, reg.session_id)))
    throw new ValidationError({ [FIELD]: 'No seat is left to give back to this person' });
  if (!(await moveOutcome(trx, reg, { ...change, status: to }))) {
    const now = await registrationForCheckIn(trx, reg.id);
    if (now?.status === to) throw new AlreadyDone();
    throw new ValidationError({ [FIELD]: 'This registration changed meanwhile: look again' });
  }
  if (releasesSeat(reg, to)) await releaseSeat(trx, reg.session_id);
  await addToAttendanceHistory(trx, reg.participant_id, historyChange(reg.status, to));
}

/** The audit row of a check-in change (ids only, never personal data). */
export function auditCheckIn(
  trx: Kysely<Database>,
  e: {
    staffId: number;
    action: string;
    reg: { id: number; participant_id: number };
    details?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  return recordAudit(trx, {
    actorStaffId: e.staffId,
    action: e.action,
    subjectType: 'registration',
    subjectId: e.reg.id,
    details: { participantId: e.reg.participant_id, ...e.details },
    at: e.at,
  });
}

/** The change asked for was already made (two clicks at once): rolled back, nothing to report. */
export class AlreadyDone extends Error {}

/** A transaction's result, or "nothing changed" when it found its work already done. */
export function unlessDone(work: Promise<CheckInResult>): Promise<CheckInResult> {
  return work.catch((err: unknown) => {
    if (err instanceof AlreadyDone) return { changed: false };
    throw err;
  });
}
