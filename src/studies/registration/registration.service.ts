import { recordAudit } from '../../audit/audit.queries';
import { isUniqueViolation } from '../../db/errors';
import type { RegistrationChannel, RegistrationRow } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import { markActive } from '../../participants/activity';
import { findById, findByEmail, peopleByIds } from '../../participants/participants.queries';
import { formatCityTime } from '../city-time';
import { addInvitationLink } from '../invitations/invitation-links';
import { markResponded } from '../invitations/invitations.queries';
import { canBeRegistered, deadlinePassed } from './registration.rules';
import {
  findRegistration,
  registrationOf,
  rosterOf,
  sessionById,
  takeSeat,
} from './registrations.queries';
import {
  RegistrationChanged,
  cancelInside,
  changedMeanwhile,
  invitationFor,
  mailSession,
  placeIn,
  sendMail,
  type Cancelled,
  type RegistrationDeps,
} from './seat-moves';

export type { Cancelled, RegistrationDeps } from './seat-moves';

export interface RegisterOptions {
  channel: RegistrationChannel;
  accommodations: string | null;
  /** The staff member registering them (audited), or null for the resident themselves. */
  staffId: number | null;
  /**
   * Refuse rather than waitlist when no seat is left (the resident chose a time that showed
   * seats, and it filled meanwhile): a ValidationError on `field`, nothing stored.
   */
  seatOnly?: { field: string; message: string };
}

