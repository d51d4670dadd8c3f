import { recordAudit } from '../../audit/audit.queries';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { CONTROL_CHARS } from '../../web/forms';
import type { CsvColumn } from '../../web/csv';
import { cityIsoFormatter } from '../exports/city-iso';
import type { ExportFactory } from '../exports/export-type';
import { countPeople, streamPeople, studyExists, type PeopleScope } from './participants.queries';

type Person = Awaited<ReturnType<ReturnType<typeof streamPeople>['next']>>['value'] & object;

export const MAX_REASON = 500;

/** Why personal data leaves the app: required, audited with the export. */
export function checkReason(reason: string | undefined): string {
  const text = (reason ?? '').trim();
  if (!text) {
    throw new ValidationError({
      reason: 'Enter why you need this list of participants with their contact details',
    });
  }
  if (text.length > MAX_REASON || CONTROL_CHARS.test(text)) {
    throw new ValidationError({ reason: `Enter the reason in ${MAX_REASON} characters or fewer` });
  }
  return text;
}

/*
 * Export type `participants`: names, email, phone, preferred language, council district, ZIP,
 * status and consent date — personal data, so organizers and admins only, with a stated reason,
 * and an audit entry (`participants.export`: reason, count, scope; never anyone's details)
 * written when it is opened. The panel (everyone not deleted), or a study's registrants.
 */
export const participantsExport: ExportFactory = (deps) => ({
  type: 'participants',
  title: 'Participants with contact details (personal data: a reason is required and logged)',
  scope: 'panel',
  roles: ['organizer'],
  personal: true,
  async open(req) {
    const { role } = req.actor;
    if (role !== 'organizer' && role !== 'admin') throw new ForbiddenError();
    const reason = checkReason(req.reason);
    const scope: PeopleScope =
      req.study !== undefined ? { kind: 'study', studyId: req.study } : { kind: 'panel' };
    if (scope.kind === 'study' && !(await studyExists(deps.db, scope.studyId))) {
      throw new NotFoundError();
    }
    const count = await countPeople(deps.db, scope);
    const at = deps.clock.now();
    await recordAudit(deps.db, {
      actorStaffId: req.actor.staffId,
      action: 'participants.export',
      subjectType: scope.kind === 'study' ? 'study' : 'panel',
      subjectId: scope.kind === 'study' ? scope.studyId : null,
      details: { reason, count, scope: scope.kind, via: req.actor.via },
      at,
    });
    const iso = cityIsoFormatter(deps.cityTimeZone);
    const columns: CsvColumn<Person>[] = [
      { header: 'participant_id', value: (p) => p.public_id, kind: 'code' },
      { header: 'first_name', value: (p) => p.first_name },
      { header: 'last_name', value: (p) => p.last_name },
      { header: 'email', value: (p) => p.email },
      { header: 'phone', value: (p) => p.phone },
      { header: 'preferred_language', value: (p) => p.language, kind: 'code' },
      { header: 'council_district', value: (p) => p.council_district, kind: 'code' },
      { header: 'zip', value: (p) => p.zip },
      { header: 'status', value: (p) => p.status, kind: 'code' },
      {
        header: 'consent_date',
        value: (p) => iso(p.consent_at ? String(p.consent_at) : null),
        kind: 'code',
      },
    ];
    const which = scope.kind === 'study' ? `study-${scope.studyId}` : 'panel';
    return {
      filename: `participants-${which}-${at.toISOString().slice(0, 10)}.csv`,
      columns,
      rows: streamPeople(deps.db, scope),
    };
  },
});
