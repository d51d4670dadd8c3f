import crypto from 'node:crypto';

/*
 * Small pieces the study exports share: a per-export pseudonym, times with the city's offset,
 * batches read until one comes back short.
 */

/**
 * `R` + 10 hex characters from an HMAC of the participant id with a random salt made for this
 * export: the same person is the same pseudonym within one file, a different one in the next.
 */
export function pseudonyms(): (participantId: number) => string {
  const salt = crypto.randomBytes(32);
  return (id) =>
    `R${crypto.createHmac('sha256', salt).update(String(id)).digest('hex').slice(0, 10)}`;
}

/** A UTC instant as ISO 8601 with the offset of the city's zone: 2026-03-02T10:15:00-08:00. */
export function isoInZone(utc: string, zone: string): string {
  const date = new Date(utc);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

/** Rows read batch after batch (keyset by id) until a batch comes back smaller than `size`. */
export async function* inBatches<T extends { id: number }>(
  read: (afterId: number) => Promise<T[]>,
  size: number,
): AsyncGenerator<T[]> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1].id;
  }
}

/** Dollars with cents, as a number a spreadsheet reads ("50.00"); blank for none. */
export const amount = (cents: number | null | undefined) =>
  cents === null || cents === undefined ? '' : (cents / 100).toFixed(2);
