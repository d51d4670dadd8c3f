import type { TFunction } from 'i18next';
import type { ReferenceData } from '../../reference/reference.queries';
import type { CsvColumn } from '../../web/csv';
import { formatPhone } from '../profile/profile.schema';
import type { CallListRow } from './call-list.queries';

export type CallListPerson = ReturnType<ReturnType<typeof callListPerson>>;

/** A row of the call list as staff read it (English labels, formatted phone). */
export function callListPerson(ref: ReferenceData, t: TFunction) {
  const languageNames = new Map(ref.languages.map((l) => [l.code, l.english_name]));
  return (row: CallListRow) => ({
    id: row.id,
    name: [row.first_name, row.last_name].filter(Boolean).join(' '),
    phone: formatPhone(row.phone),
    language: row.language_name ?? row.language,
    contactBy: row.contact_preference
      ? t(`options.contactPreference.${row.contact_preference}`)
      : '',
    availability: (row.availability ?? '')
      .split(',')
      .filter(Boolean)
      .map((a) => t(`options.availability.${a}`))
      .join('; '),
    interpreter: row.needs_interpreter
      ? `Yes${row.interpreter_language ? ` (${languageNames.get(row.interpreter_language) ?? row.interpreter_language})` : ''}`
      : 'No',
    lastContacted: row.last_contacted_at,
  });
}

/** The columns of the exported call list. */
export const CALL_LIST_COLUMNS: CsvColumn<CallListPerson>[] = [
  { header: 'Participant id', value: (p) => p.id, kind: 'code' },
  { header: 'Name', value: (p) => p.name },
  // Formatted by the app from a validated number: text that keeps its digits, never altered.
  { header: 'Phone', value: (p) => p.phone, kind: 'code' },
  { header: 'Language', value: (p) => p.language },
  { header: 'Contact by', value: (p) => p.contactBy },
  { header: 'Preferred time', value: (p) => p.availability },
  { header: 'Needs interpreter', value: (p) => p.interpreter },
  { header: 'Last contacted (UTC)', value: (p) => p.lastContacted, kind: 'code' },
];
