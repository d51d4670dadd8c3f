import { recordAudit } from '../../audit/audit.queries';
import type { StudySessionRow } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../errors';
import type { StudiesService } from '../studies.service';
import { isFrozen } from '../study.rules';
import type { SessionInput } from './session.schema';
import {
  findSession,
  insertSession,
  interpretationOf,
  sessionsOfStudy,
  setInterpretation,
  updateSession,
  type SessionFields,
} from './sessions.queries';

function fieldsOf(s: SessionInput): SessionFields {
  return {
    starts_at: s.startsAt,
    duration_minutes: s.durationMinutes,
    mode: s.mode,
    place_name: s.placeName,
    address: s.address,
    step_free: s.stepFree === null ? null : s.stepFree ? 1 : 0,
    parking: s.parking,
    transit: s.transit,
    video_url: s.videoUrl,
    language: s.language,
    capacity: s.capacity,
    extra_seats: s.extraSeats,
    registration_deadline: s.registrationDeadline,
    facilitator_id: s.facilitatorId,
    note_taker_id: s.noteTakerId,
    incentive_cents: s.incentiveAmount,
    incentive_kind: s.incentiveKind,
  };
}

/** A study's sessions: add, edit, read; every change audit-logged. */
export class SessionService {
  constructor(private readonly studies: StudiesService) {}

  private get db() {
    return this.studies.d.db;
  }

  async get(studyId: number, id: number) {
    const session = await findSession(this.db, studyId, id);
    if (!session) throw new NotFoundError();
    const interpretation = (await interpretationOf(this.db, [id])).get(id) ?? [];
    return { session, interpretation };
  }

  /** A study's sessions with the interpretation each offers. */
  async ofStudy(studyId: number): Promise<(StudySessionRow & { interpretation: string[] })[]> {
    const rows = await sessionsOfStudy(this.db, studyId);
    const langs = await interpretationOf(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ ...r, interpretation: langs.get(r.id) ?? [] }));
  }

  async create(studyId: number, input: SessionInput, staffId: number): Promise<number> {
    await this.checkChange(studyId, input);
    const at = this.studies.d.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const id = await insertSession(trx, {
        ...fieldsOf(input),
        study_id: studyId,
        created_at: at.toISOString(),
      });
      await setInterpretation(trx, id, input.interpretation);
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'session.create',
        subjectType: 'session',
        subjectId: id,
        details: { studyId },
        at,
      });
      return id;
    });
  }

  async update(studyId: number, id: number, input: SessionInput, staffId: number) {
    await this.get(studyId, id);
    await this.checkChange(studyId, input);
    const at = this.studies.d.clock.now();
    await this.db.transaction().execute(async (trx) => {
      // Conditional, like the seat guard: a registration taking a seat meanwhile is counted.
      if (!(await updateSession(trx, id, { ...fieldsOf(input), updated_at: at.toISOString() }))) {
        const taken = (await findSession(trx, studyId, id))?.seats_taken;
        throw new ValidationError({
          capacity: `${taken} seats are already confirmed: capacity and extra seats together cannot be fewer`,
        });
      }
      await setInterpretation(trx, id, input.interpretation);
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'session.edit',
        subjectType: 'session',
        subjectId: id,
        details: { studyId },
        at,
      });
    });
  }

  /** The study is not archived; the facilitator and note-taker are on its team in that role. */
  private async checkChange(studyId: number, input: SessionInput) {
    const { study, lists } = await this.studies.get(studyId);
    if (isFrozen(study.status))
      throw new ValidationError({
        startsAt: 'This study is archived: its sessions can no longer be added or changed',
      });
    const has = (id: number, role: string) =>
      lists.team.some((m) => m.staffId === id && m.role === role);
    const errors: Record<string, string> = {};
    if (input.facilitatorId !== null && !has(input.facilitatorId, 'facilitator'))
      errors.facilitatorId = "Choose a facilitator from the study's team";
    if (input.noteTakerId !== null && !has(input.noteTakerId, 'note_taker'))
      errors.noteTakerId = "Choose a note-taker from the study's team";
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }
}
