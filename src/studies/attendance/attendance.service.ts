import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import type { StaffRole } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import { formatCityTime } from '../city-time';
import { isFrozen } from '../study.rules';
import {
  hasIncentive,
  needsOf,
  rosterRows,
  sessionForRoster,
  sessionsOfStaff,
  type RosterSession,
} from './attendance.queries';
import {
  checkInOpen,
  checkInOpensAt,
  outcomeStatus,
  undoStatus,
  type Outcome,
} from './attendance.rules';
import {
  FIELD,
  auditCheckIn,
  moveWithin,
  registrationOn,
  unlessDone,
  type CheckInResult,
} from './check-in.steps';

export interface AttendanceDeps {
  db: DB;
  clock: Clock;
  cityTimeZone: string;
}

/** Who is asking: a staff member and their account role. */
export interface Viewer {
  id: number;
  role: StaffRole;
}

/**
 * The session itself: rosters (a facilitator sees only the sessions naming them), outcomes by
 * conditional updates (a second click changes nothing). Every change moves
 * the person's attendance history in the same transaction and is audited. Walk-ins:
 * `WalkInService`.
 */
export class AttendanceService {
  constructor(private readonly d: AttendanceDeps) {}

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

  /** Refuses a change on `field` while check-in is closed. */
  assertOpen(s: RosterSession, field = FIELD) {
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
        const reg = await registrationOn(trx, s.id, registrationId);
        const wanted = outcome === 'late_cancellation' ? 'cancelled' : outcome;
        if (reg.status === wanted) return { changed: false };
        const to = outcomeStatus(reg.status, outcome);
        if (!to)
          throw new ValidationError({
            [FIELD]: `This registration is ${label(reg)}: undo that first to record something else`,
          });
        await moveWithin(trx, reg, to, {
          outcome_from: reg.status as 'confirmed' | 'waitlisted',
          walk_in: 0,
          late_cancellation: to === 'cancelled' ? 1 : 0,
          cancelled_at: to === 'cancelled' ? at : null,
          outcome_at: at,
          outcome_by: staffId,
          updated_at: at,
        });
        await auditCheckIn(trx, {
          staffId,
          action: 'registration.outcome',
          reg,
          details: { outcome },
          at: now,
        });
        return { changed: true };
      }),
    );
  }

  /** Returns a registration to where it was before check-in (a walk-in leaves the roster). */
  async undo(s: RosterSession, registrationId: number, staffId: number) {
    this.assertOpen(s);
    const now = this.d.clock.now();
    const at = now.toISOString();
    return unlessDone(
      this.d.db.transaction().execute(async (trx): Promise<CheckInResult> => {
        const reg = await registrationOn(trx, s.id, registrationId);
        const to = undoStatus(reg);
        if (!to) return { changed: false };
        await moveWithin(trx, reg, to, {
          outcome_from: null,
          walk_in: 0,
          // A walk-in who had cancelled late is a late cancellation again.
          late_cancellation: to === 'cancelled' && reg.walk_in === 1 ? reg.late_cancellation : 0,
          cancelled_at: to === 'cancelled' ? at : null,
          outcome_at: null,
          outcome_by: null,
          updated_at: at,
        });
        // After the move, which holds the row: an incentive issued at the same moment is seen.
        if (await hasIncentive(trx, reg.id))
          throw new ValidationError({
            [FIELD]: 'An incentive was issued to this person: their attendance stays recorded',
          });
        await auditCheckIn(trx, {
          staffId,
          action: 'registration.outcome.undo',
          reg,
          details: { to },
          at: now,
        });
        return { changed: true };
      }),
    );
  }
}

/** A registration's state in words, for refusals. */
function label(r: { status: string; late_cancellation: number }): string {
  if (r.status === 'cancelled') return r.late_cancellation ? 'a late cancellation' : 'cancelled';
  return r.status === 'no_show' ? 'a no-show' : r.status;
}
