import type { Kysely } from 'kysely';
import { auditParticipant, recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import type { Database, RegistrationStatus, StaffRole } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import type { ParticipantService } from '../../participants/participants.service';
import {
  addToAttendanceHistory,
  findByEmail,
  findById,
  findByPhone,
} from '../../participants/participants.queries';
import { listPool } from '../../participants/pool/pool.queries';
import { parsePoolQuery, poolCriteria, poolQuerySchema } from '../../participants/pool/pool.schema';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../city-time';
import { releaseSeat, takeSeat } from '../registration/registrations.queries';
import { isFrozen } from '../study.rules';
import {
  checkInOpen,
  checkInOpensAt,
  historyChange,
  outcomeStatus,
  releasesSeat,
  retakesSeat,
  showRate,
  undoStatus,
  type Outcome,
} from './attendance.rules';
import {
  hasIncentive,
  insertWalkIn,
  moveOutcome,
  needsOf,
  outcomeCounts,
  registrationForCheckIn,
  registrationIdOf,
  rosterRows,
  sessionForRoster,
  sessionsOfStaff,
  type CheckInRegistration,
  type RosterSession,
} from './attendance.queries';
import type { NewWalkIn } from './attendance.schema';

export interface AttendanceDeps {
  db: DB;
  clock: Clock;
  cityTimeZone: string;
  ref: ReferenceData;
  /** The participants feature: new walk-ins are created with the consent staff recorded. */
  participants: ParticipantService;
}

/** Who is asking: a staff member and their account role. */
export interface Viewer {
  id: number;
  role: StaffRole;
}

/** What a check-in button did: changed, or nothing (it was already so: a double click). */
export type CheckInResult = { changed: boolean; name?: string };

const FIELD = 'registrationId';

/**
 * The session itself: rosters (a facilitator sees only the sessions naming them), outcomes by
 * conditional updates (a second click changes nothing), walk-ins, and the show rate. Every
 * change moves the person's attendance history in the same transaction and is audited.
 */
export class AttendanceService {
  private readonly poolSchema;
  constructor(private readonly d: AttendanceDeps) {
    this.poolSchema = poolQuerySchema(d.ref);
  }

  mySessions(staffId: number) {
    return sessionsOfStaff(this.d.db, staffId, this.d.clock.now().toISOString());
  }

  /**
   * A session of this study the viewer may see: organizers and admins see every one; anyone
   * else only the sessions naming them as facilitator or note-taker (others are not found).
   */
  async session(studyId: number, sessionId: number, viewer: Viewer): Promise<RosterSession> {
    const s = await sessionForRoster(this.d.db, studyId, sessionId);
    if (!s) throw new NotFoundError();
    const all = viewer.role === 'admin' || viewer.role === 'organizer';
    if (!all && s.facilitator_id !== viewer.id && s.note_taker_id !== viewer.id)
      throw new NotFoundError();
    return s;
  }

  /** The roster with each person's profile needs. */
  async roster(s: RosterSession) {
    const rows = await rosterRows(this.d.db, s.id);
    const needs = await needsOf(
      this.d.db,
      rows.map((r) => r.participant_id),
    );
    return rows.map((r) => ({ ...r, needs: needs.get(r.participant_id) ?? [] }));
  }

  /** Why outcomes cannot be recorded now, or null when they can. */
  closedReason(s: RosterSession): string | null {
    if (isFrozen(s.study_status))
      return 'This study is archived: its attendance can no longer change.';
    if (s.status !== 'scheduled') return 'This session is cancelled: there is no one to check in.';
    if (!checkInOpen(s.starts_at, this.d.cityTimeZone, this.d.clock.now()))
      return `Check-in opens on the day of the session (${formatCityTime(checkInOpensAt(s.starts_at, this.d.cityTimeZone).toISOString(), this.d.cityTimeZone)}).`;
    return null;
  }

  private assertOpen(s: RosterSession, field = FIELD) {
    const why = this.closedReason(s);
    if (why) throw new ValidationError({ [field]: why });
  }

  /** Records attended, no-show or a late cancellation for one registration of the session. */
  async record(s: RosterSession, registrationId: number, outcome: Outcome, staffId: number) {
    this.assertOpen(s);
    const now = this.d.clock.now();
    const at = now.toISOString();
    return unlessDone(
      this.d.db.transaction().execute(async (trx): Promise<CheckInResult> => {
        const reg = await this.registrationOf(trx, s, registrationId);
        const wanted = outcome === 'late_cancellation' ? 'cancelled' : outcome;
        if (reg.status === wanted) return { changed: false };
        const to = outcomeStatus(reg.status, outcome);
        if (!to)
          throw new ValidationError({
            [FIELD]: `This registration is ${label(reg)}: undo that first to record something else`,
          });
        await this.move(trx, reg, to, {
          outcome_from: reg.status as 'confirmed' | 'waitlisted',
          walk_in: 0,
          late_cancellation: to === 'cancelled' ? 1 : 0,
          cancelled_at: to === 'cancelled' ? at : null,
          outcome_at: at,
          outcome_by: staffId,
          updated_at: at,
        });
        await this.audit(trx, staffId, 'registration.outcome', reg, { outcome });
        return { changed: true };
      }),
    );
  }

  /** Returns a registration to where it was before check-in (a walk-in leaves the roster). */
  async undo(s: RosterSession, registrationId: number, staffId: number) {
    this.assertOpen(s);
    const at = this.d.clock.now().toISOString();
    return unlessDone(
      this.d.db.transaction().execute(async (trx): Promise<CheckInResult> => {
        const reg = await this.registrationOf(trx, s, registrationId);
        const to = undoStatus(reg);
        if (!to) return { changed: false };
        if (await hasIncentive(trx, reg.id))
          throw new ValidationError({
            [FIELD]: 'An incentive was issued to this person: their attendance stays recorded',
          });
        await this.move(trx, reg, to, {
          outcome_from: null,
          walk_in: 0,
          late_cancellation: 0,
          cancelled_at: to === 'cancelled' ? at : null,
          outcome_at: null,
          outcome_by: null,
          updated_at: at,
        });
        await this.audit(trx, staffId, 'registration.outcome.undo', reg, { to });
        return { changed: true };
      }),
    );
  }

  /** People in the pool a walk-in may be (name, email or phone), not deleted or withdrawn. */
  async findWalkIns(search: string) {
    if (!search.trim()) return [];
    const filter = parsePoolQuery(this.poolSchema, {
      q: search,
      status: ['active', 'paused', 'pending'],
      sort: 'name-asc',
    });
    return listPool(this.d.db, poolCriteria(filter, this.d.cityTimeZone), 20, 0);
  }

  /** Someone from the pool who came: attended (a registration they hold is checked in). */
  async walkIn(s: RosterSession, participantId: number, staffId: number): Promise<CheckInResult> {
    this.assertOpen(s, 'participantId');
    const p = await findById(this.d.db, participantId);
    if (!p || p.status === 'deleted' || p.status === 'withdrawn')
      throw new ValidationError({
        participantId: 'This person is not in the panel: add them as a new participant',
      });
    const name = [p.first_name, p.last_name].filter(Boolean).join(' ');
    const held = await registrationIdOf(this.d.db, s.id, participantId);
    if (held) return { ...(await this.walkInHeld(s, held, staffId)), name };
    const at = this.d.clock.now().toISOString();
    try {
      await this.d.db.transaction().execute(async (trx) => {
        const id = await insertWalkIn(trx, {
          session_id: s.id,
          participant_id: participantId,
          at,
          staffId,
        });
        await addToAttendanceHistory(trx, participantId, { attended: 1, noShows: 0 });
        await this.audit(
          trx,
          staffId,
          'registration.walk-in',
          { id, participant_id: participantId },
          {},
        );
      });
      return { changed: true, name };
    } catch (err) {
      // Added at the same moment by someone else: one registration, attended.
      if (isUniqueViolation(err)) return { changed: false, name };
      throw err;
    }
  }

  /** A registration the walk-in already holds: checked in, or taken up again if cancelled. */
  private async walkInHeld(s: RosterSession, id: number, staffId: number) {
    const at = this.d.clock.now().toISOString();
    return unlessDone(
      this.d.db.transaction().execute(async (trx): Promise<CheckInResult> => {
        const reg = await this.registrationOf(trx, s, id, 'participantId');
        if (reg.status === 'attended') return { changed: false };
        if (reg.status === 'no_show')
          throw new ValidationError({
            participantId:
              'This person is marked as a no-show: undo that on the roster, then mark them attended',
          });
        const from = reg.status === 'cancelled' ? null : (reg.status as 'confirmed' | 'waitlisted');
        if (reg.status === 'cancelled' && reg.late_cancellation === 1 && reg.outcome_from)
          throw new ValidationError({
            participantId:
              'This person’s late cancellation was recorded at check-in: undo it on the roster, then mark them attended',
          });
        await this.move(trx, reg, 'attended', {
          outcome_from: from,
          walk_in: from ? 0 : 1,
          late_cancellation: 0,
          cancelled_at: null,
          outcome_at: at,
          outcome_by: staffId,
          updated_at: at,
        });
        await this.audit(
          trx,
          staffId,
          from ? 'registration.outcome' : 'registration.walk-in',
          reg,
          {
            outcome: 'attended',
          },
        );
        return { changed: true };
      }),
    );
  }

  /**
   * Someone new who came: a participant (consent recorded by staff, source "event") and their
   * attended walk-in, in one transaction. An email or phone already in the panel is refused.
   */
  async walkInNew(s: RosterSession, input: NewWalkIn, staffId: number): Promise<number> {
    this.assertOpen(s, 'firstName');
    if (input.email && (await findByEmail(this.d.db, input.email)))
      throw new ValidationError({
        email: 'Someone in the panel already has this email address: find them by it above',
      });
    if (input.phone && (await findByPhone(this.d.db, input.phone)))
      throw new ValidationError({
        phone: 'Someone in the panel already has this phone number: find them by it above',
      });
    const now = this.d.clock.now();
    const at = now.toISOString();
    return this.d.participants.createWithConsent(
      {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        phone: input.phone,
        contactPreference: input.email ? 'email' : 'phone',
        language: input.language,
        zip: null,
        councilDistrict: null,
        neighborhoodCouncil: null,
        myla311Use: null,
        channels: [],
        requestTypes: [],
        needs: [],
        interpreterLanguage: null,
        needsOther: null,
        availability: [],
        format: null,
        ageRange: null,
        gender: null,
        race: [],
      },
      {
        status: 'active',
        source: 'event',
        staffId,
        consentLanguage: input.consentLanguage,
        recordingConsent: false,
        // In the creating transaction: the person, their consent, the walk-in and the audit.
        links: async (trx, participantId) => {
          await auditParticipant(trx, {
            by: staffId,
            action: 'participant.create',
            participantId,
            details: { source: 'event', walkInSession: s.id },
            at: now,
          });
          const id = await insertWalkIn(trx, {
            session_id: s.id,
            participant_id: participantId,
            at,
            staffId,
          });
          await addToAttendanceHistory(trx, participantId, { attended: 1, noShows: 0 });
          await this.audit(
            trx,
            staffId,
            'registration.walk-in',
            { id, participant_id: participantId },
            { new: true },
          );
        },
      },
    );
  }

  /** The pool's show rate over past sessions (null: too little history), with its counts. */
  async showRate() {
    const counts = await outcomeCounts(this.d.db, this.d.clock.now().toISOString());
    return { ...counts, rate: showRate(counts.attended, counts.noShows) };
  }

  private async registrationOf(
    trx: Kysely<Database>,
    s: RosterSession,
    id: number,
    field = FIELD,
  ): Promise<CheckInRegistration> {
    const reg = await registrationForCheckIn(trx, id);
    if (!reg || reg.session_id !== s.id)
      throw new ValidationError({ [field]: 'That registration is not on this session' });
    return reg;
  }

  /** The conditional move, its seat and the person's history, inside the caller's transaction. */
  private async move(
    trx: Kysely<Database>,
    reg: CheckInRegistration,
    to: RegistrationStatus,
    change: Omit<Parameters<typeof moveOutcome>[2], 'status'>,
  ) {
    if (retakesSeat(reg, to) && !(await takeSeat(trx, reg.session_id)))
      throw new ValidationError({ [FIELD]: 'No seat is left to give back to this person' });
    if (!(await moveOutcome(trx, reg, { ...change, status: to }))) {
      // Changed meanwhile: by the same click sent twice (nothing to do), or by something else.
      const now = await registrationForCheckIn(trx, reg.id);
      if (now?.status === to) throw new AlreadyDone();
      throw new ValidationError({ [FIELD]: 'This registration changed meanwhile: look again' });
    }
    if (releasesSeat(reg, to)) await releaseSeat(trx, reg.session_id);
    await addToAttendanceHistory(trx, reg.participant_id, historyChange(reg.status, to));
  }

  private audit(
    trx: Kysely<Database>,
    staffId: number,
    action: string,
    reg: { id: number; participant_id: number },
    details: Record<string, unknown>,
  ) {
    return recordAudit(trx, {
      actorStaffId: staffId,
      action,
      subjectType: 'registration',
      subjectId: reg.id,
      details: { participantId: reg.participant_id, ...details },
      at: this.d.clock.now(),
    });
  }
}

/** The change asked for was already made (two clicks at once): rolled back, nothing to report. */
class AlreadyDone extends Error {}

/** A transaction's result, or "nothing changed" when it found its work already done. */
function unlessDone(work: Promise<CheckInResult>): Promise<CheckInResult> {
  return work.catch((err: unknown) => {
    if (err instanceof AlreadyDone) return { changed: false };
    throw err;
  });
}

/** A registration's state in words, for refusals. */
function label(r: { status: string; late_cancellation: number }): string {
  if (r.status === 'cancelled') return r.late_cancellation ? 'a late cancellation' : 'cancelled';
  return r.status === 'no_show' ? 'a no-show' : r.status;
}
