import type { TFunction } from 'i18next';
import type { StudySessionRow } from '../../db/schema';
import { residentDateTime } from '../../i18n/dates';

/** One session as a resident reads it, in their language (pages and emails). */
export interface SessionText {
  id: number;
  startsAt: string;
  when: string;
  duration: string;
  mode: string;
  /** in person or hybrid: the place and its accessibility notes. */
  place: {
    name: string | null;
    address: string | null;
    stepFree: string | null;
    parking: string | null;
    transit: string | null;
  } | null;
  online: boolean;
  language: string;
  interpretation: string | null;
  incentive: string | null;
  seatsLeft: number;
  full: boolean;
}

/**
 * Intl formatters by locale: building one costs far more than using it (pages list several
 * sessions; each registration composes two emails), and a locale's formatter never changes.
 */
const languageNames = new Map<string, Intl.DisplayNames | null>();
const dollarFormats = new Map<string, Intl.NumberFormat>();

/** A language's name in the reader's language ("español", "韓文"). */
export function languageName(code: string, lang: string): string {
  let names = languageNames.get(lang);
  if (names === undefined) {
    try {
      names = new Intl.DisplayNames([lang], { type: 'language' });
    } catch {
      names = null;
    }
    languageNames.set(lang, names);
  }
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Whole dollars in the reader's language ("$50", "50 US$"). */
export function dollars(cents: number, lang: string): string {
  let format = dollarFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: 'USD',
      maximumFractionDigits: 0,
    });
    dollarFormats.set(lang, format);
  }
  return format.format(cents / 100);
}

/** What a resident is told about a session: date and time in their language and the city's zone. */
export function sessionText(
  s: StudySessionRow,
  interpretation: string[],
  t: TFunction,
  lang: string,
  zone: string,
): SessionText {
  const hasPlace = s.mode !== 'online';
  const stepFree =
    s.step_free === 1
      ? t('register.stepFree')
      : s.step_free === 0
        ? t('register.notStepFree')
        : null;
  return {
    id: s.id,
    startsAt: s.starts_at,
    when: residentDateTime(s.starts_at, lang, zone),
    duration: t('register.minutes', { minutes: s.duration_minutes }),
    mode: t(`register.mode.${s.mode}`),
    place: hasPlace
      ? {
          name: s.place_name,
          address: s.address,
          stepFree,
          parking: s.parking,
          transit: s.transit,
        }
      : null,
    online: s.mode !== 'in_person',
    language: languageName(s.language, lang),
    interpretation: interpretation.length
      ? interpretation.map((c) => languageName(c, lang)).join(', ')
      : null,
    incentive:
      s.incentive_cents > 0
        ? t(`register.incentive.${s.incentive_kind}`, { amount: dollars(s.incentive_cents, lang) })
        : null,
    seatsLeft: Math.max(0, s.capacity + s.extra_seats - s.seats_taken),
    full: s.seats_taken >= s.capacity + s.extra_seats,
  };
}
