import { DateTime } from 'luxon';

/**
 * ISO 8601 with the city's offset (`2026-03-02T10:15:00-08:00`) for UTC instants, fast enough
 * for the hot loop of an export: the zone's offset is looked up once per UTC hour (checked at
 * both ends of the hour, so a zone that changes mid-hour is looked up per instant there) and
 * the text is built by hand rather than by a luxon DateTime per row.
 */
export function cityIsoFormatter(zone: string): (utc: string | null) => string {
  const byHour = new Map<string, number | null>();
  const offsetAt = (iso: string) => DateTime.fromISO(iso, { zone }).offset;
  return (utc) => {
    if (!utc) return '';
    const ms = Date.parse(utc);
    if (Number.isNaN(ms)) return '';
    const hour = new Date(ms).toISOString().slice(0, 13);
    let offset = byHour.get(hour);
    if (offset === undefined) {
      const a = offsetAt(`${hour}:00:00.000Z`);
      offset = a === offsetAt(`${hour}:59:59.999Z`) ? a : null;
      byHour.set(hour, offset);
    }
    const minutes = offset ?? offsetAt(utc);
    const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    const hh = String(Math.floor(abs / 60)).padStart(2, '0');
    const mm = String(abs % 60).padStart(2, '0');
    return `${local}${sign}${hh}:${mm}`;
  };
}
