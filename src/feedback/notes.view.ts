import type { NoteDriver, NoteSentiment } from '../db/schema';
import type { ReferenceData } from '../reference/reference.queries';
import { formatCityTime } from '../studies/city-time';
import type { Viewer } from '../studies/attendance/attendance.service';
import { canChange, type NotesService } from './notes.service';
import { pseudonymChoices } from './pseudonym.rules';
import {
  DRIVERS,
  DRIVER_LABELS,
  GENERAL,
  SENTIMENTS,
  SENTIMENT_LABELS,
  STAGES,
  STAGE_LABELS,
} from './vocabulary';
import type { Values } from '../web/forms';

type Note = Awaited<ReturnType<NotesService['notes']>>[number];
type Stage = (typeof STAGES)[number];

/** A service code in words: "311 in general" or the request type's English label. */
export const serviceLabel = (ref: ReferenceData) => (code: string) =>
  code === GENERAL
    ? '311 in general'
    : (ref.requestTypes.find((r) => r.name === code)?.labels.en ?? code);

/** A stage's short name ("Intake"), without the explanation the study form gives. */
const stageName = (s: Stage) => STAGE_LABELS[s].replace(/ \(.*\)$/, '');

/** The note form's option lists. */
export function noteOptions(
  ref: ReferenceData,
  themes: { id: number; name: string; status: string }[],
  pseudonyms: number,
) {
  return {
    services: [
      { value: GENERAL, label: '311 in general' },
      ...ref.requestTypes.map((r) => ({ value: r.name, label: r.labels.en ?? r.name })),
    ],
    stages: STAGES.map((s) => ({ value: s, label: stageName(s) })),
    drivers: DRIVERS.map((d) => ({ value: d, label: DRIVER_LABELS[d] })),
    sentiments: SENTIMENTS.map((s) => ({ value: s, label: SENTIMENT_LABELS[s] })),
    pseudonyms: pseudonymChoices(pseudonyms).map((p) => ({ value: p, label: p })),
    themes: themes.map((t) => ({
      value: String(t.id),
      label: t.status === 'proposed' ? `${t.name} (proposed)` : t.name,
    })),
  };
}

/** A new note's form: the codes of the author's last note here, so a run needs no re-selection. */
export function nextNoteValues(
  last:
    | { service: string; stage: string | null; driver: string | null; sentiment: string | null }
    | undefined,
): Values {
  return {
    service: last?.service ?? '',
    stage: last?.stage ?? '',
    driver: last?.driver ?? '',
    sentiment: last?.sentiment ?? '',
  };
}

/** An existing note in its form. */
export function noteValues(n: {
  body: string;
  service: string;
  stage: string | null;
  driver: string | null;
  sentiment: string | null;
  is_quote: number;
  pseudonym: string | null;
  themes: number[];
}): Values {
  return {
    ...nextNoteValues(n),
    body: n.body,
    isQuote: n.is_quote ? 'yes' : '',
    pseudonym: n.pseudonym ?? '',
    themes: n.themes.map(String),
  };
}

/** The session's notes as cards: the text, its codes in words, who and when, what may be done. */
export function noteCards(notes: Note[], ref: ReferenceData, viewer: Viewer, zone: string) {
  const service = serviceLabel(ref);
  return notes.map((n) => ({
    id: n.id,
    body: n.body,
    // For the Edit and Delete buttons' names: which note they act on.
    snippet: n.body.length > 40 ? `${n.body.slice(0, 40)}…` : n.body,
    quote: n.is_quote === 1,
    pseudonym: n.pseudonym,
    // Each code with what it is, for screen readers (the tags show only the value).
    codes: [
      { kind: 'Service', label: service(n.service) },
      n.stage ? { kind: 'Stage', label: stageName(n.stage as Stage) } : null,
      n.driver ? { kind: 'Driver', label: DRIVER_LABELS[n.driver as NoteDriver] } : null,
      n.sentiment
        ? { kind: 'Sentiment', label: SENTIMENT_LABELS[n.sentiment as NoteSentiment] }
        : null,
    ].filter((c) => c !== null),
    themes: n.themes.map((t) => (t.status === 'proposed' ? `${t.name} (proposed)` : t.name)),
    by: n.author_name ?? 'A former staff member',
    when: formatCityTime(n.created_at, zone),
    edited: n.updated_at !== n.created_at ? formatCityTime(n.updated_at, zone) : null,
    canChange: canChange(viewer, n),
  }));
}
