import { pseudonymLabels } from '../../feedback/pseudonym.rules';
import type { ReferenceData } from '../../reference/reference.queries';
import { formatCityTime } from '../city-time';
import { METHOD_LABELS, dollars, owedCents } from '../incentives/incentives.rules';
import { rosterName } from '../registration/registration.view';
import type { RosterSession } from './attendance.queries';
import { accommodationSummary, hasOutcome } from './attendance.rules';
import type { AttendanceService } from './attendance.service';

type Row = Awaited<ReturnType<AttendanceService['roster']>>[number];

const NEED_LABELS: Record<string, string> = {
  asl: 'ASL',
  wheelchair: 'Wheelchair access',
  childcare: 'Childcare',
  transit: 'Transit help',
  other: 'Other needs',
};

/** A roster row's state in words. */
function statusLabel(r: Row): string {
  if (r.status === 'cancelled') return 'Late cancellation';
  if (r.status === 'no_show') return 'No-show';
  if (r.status === 'attended') return r.walk_in ? 'Attended (walk-in)' : 'Attended';
  return r.status === 'waitlisted' ? 'Waitlisted' : 'Expected';
}

/** The session's heading facts on the roster, the sheet and My sessions. */
export function sessionHeading(
  s: Pick<RosterSession, 'starts_at' | 'place_name' | 'mode' | 'language'>,
  ref: ReferenceData,
  zone: string,
) {
  return {
    starts: formatCityTime(s.starts_at, zone),
    place: s.place_name ?? (s.mode === 'online' ? 'Online' : ''),
    language: languageName(ref)(s.language),
  };
}

export const languageName = (ref: ReferenceData) => (code: string) =>
  ref.languages.find((l) => l.code === code)?.english_name ?? code;

/** The roster and check-in page: counts, the rolled-up needs, one card per person. */
export function rosterView(s: RosterSession, rows: Row[], ref: ReferenceData) {
  const lang = languageName(ref);
  const expected = rows.filter((r) => r.status === 'confirmed' || r.status === 'attended');
  const count = (f: (r: Row) => boolean) => rows.filter(f).length;
  // The P-numbers notes use for people (src/feedback): the facilitator maps them here.
  const pseudonyms = pseudonymLabels(rows);
  return {
    counts: {
      expected: count((r) => r.status === 'confirmed'),
      attended: count((r) => r.status === 'attended'),
      walkIns: count((r) => r.status === 'attended' && r.walk_in === 1),
      noShows: count((r) => r.status === 'no_show'),
      lateCancellations: count((r) => r.status === 'cancelled'),
      waitlisted: count((r) => r.status === 'waitlisted'),
    },
    needs: accommodationSummary(
      expected.map((r) => ({
        needs: r.needs,
        interpreterLanguage: r.interpreter_language,
        accommodations: r.accommodations,
      })),
      s.language,
      lang,
    ),
    people: rows.map((r) => {
      const owed = owedCents(r.status, s.incentive_cents, s.study_incentive_cents);
      const needs = r.needs
        .map((n) =>
          n === 'interpreter'
            ? `${r.interpreter_language ? lang(r.interpreter_language) : 'An'} interpreter`
            : NEED_LABELS[n],
        )
        .filter(Boolean);
      return {
        id: r.id,
        participantId: r.participant_id,
        name: rosterName({ ...r, status: r.person_status }),
        pseudonym: pseudonyms.get(r.id) ?? null,
        language: lang(r.language),
        needs: needs.join(', '),
        accommodations: r.accommodations,
        status: r.status,
        statusLabel: statusLabel(r),
        tag:
          r.status === 'attended'
            ? 'bg-green'
            : r.status === 'no_show' || r.status === 'cancelled'
              ? 'bg-secondary-dark'
              : 'bg-base-dark',
        buttons: checkInButtons(r),
        owed: owed ? dollars(owed) : null,
        owedAmount: owed ? (owed / 100).toFixed(owed % 100 ? 2 : 0) : '',
        issued:
          r.incentive_id === null
            ? null
            : `${dollars(r.issued_cents!)} ${METHOD_LABELS[r.issued_method!].toLowerCase()} on ${r.issued_on} by ${r.issued_by_name ?? 'a former staff member'}${r.reference_note ? ` (${r.reference_note})` : ''}`,
      };
    }),
  };
}

/**
 * The check-in buttons a person's card offers: attended for anyone expected or waiting; no-show
 * and late cancellation for a confirmed seat; undo for an outcome recorded (not once an
 * incentive was issued).
 */
function checkInButtons(r: Row) {
  const out: { outcome: string; label: string; style: string }[] = [];
  if (r.status === 'confirmed' || r.status === 'waitlisted')
    out.push({ outcome: 'attended', label: 'Attended', style: '' });
  if (r.status === 'confirmed')
    out.push(
      { outcome: 'no_show', label: 'No-show', style: ' usa-button--outline' },
      { outcome: 'late_cancellation', label: 'Late cancellation', style: ' usa-button--outline' },
    );
  if (hasOutcome(r) && r.incentive_id === null)
    out.push({ outcome: 'undo', label: 'Undo', style: ' usa-button--unstyled' });
  return out;
}

/** The printable sign-in sheet: names and languages only (no email or phone), a line to sign. */
export function signInSheet(rows: Row[], ref: ReferenceData) {
  const lang = languageName(ref);
  return rows
    .filter((r) => r.status !== 'cancelled')
    .map((r) => ({
      name: rosterName({ ...r, status: r.person_status }),
      language: lang(r.language),
    }));
}
