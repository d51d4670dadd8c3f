import type { ParticipantRow, StudySessionRow } from '../../../db/schema';

/** The session modes someone with this format preference can attend (none stated: any). */
export function modesFor(
  preference: ParticipantRow['format_preference'],
): StudySessionRow['mode'][] {
  if (preference === 'in_person') return ['in_person', 'hybrid'];
  if (preference === 'online') return ['online', 'hybrid'];
  return ['in_person', 'online', 'hybrid'];
}

/**
 * Whether a session suits a person: held in their language (or the language they want an
 * interpreter for), or with interpretation offered in it, and in a format they can attend.
 */
export function suits(
  person: Pick<ParticipantRow, 'language' | 'interpreter_language' | 'format_preference'>,
  session: Pick<StudySessionRow, 'language' | 'mode'>,
  interpretation: string[],
): boolean {
  const theirs = [person.language, person.interpreter_language].filter(Boolean) as string[];
  const spoken = theirs.some((l) => l === session.language || interpretation.includes(l));
  return spoken && modesFor(person.format_preference).includes(session.mode);
}
