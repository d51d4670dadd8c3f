import { DateTime } from 'luxon';

/** A date for a resident, in their language and the city's time zone. */
export function residentDate(date: Date | string, lang: string, zone: string): string {
  const dt = typeof date === 'string' ? DateTime.fromISO(date) : DateTime.fromJSDate(date);
  return dt.setZone(zone).setLocale(lang).toLocaleString(DateTime.DATE_FULL);
}

/** A date and time for a resident, in their language and the city's time zone, with the zone. */
export function residentDateTime(date: Date | string, lang: string, zone: string): string {
  const dt = typeof date === 'string' ? DateTime.fromISO(date) : DateTime.fromJSDate(date);
  return dt.setZone(zone).setLocale(lang).toLocaleString({
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}