export interface Registered {
  registration: RegistrationRow;
  /** True when the person already held a registration for this session (nothing changed). */
  existing: boolean;
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
    const person = await this.findPerson({ id: participantId });
    const now = this.d.clock.now();
    const session = await sessionById(this.d.db, sessionId);
    if (!session) throw new NotFoundError();
    const held = await registrationOf(this.d.db, sessionId, participantId);
    if (held && held.status !== 'cancelled') return { registration: held, existing: true };
    if (session.status !== 'scheduled')
      throw new ValidationError({ [WHO]: 'This session is cancelled: no one can register for it' });
    if (deadlinePassed(session.registration_deadline, now))
      throw new ValidationError({
        [WHO]: `The registration deadline for this session has passed (${formatCityTime(session.registration_deadline, this.d.cityTimeZone)})`,
      });
    // Before the transaction: the invitation this answers (one is made for someone registered
    // without one, by phone), a fresh /r/ link, and both possible emails, so that the
    // transaction only writes.
    const invitation = await invitationFor(this.d, session.study_id, participantId, o.channel);
    const link = person.email ? await addInvitationLink(this.d.db, invitation, now) : null;
    const at = await mailSession(this.d, session);
    const mailAs = (kind: 'confirmed' | 'waitlisted') =>
      this.d.mail.compose({ kind, person, at, link, accommodations: o.accommodations });
    const [seatMail, waitMail] = await Promise.all([mailAs('confirmed'), mailAs('waitlisted')]);
    const stamp = now.toISOString();
    try {
      const registration = await this.d.db.transaction().execute(async (trx) => {
        const seat = await takeSeat(trx, sessionId);
        if (!seat && o.seatOnly)
          throw new ValidationError({ [o.seatOnly.field]: o.seatOnly.message });
        const status = seat ? 'confirmed' : 'waitlisted';
        const row = await placeIn(trx, held, sessionId, participantId, {
          status,
          accommodations: o.accommodations,
          channel: o.channel,
          at: stamp,
        });
        await markResponded(trx, invitation.id, 'registered', stamp);
        await markActive(trx, participantId, now);
        await recordAudit(trx, {
          actorStaffId: o.staffId,
          action: 'registration.create',
          subjectType: 'registration',
          subjectId: row.id,
          details: { sessionId, participantId, status, channel: o.channel },
          at: now,
        });
        await sendMail(this.d, trx, seat ? seatMail : waitMail);
        return row;
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
   * The person is told (a CANCELLED calendar update for a seat), and so is the one promoted.
   */
  async cancel(
    sessionId: number,
    registrationId: number,
    staffId: number | null,
  ): Promise<Cancelled> {
    const now = this.d.clock.now();
    const before = await findRegistration(this.d.db, registrationId);
    const session = await sessionById(this.d.db, sessionId);
    if (!before || !session || before.session_id !== sessionId)
      throw new ValidationError({ registrationId: 'That registration is not on this session' });
    const person = await findById(this.d.db, before.participant_id);
    const at = await mailSession(this.d, session);
    const link = person?.email
      ? await addInvitationLink(
          this.d.db,
          await invitationFor(this.d, session.study_id, before.participant_id, 'web'),
          now,
        )
      : null;
    const mail = person
      ? await this.d.mail.compose({
          kind: 'cancelled',
          person,
          at,
          link,
          accommodations: null,
          released: before.status === 'confirmed' ? at : null,
        })
      : undefined;
    return this.d.db.transaction().execute(async (trx) => {
      const reg = await findRegistration(trx, registrationId);
      if (!reg || reg.session_id !== sessionId)
        throw new ValidationError({ registrationId: 'That registration is not on this session' });
      if (reg.status !== 'confirmed' && reg.status !== 'waitlisted')
        throw new ValidationError({
          registrationId: `This registration is already ${reg.status.replace('_', '-')}`,
        });
      if (reg.status !== before.status) throw changedMeanwhile();
      const { cancelled, promoted } = await cancelInside(this.d, trx, reg, session, now);
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'registration.cancel',
        subjectType: 'registration',
        subjectId: reg.id,
        details: {
          sessionId,
          late: cancelled.late_cancellation === 1,
          promoted: promoted?.id ?? null,
        },
        at: now,
      });
      await sendMail(this.d, trx, mail);
      return { cancelled, promoted };
    });
  }

  /**
   * Moves a person from the session of `registrationId` to another session of the same study
   * that has a seat, in one transaction: the new seat is taken first (no seat: refused, nothing
   * changes, the current place is kept), then the old place is cancelled as by `cancel` — its
   * seat goes to the first waitlisted person, who is told. A switch never puts anyone on a
   * waitlist: only times with a seat are offered. Resident only (staff cancel and register).
   */
  async switchTo(
    registrationId: number,
    toSessionId: number,
    participantId: number,
    errors: { field: string; filled: string; closed: string },
  ): Promise<Registered> {
    const now = this.d.clock.now();
    const before = await findRegistration(this.d.db, registrationId);
    if (!before || before.participant_id !== participantId) throw new NotFoundError();
    const [from, to] = await Promise.all([
      sessionById(this.d.db, before.session_id),
      sessionById(this.d.db, toSessionId),
    ]);
    const closed = () => new ValidationError({ [errors.field]: errors.closed });
    if (!from || !to || to.study_id !== from.study_id || to.id === from.id) throw closed();
    if (to.status !== 'scheduled' || deadlinePassed(to.registration_deadline, now)) throw closed();
    if (new Date(from.starts_at).getTime() <= now.getTime()) throw closed();
    const person = await this.findPerson({ id: participantId });
    const held = await registrationOf(this.d.db, to.id, participantId);
    if (held && held.status !== 'cancelled') throw closed();
    const invitation = await invitationFor(this.d, to.study_id, participantId, 'web');
    const link = person.email ? await addInvitationLink(this.d.db, invitation, now) : null;
    const [toAt, fromAt] = await Promise.all([mailSession(this.d, to), mailSession(this.d, from)]);
    const mail = await this.d.mail.compose({
      kind: 'switched',
      person,
      at: toAt,
      link,
      accommodations: before.accommodations,
      released: before.status === 'confirmed' ? fromAt : null,
    });
    const stamp = now.toISOString();
    try {
      const registration = await this.d.db.transaction().execute(async (trx) => {
        const reg = await findRegistration(trx, registrationId);
        if (!reg || reg.status !== before.status) throw closed();
        if (!(await takeSeat(trx, to.id)))
          throw new ValidationError({ [errors.field]: errors.filled });
        const row = await placeIn(trx, held, to.id, participantId, {
          status: 'confirmed',
          accommodations: reg.accommodations,
          channel: 'web',
          at: stamp,
        });
        const { promoted } = await cancelInside(this.d, trx, reg, from, now);
        await markActive(trx, participantId, now);
        await recordAudit(trx, {
          actorStaffId: null,
          action: 'registration.switch',
          subjectType: 'registration',
          subjectId: row.id,
          details: { from: reg.id, sessionId: to.id, promoted: promoted?.id ?? null },
          at: now,
        });
        await sendMail(this.d, trx, mail);
        return row;
      });
      return { registration, existing: false };
    } catch (err) {
      if (isUniqueViolation(err) || err instanceof RegistrationChanged) throw closed();
      throw err;
    }
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
