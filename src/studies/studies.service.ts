import { recordAudit } from '../audit/audit.queries';
import type { Clock } from '../clock';
import type { DB } from '../db/database';
import type { StudyRow } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import {
  countStudiesByStatus,
  findStudy,
  insertStudy,
  listStudies,
  moveStudy,
  setStudyLists,
  studyLists,
  updateStudy,
  type StudyFields,
  type StudyLists,
} from './studies.queries';
import { assignedStaff } from './sessions/sessions.queries';
import {
  STUDY_STATUS_LABELS,
  canMove,
  isFrozen,
  type StudyStatus,
  type TeamRole,
} from './study.rules';
import { teamOf, type StudyInput } from './study/study.schema';

/** What studies need to know of staff accounts: the staff feature's list (StaffService.list). */
export interface StaffDirectory {
  list(): Promise<StaffAccount[]>;
}

export interface StaffAccount {
  id: number;
  name: string;
  role: string;
  status: string;
}

export interface StaffMember {
  id: number;
  name: string;
  role: string;
}

export interface StudiesDeps {
  db: DB;
  clock: Clock;
  staff: StaffDirectory;
}

const TEAM_FIELDS: Record<TeamRole, keyof StudyInput> = {
  organizer: 'organizers',
  facilitator: 'facilitators',
  note_taker: 'noteTakers',
};

function fieldsOf(s: StudyInput): StudyFields {
  return {
    title: s.title!,
    purpose: s.purpose!,
    target_participants: s.targetParticipants,
    incentive_cents: s.incentiveAmount,
    incentive_kind: s.incentiveKind,
    reminder_offsets: JSON.stringify(s.reminderOffsets),
  };
}

/** Studies: create, edit, move through their statuses; every change audit-logged. */
export class StudiesService {
  constructor(readonly d: StudiesDeps) {}

  /** Active staff accounts, by name: who can be on a study's team. */
  async activeStaff(all?: StaffAccount[]): Promise<StaffMember[]> {
    return (all ?? (await this.d.staff.list()))
      .filter((s) => s.status === 'active')
      .map(({ id, name, role }) => ({ id, name, role }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every staff name by id (former members too), to name people on the pages. */
  async staffNames(all?: StaffAccount[]): Promise<Map<number, string>> {
    return new Map((all ?? (await this.d.staff.list())).map((s) => [s.id, s.name]));
  }

  async get(id: number): Promise<{ study: StudyRow; lists: StudyLists }> {
    const study = await findStudy(this.d.db, id);
    if (!study) throw new NotFoundError();
    return { study, lists: await studyLists(this.d.db, id) };
  }

  async list(status: StudyStatus | null) {
    const now = this.d.clock.now().toISOString();
    const [rows, counts] = await Promise.all([
      listStudies(this.d.db, status, now),
      countStudiesByStatus(this.d.db),
    ]);
    return { rows, counts };
  }

  async create(input: StudyInput, staffId: number): Promise<number> {
    const team = await this.checkedTeam(input);
    const at = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      const id = await insertStudy(trx, {
        ...fieldsOf(input),
        created_by: staffId,
        created_at: at.toISOString(),
      });
      await setStudyLists(trx, id, {
        requestTypes: input.requestTypes,
        stages: input.stages,
        team,
      });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'study.create',
        subjectType: 'study',
        subjectId: id,
        at,
      });
      return id;
    });
  }

  async update(id: number, input: StudyInput, staffId: number): Promise<void> {
    const { study } = await this.get(id);
    if (isFrozen(study.status))
      throw new ValidationError({ title: 'This study is archived and can no longer be changed' });
    const staff = await this.d.staff.list();
    const team = await this.checkedTeam(input, staff);
    await this.keepsAssigned(id, input, staff);
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      await updateStudy(trx, id, { ...fieldsOf(input), updated_at: at.toISOString() });
      await setStudyLists(trx, id, {
        requestTypes: input.requestTypes,
        stages: input.stages,
        team,
      });
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'study.edit',
        subjectType: 'study',
        subjectId: id,
        at,
      });
    });
  }

  /** One allowed step of the study's life; a step not allowed (or taken by someone else) is refused. */
  async move(id: number, to: StudyStatus, staffId: number): Promise<void> {
    const { study } = await this.get(id);
    const from = study.status;
    const refused = new ValidationError({
      status: `A ${STUDY_STATUS_LABELS[from].toLowerCase()} study cannot be moved to ${STUDY_STATUS_LABELS[to].toLowerCase()}`,
    });
    if (!canMove(from, to)) throw refused;
    const at = this.d.clock.now();
    await this.d.db.transaction().execute(async (trx) => {
      if ((await moveStudy(trx, id, from, to, at.toISOString())) !== 1) throw refused;
      await recordAudit(trx, {
        actorStaffId: staffId,
        action: 'study.status',
        subjectType: 'study',
        subjectId: id,
        details: { from, to },
        at,
      });
    });
  }

  /**
   * Someone who runs or takes notes at a scheduled session stays on the team in that role until
   * the session has someone else: otherwise the session would name a person the team lacks.
   */
  private async keepsAssigned(id: number, input: StudyInput, staff: StaffAccount[]) {
    const names = await this.staffNames(staff);
    const errors: Record<string, string> = {};
    for (const s of await assignedStaff(this.d.db, id)) {
      if (s.facilitator_id !== null && !input.facilitators.includes(s.facilitator_id))
        errors.facilitators ??= `${names.get(s.facilitator_id) ?? 'A former staff member'} facilitates a session of this study: choose another facilitator for it first`;
      if (s.note_taker_id !== null && !input.noteTakers.includes(s.note_taker_id))
        errors.noteTakers ??= `${names.get(s.note_taker_id) ?? 'A former staff member'} takes notes at a session of this study: choose another note-taker for it first`;
    }
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }

  /** The chosen team, each person an active staff account (a stale or forged id is refused). */
  private async checkedTeam(input: StudyInput, staff?: StaffAccount[]) {
    const active = new Set((await this.activeStaff(staff)).map((s) => s.id));
    const team = teamOf(input);
    const wrong = team.find((m) => !active.has(m.staffId));
    if (wrong)
      throw new ValidationError({
        [TEAM_FIELDS[wrong.role]]: 'Choose people with an active staff account',
      });
    return team;
  }
}
