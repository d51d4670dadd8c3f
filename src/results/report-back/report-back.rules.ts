import type { TFunction } from 'i18next';

/*
 * Report-back rules, plain functions: who gets the email, which languages need a message, and
 * the message prefilled with the study's headline figures.
 */

const ENGLISH_NAMES: Record<string, string> = {
  en: 'English',
  es: 'Spanish',
  ko: 'Korean',
  hy: 'Armenian',
  'zh-Hant': 'Chinese (Traditional)',
};

/** A language's English name, for the staff pages. */
export const languageName = (code: string) => ENGLISH_NAMES[code] ?? code;

export interface Person {
  email: string | null;
  language: string;
  status: string;
}

export type SkipReason = 'left' | 'paused' | 'noEmail';

/**
 * Why someone who attended gets no email, or null: withdrawn or deleted people have left the
 * panel; paused people asked for no contact; some have no email address.
 */
export function skipReason(p: Person): SkipReason | null {
  if (p.status === 'withdrawn' || p.status === 'deleted') return 'left';
  if (p.status === 'paused') return 'paused';
  if (!p.email) return 'noEmail';
  return null;
}

/** The people to write to, and how many are skipped for each reason. */
export function audienceOf<P extends Person>(people: P[]) {
  const skipped: Record<SkipReason, number> = { left: 0, paused: 0, noEmail: 0 };
  const to: P[] = [];
  for (const p of people) {
    const why = skipReason(p);
    if (why) skipped[why]++;
    else to.push(p);
  }
  const byLanguage = new Map<string, number>();
  for (const p of to) byLanguage.set(p.language, (byLanguage.get(p.language) ?? 0) + 1);
  return { to, skipped, skippedTotal: skipped.left + skipped.paused + skipped.noEmail, byLanguage };
}

/** The languages of the audience that have no message (blank counts as none), in the order given. */
export function missingLanguages(needed: Iterable<string>, messages: Record<string, string>) {
  return [...needed].filter((lang) => !messages[lang]?.trim());
}

export interface Headline {
  attended: number;
  sessions: number;
  themes: { name: string; count: number }[];
}

/** The message prefilled in one language: how many took part, then a line per top theme. */
export function prefill(t: TFunction, h: Headline): string {
  const parts = [t('reportBack.prefill.tookPart', { count: h.attended, sessions: h.sessions })];
  if (h.themes.length)
    parts.push(
      [
        t('reportBack.prefill.heard'),
        ...h.themes.map((th) => t('reportBack.prefill.theme', { theme: th.name, count: th.count })),
      ].join('\n'),
    );
  parts.push(t('reportBack.prefill.next'));
  return parts.join('\n\n');
}

/** The stored messages (JSON by language), tolerating a damaged value. */
export function parseMessages(json: string | null | undefined): Record<string, string> {
  try {
    const v: unknown = JSON.parse(json ?? '{}');
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === 'string',
      ),
    );
  } catch {
    return {};
  }
}
