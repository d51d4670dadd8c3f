import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { RegistrationChannel, RegistrationRow } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import { markActive } from '../../participants/activity';
import { findById, findByEmail, peopleByIds } from '../../participants/participants.queries';
import { formatCityTime } from '../city-time';
import { canBeRegistered, deadlinePassed, isLateCancellation } from './registration.rules';
import {
  findRegistration,
  firstWaitlisted,
  insertRegistration,
  moveStatus,
  registrationOf,
  releaseSeat,
  reopenRegistration,
  rosterOf,
  sessionForRegistration,
  takeSeat,
} from './registrations.queries';

export interface RegistrationDeps {
  db: DB;
  clock: Clock;
  cityTimeZone: string;
}

export interface RegisterOptions {
  channel: RegistrationChannel;
  accommodations: string | null;
  /** The staff member registering them (audited), or null for the resident themselves. */
  staffId: number | null;
}

export interface Registered {
  registration: RegistrationRow;
  /** True when the person already held a registration for this session (nothing changed). */
  existing: boolean;
}

export interface Cancelled {
  cancelled: RegistrationRow;
  /** The waitlisted person who got the seat, to be told (the resident slice sends the email). */
  promoted: RegistrationRow | null;
}

/** Field the phone form's refusals are shown on. */
const WHO = 'participant';

/**
 * Seats at a session: register (confirmed while seats are left, else waitlisted), cancel (the
 * first waitlisted person is promoted in the same transaction). The seat count moves only by
 * conditional updates, so two people can never take the last seat, on SQLite or PostgreSQL.
 */
export class RegistrationService {
  constructor(private readonly d: RegistrationDeps) {}

  /** A person from the pool by id or email who may be registered; refusals name why. */
  async findPerson(who: { id: number } | { email: string }) {
    const p =
      'id' in who ? await findById(this.d.db, who.id) : await findByEmail(this.d.db, who.email);
    if (!p || p.status === 'deleted')
      throw new ValidationError({ [WHO]: 'No one in the panel has that participant id or email' });
    if (!canBeRegistered(p.status))
      throw new ValidationError({
        [WHO]: `This participant is ${p.status === 'pending' ? 'not confirmed yet' : p.status} and cannot be registered`,
      });
    return p;
  }

  async register(
    sessionId: number,
    participantId: number,
    o: RegisterOptions,
  ): Promise<Registered> {
    await this.findPerson({ id: participantId });
    const now = this.d.clock.now();
    const session = await sessionForRegistration(this.d.db, sessionId);
    if (!session) throw new NotFoundError();
    const held = await registrationOf(this.d.db, sessionId, participantId);
    if (held && held.status !== 'cancelled') return { registration: held, existing: true };
    if (session.status !== 'scheduled')
      throw new ValidationError({ [WHO]: 'This session is cancelled: no one can register for it' });
    if (deadlinePassed(session.registration_deadline, now))
      throw new ValidationError({
        [WHO]: `The registration deadline for this session has passed (${formatCityTime(session.registration_deadline, this.d.cityTimeZone)})`,
      });
    const at = now.toISOString();
    try {
      const registration = await this.d.db.transaction().execute(async (trx) => {
        const status = (await takeSeat(trx, sessionId)) ? 'confirmed' : 'waitlisted';
        const fields = { accommodations: o.accommodations, channel: o.channel };
        let row: RegistrationRow | undefined;
        if (held) {
          // A cancelled registration is taken up again; if it changed meanwhile, roll back.
          if (!(await reopenRegistration(trx, held.id, { ...fields, status, at })))
            throw new RegistrationChanged();
          row = await findRegistration(trx, held.id);
        } else {
          row = await insertRegistration(trx, {
            ...fields,
            session_id: sessionId,
            participant_id: participantId,
            status,
            created_at: at,
          });
        }
        await markActive(trx, participantId, now);
        await recordAudit(trx, {
          actorStaffId: o.staffId,
          action: 'registration.create',
          subjectType: 'registration',
          subjectId: row!.id,
          details: { sessionId, participantId, status, channel: o.channel },
          at: now,
        });
        return row!;
      });
      return { registration, existing: false };
    } catch (err) {
      // The same person registered at the same moment: the transaction (and its seat) rolled back.
      if (!isUniqueViolation(err) && !(err instanceof RegistrationChanged)) throw err;
      const now2 = await registrationOf(this.d.db, sessionId, participantId);
      if (!now2) throw err;
      return { registration: now2, existing: true };
    }
  }

  /**
   * Cancels a registration of this session in one transaction: late when within 24 hours of
   * the start; a confirmed seat goes to the oldest waitlisted person, or back to the session.
   */
  async cancel(
    sessionId: number,
    registrationId: number,
    staffId: number | null,
  ): Promise<Cancelled> {
    const now = this.d.clock.now();
    const at = now.toISOString();
    return this.d.db.transaction().execute(async (trx) => {
      const reg = await findRegistration(trx, registrationId);
      if (!reg || reg.session_id !== sessionId)
        throw new ValidationError({ registrationId: 'That registration is not on this session' });
      if (reg.status !== 'confirmed' && reg.status !== 'waitlisted')
        throw new ValidationError({
          registrationId: `This registration is already ${reg.status.replace('_', '-')}`,
        });
      const session = await sessionForRegistration(trx, sessionId);
      if (!session) throw new NotFoundError();
      const late = isLateCancellation(session.starts_at, now) ? 1 : 0;
      const moved = await moveStatus(trx, reg.id, reg.status, {
        status: 'cancelled',
        cancelled_at: at,
        late_cancellation: late,
        updated_at: at,
      });
      if (!moved)
        throw new ValidationError({
          registrationId: 'This registration changed meanwhile: look again',
        });
      let promoted: RegistrationRow | null = null;
      if (reg.status === 'confirmed') {
        // The seat passes on unchanged (seats_taken stays); a waitlisted row taken by another
        // cancellation at the same moment is skipped.
        for (;;) {
          const next = await firstWaitlisted(trx, sessionId);
          if (!next) break;
          if (
            await moveStatus(trx, next.id, 'waitlisted', { status: 'confirmed', updated_at: at })
          ) {
            promoted = { ...next, status: 'confirmed', updated_at: at };
            break;
          }
        }
        if (!promoted) await releaseSeat(trx, sessionId);
      }
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'registration.cancel',
        subjectType: 'registration',
        subjectId: reg.id,
        details: { sessionId, late: late === 1, promoted: promoted?.id ?? null },
        at: now,
      });
      const cancelled = {
        ...reg,
        status: 'cancelled' as const,
        cancelled_at: at,
        late_cancellation: late,
        updated_at: at,
      };
      return { cancelled, promoted };
    });
  }

  /** A session's confirmed and waitlisted people with their names and languages. */
  async roster(sessionId: number) {
    const rows = await rosterOf(this.d.db, sessionId);
    const people = new Map(
      (
        await peopleByIds(
          this.d.db,
          rows.map((r) => r.participant_id),
        )
      ).map((p) => [p.id, p]),
    );
    return rows.map((r) => ({ ...r, person: people.get(r.participant_id)! }));
  }
}

/** A cancelled registration was taken up by someone else first. */
class RegistrationChanged extends Error {}
