import { DateTime } from 'luxon';
import { recordAudit } from '../../audit/audit.queries';
import type { Clock } from '../../clock';
import type { DB } from '../../db/database';
import { ValidationError } from '../../errors';
import type { RosterSession } from '../attendance/attendance.queries';
import { isFrozen } from '../study.rules';
import type { IssueInput } from './incentives.schema';
import {
  holdAttended,
  incentiveReport,
  insertIncentive,
  registrationForIncentive,
} from './incentives.queries';
import { owedCents } from './incentives.rules';

/**
 * Incentives: owed to everyone who attended (the session's amount, else the study's), issued
 * once per registration (UNIQUE; a second click records nothing), audited.
 */
export class IncentiveService {
  constructor(private readonly d: { db: DB; clock: Clock; cityTimeZone: string }) {}

  /** Today in the city, YYYY-MM-DD (the issue form's default date). */
  today(): string {
    return DateTime.fromJSDate(this.d.clock.now()).setZone(this.d.cityTimeZone).toISODate()!;
  }

  /** Records an incentive handed to someone who attended; false when one was already issued. */
  async issue(s: RosterSession, input: IssueInput, staffId: number): Promise<boolean> {
    if (isFrozen(s.study_status))
      throw new ValidationError({
        registrationId: 'This study is archived: nothing can be issued',
      });
    const reg = await registrationForIncentive(this.d.db, input.registrationId);
    if (!reg || reg.session_id !== s.id)
      throw new ValidationError({ registrationId: 'That registration is not on this session' });
    if (reg.status !== 'attended')
      throw new ValidationError({
        registrationId: 'Only people checked in as attended are owed an incentive',
      });
    if (input.issuedOn > this.today())
      throw new ValidationError({ issuedOn: 'The date it was given cannot be in the future' });
    const now = this.d.clock.now();
    return this.d.db.transaction().execute(async (trx) => {
      if (!(await holdAttended(trx, reg.id, now.toISOString())))
        throw new ValidationError({
          registrationId: 'Only people checked in as attended are owed an incentive',
        });
      const issued = await insertIncentive(trx, {
        registration_id: reg.id,
        amount_cents: input.amount,
        method: input.method,
        issued_on: input.issuedOn,
        reference_note: input.referenceNote,
        issued_by: staffId,
        created_at: now.toISOString(),
      });
      if (issued)
        await recordAudit(trx, {
          actorStaffId: staffId,
          action: 'incentive.issue',
          subjectType: 'registration',
          subjectId: reg.id,
          details: {
            participantId: reg.participant_id,
            amountCents: input.amount,
            owedCents: owedCents(reg.status, reg.incentive_cents, reg.study_incentive_cents),
            method: input.method,
          },
          at: now,
        });
      return issued;
    });
  }

  report(studyId: number) {
    return incentiveReport(this.d.db, studyId);
  }
}
