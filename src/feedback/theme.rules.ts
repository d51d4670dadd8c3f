/*
 * Theme names and merges, as plain rules. A name is kept as typed (trimmed, inner spaces
 * collapsed); its key, lower case, is what makes two names the same.
 */

export const THEME_NAME_MAX = 60;

/** The name as stored: trimmed, runs of spaces as one, Unicode NFC. */
export function themeName(typed: string): string {
  return typed.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The key that must be unique: the stored name in lower case. */
export function themeKey(typed: string): string {
  return themeName(typed).toLocaleLowerCase('en-US');
}

/**
 * Merging theme A into B: the notes tagged A that are not yet tagged B get B (each once);
 * the notes tagged both just lose A. Returns the notes to tag with B and how many had both.
 */
export function mergePlan(notesOfA: readonly number[], notesOfB: readonly number[]) {
  const b = new Set(notesOfB);
  const add = [...new Set(notesOfA)].filter((id) => !b.has(id)).sort((x, y) => x - y);
  return { add, alreadyBoth: new Set(notesOfA).size - add.length };
}
