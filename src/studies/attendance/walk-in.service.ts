import { auditParticipant } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { ValidationError } from '../../errors';
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
import { insertWalkIn, registrationIdOf, type RosterSession } from './attendance.queries';
import type { NewWalkIn } from './attendance.schema';
import type { AttendanceService } from './attendance.service';
import {
  auditCheckIn,
  moveWithin,
  registrationOn,
  unlessDone,
  type CheckInResult,
} from './check-in.steps';

export interface WalkInDeps {
  db: DB;
  clock: Clock;
  cityTimeZone: string;
  ref: ReferenceData;
  attendance: AttendanceService;
  /** The participants feature: new walk-ins are created with the consent staff recorded. */
  participants: ParticipantService;
}

/**
 * Walk-ins: people who came without a registration, found in the pool or new to the panel. A
 * walk-in is a registration that starts attended and never takes a seat.
 */
export class WalkInService {
  private readonly poolSchema;
  constructor(private readonly d: WalkInDeps) {
    this.poolSchema = poolQuerySchema(d.ref);
  }

  /** People in the pool a walk-in may be (name, email or phone), not deleted or withdrawn. */
  async find(search: string) {
    if (!search.trim()) return [];
    const filter = parsePoolQuery(this.poolSchema, {
      q: search,
      status: ['active', 'paused', 'pending'],
      sort: 'name-asc',
    });
    return listPool(this.d.db, poolCriteria(filter, this.d.cityTimeZone), 20, 0);
  }

  /** Someone from the pool who came: attended (a registration they hold is checked in). */
  async fromPool(s: RosterSession, participantId: number, staffId: number): Promise<CheckInResult> {
    this.d.attendance.assertOpen(s, 'participantId');
    const p = await findById(this.d.db, participantId);
    if (!p || p.status === 'deleted' || p.status === 'withdrawn')
      throw new ValidationError({
        participantId: 'This person is not in the panel: add them as a new participant',
      });
    const name = [p.first_name, p.last_name].filter(Boolean).join(' ');
    const held = await registrationIdOf(this.d.db, s.id, participantId);
    if (held) return { ...(await this.held(s, held, staffId)), name };
    const now = this.d.clock.now();
    const at = now.toISOString();
    try {
      await this.d.db.transaction().execute(async (trx) => {
        const id = await insertWalkIn(trx, {
          session_id: s.id,
          participant_id: participantId,
          at,
          staffId,
        });
        await addToAttendanceHistory(trx, participantId, { attended: 1, noShows: 0 });
        await auditCheckIn(trx, {
          staffId,
          action: 'registration.walk-in',
          reg: { id, participant_id: participantId },
          at: now,
        });
      });
      return { changed: true, name };
    } catch (err) {
      // Added at the same moment by someone else: one registration, attended.
      if (isUniqueViolation(err)) return { changed: false, name };
      throw err;
    }
  }

  /** A registration the walk-in already holds: checked in, or taken up again if cancelled. */
  private async held(s: RosterSession, id: number, staffId: number) {
    const now = this.d.clock.now();
    const at = now.toISOString();
    return unlessDone(
      this.d.db.transaction().execute(async (trx): Promise<CheckInResult> => {
        const reg = await registrationOn(trx, s.id, id, 'participantId');
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
        await moveWithin(trx, reg, 'attended', {
          outcome_from: from,
          walk_in: from ? 0 : 1,
          // Someone who cancelled late and came after all keeps the flag (their undo restores it).
          late_cancellation: from ? 0 : reg.late_cancellation,
          cancelled_at: null,
          outcome_at: at,
          outcome_by: staffId,
          updated_at: at,
        });
        await auditCheckIn(trx, {
          staffId,
          action: from ? 'registration.outcome' : 'registration.walk-in',
          reg,
          details: { outcome: 'attended' },
          at: now,
        });
        return { changed: true };
      }),
    );
  }

  /**
   * Someone new who came: a participant (consent recorded by staff, source "event") and their
   * attended walk-in, in one transaction. An email or phone already in the panel is refused.
   */
  async newToPanel(s: RosterSession, input: NewWalkIn, staffId: number): Promise<number> {
    this.d.attendance.assertOpen(s, 'firstName');
    const taken = () =>
      new ValidationError({
        email: 'Someone in the panel already has this email address: find them by it above',
      });
    if (input.email && (await findByEmail(this.d.db, input.email))) throw taken();
    if (input.phone && (await findByPhone(this.d.db, input.phone)))
      throw new ValidationError({
        phone: 'Someone in the panel already has this phone number: find them by it above',
      });
    const now = this.d.clock.now();
    const at = now.toISOString();
    return this.d.participants
      .createWithConsent(
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
            await auditCheckIn(trx, {
              staffId,
              action: 'registration.walk-in',
              reg: { id, participant_id: participantId },
              details: { new: true },
              at: now,
            });
          },
        },
      )
      .catch((err: unknown) => {
        // Added by someone else at the same moment: the unique index on email decides.
        throw isUniqueViolation(err) && input.email ? taken() : err;
      });
  }
}
