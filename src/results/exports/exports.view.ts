import { LOCALES, LOCALE_NAMES } from '../../i18n/i18n';
import { CHANNELS, MYLA311_USES } from '../filters';
import { BREAKDOWN_NAMES } from '../survey/filter-form';
import type { ExportKind } from './export-runner';

/** The exports page's choices as select and radio options (English: a staff page). */
export function exportsView(o: {
  kinds: ExportKind[];
  surveys: { id: number; title: string }[];
  studies: { id: number; title: string }[];
}) {
  const opt = (value: string | number, label: string) => ({ value: String(value), label });
  return {
    typeOptions: o.kinds.map((k) =>
      opt(k.type, `${k.title}${k.personal ? ' (personal data: asks why)' : ''}`),
    ),
    surveyOptions: o.surveys.map((s) => opt(s.id, `${s.title} (id ${s.id})`)),
    studyOptions: o.studies.map((s) => opt(s.id, `${s.title} (id ${s.id})`)),
    profileOptions: [
      opt('excel', 'Excel (UTF-8 with BOM, Windows line ends, formulas neutralised)'),
      opt('analysis', 'Analysis: R, pandas, scripts (no BOM, LF, text as stored)'),
    ],
    labelOptions: LOCALES.map((l) => opt(l, `Labels in ${LOCALE_NAMES[l]} (${l})`)),
    languageOptions: LOCALES.map((l) => opt(l, `${LOCALE_NAMES[l]} (${l})`)),
    districtOptions: Array.from({ length: 15 }, (_, i) => opt(i + 1, `District ${i + 1}`)),
    useOptions: MYLA311_USES.map((u) => opt(u, u)),
    breakdownOptions: Object.entries(BREAKDOWN_NAMES).map(([value, label]) => opt(value, label)),
    channelOptions: CHANNELS.map((c) => opt(c, c === 'phone' ? 'phone interview' : c)),
  };
}

/** Where a chosen export downloads: its CSV, the bundle's ZIP, or a personal type's form. */
export function downloadPath(kind: ExportKind, params: [string, string][]): string {
  const query = new URLSearchParams(params).toString();
  const q = query ? `?${query}` : '';
  if (kind.personal) return `/staff/results/export/${kind.type}${q}`;
  if (kind.type === 'bundle') return `/staff/results/export/bundle.zip${q}`;
  return `/staff/results/export/${kind.type}.csv${q}`;
}
