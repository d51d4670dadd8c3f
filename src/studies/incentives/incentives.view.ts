import type { CsvColumn } from '../../web/csv';
import { formatCityTime } from '../city-time';
import { rosterName } from '../registration/registration.view';
import type { IncentiveReportRow } from './incentives.queries';
import { METHOD_LABELS, dollars, owedCents } from './incentives.rules';

/** One line of the incentive report, for the page and the finance CSV. */
export function reportLine(zone: string) {
  return (r: IncentiveReportRow) => {
    const owed = owedCents(r.status, r.incentive_cents, r.study_incentive_cents);
    return {
      participantId: r.participant_id,
      name: rosterName({ ...r, status: r.person_status }),
      session: formatCityTime(r.starts_at, zone),
      sessionId: r.session_id,
      attended: r.status === 'attended',
      walkIn: r.walk_in === 1,
      owedCents: owed,
      owed: owed ? dollars(owed) : '',
      issuedCents: r.issued_cents,
      issued: r.issued_cents === null ? '' : dollars(r.issued_cents),
      method: r.method ? METHOD_LABELS[r.method] : '',
      issuedOn: r.issued_on ?? '',
      issuedBy: r.issued_by_name ?? '',
    };
  };
}
export type ReportLine = ReturnType<ReturnType<typeof reportLine>>;

/** Totals of the report: owed, issued, and what is still to give. */
export function reportTotals(lines: ReportLine[]) {
  const owed = lines.reduce((n, l) => n + l.owedCents, 0);
  const issued = lines.reduce((n, l) => n + (l.issuedCents ?? 0), 0);
  const waiting = lines.filter((l) => l.attended && l.issuedCents === null).length;
  return { owed: dollars(owed), issued: dollars(issued), waiting, people: lines.length };
}

const cents = (c: number | null) => (c === null ? '' : (c / 100).toFixed(2));

/** The finance CSV: amounts in dollars with cents, dates as YYYY-MM-DD, names neutralised. */
export const INCENTIVE_COLUMNS: CsvColumn<ReportLine>[] = [
  { header: 'participant_id', value: (l) => l.participantId, kind: 'code' },
  { header: 'name', value: (l) => l.name },
  { header: 'session', value: (l) => l.session, kind: 'code' },
  { header: 'attended', value: (l) => (l.attended ? 'yes' : 'no'), kind: 'code' },
  { header: 'owed', value: (l) => cents(l.owedCents), kind: 'code' },
  { header: 'issued_amount', value: (l) => cents(l.issuedCents), kind: 'code' },
  { header: 'method', value: (l) => l.method, kind: 'code' },
  { header: 'issued_date', value: (l) => l.issuedOn, kind: 'code' },
  { header: 'issued_by', value: (l) => l.issuedBy },
];
