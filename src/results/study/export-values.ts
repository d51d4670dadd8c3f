/* Small pieces the study exports share: batches read until one comes back short, amounts. */

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
