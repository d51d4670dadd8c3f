import { DateTime } from 'luxon';

/** Functions available in every view (app.locals). Dates are shown in the city's time zone. */
export function viewHelpers(cityTimeZone: string) {
  return {
    formatDateTime(iso: string | null | undefined, locale = 'en'): string {
      if (!iso) return '';
      return DateTime.fromISO(iso, { zone: 'utc' })
        .setZone(cityTimeZone)
        .setLocale(locale)
        .toLocaleString(DateTime.DATETIME_MED);
    },
  };
}
