import { DateTime } from 'luxon';

/*
 * Session times are typed and read in the city's time zone and stored as UTC instants. The
 * night the clocks change has a local hour that never happens (spring forward) and one that
 * happens twice (fall back); these rules make both explicit instead of letting luxon shift them.
 */

/** What a local date-time field can mean. */
export type CityTime =
  | { ok: true; utc: string; ambiguous: boolean; abbreviation: string }
  | { ok: false; problem: 'format' | 'gap' };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/**
 * A local date-time ("2026-11-01T01:30", as a datetime-local field sends it) in `zone`, as a
 * UTC ISO instant. A time skipped by a daylight-saving change is refused ('gap'); a time that
 * happens twice is taken as its first occurrence (the earlier instant) and marked ambiguous.
 */
export function parseCityTime(text: string, zone: string): CityTime {
  const m = LOCAL.exec(text.trim());
  if (!m) return { ok: false, problem: 'format' };
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  if (hour > 23 || minute > 59) return { ok: false, problem: 'format' };
  const local = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!local.isValid) return { ok: false, problem: 'format' };
  // luxon moves a skipped time forward: the wall time it lands on is not the one typed.
  if (local.day !== day || local.hour !== hour || local.minute !== minute)
    return { ok: false, problem: 'gap' };
  const candidates = local.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  const first = candidates[0] ?? local;
  return {
    ok: true,
    utc: first.toUTC().toISO()!,
    ambiguous: candidates.length > 1,
    abbreviation: first.offsetNameShort ?? first.toFormat('ZZ'),
  };
}

/** A stored UTC instant as the datetime-local field shows it in `zone` ("2026-11-01T01:30"). */
export function cityInputValue(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** A stored UTC instant for staff, in `zone`, always with its abbreviation ("Sun, Nov 1, 2026, 1:30 AM PDT"). */
export function formatCityTime(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' })
    .setZone(zone)
    .setLocale('en-US')
    .toFormat('ccc, LLL d, yyyy, h:mm a ZZZZ');
}

/** True when the local wall time of this instant happens twice in `zone` (a fall-back night). */
export function isAmbiguousLocal(utc: string, zone: string): boolean {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).getPossibleOffsets().length > 1;
}

/** Says which of the two occurrences an ambiguous local time is, for the session page. */
export function occurrenceNote(utc: string, zone: string): string | null {
  const local = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  const offsets = local.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  if (offsets.length < 2) return null;
  const which = offsets[0].toMillis() === local.toMillis() ? 'first' : 'second';
  const time = local.setLocale('en-US').toFormat('h:mm a');
  return `The clocks go back this night, so ${time} happens twice: this is the ${which} one (${local.offsetNameShort}).`;
}
