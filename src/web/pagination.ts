import { z } from 'zod';

export interface Pagination {
  page: number;
  pages: number;
  total: number;
  from: number;
  to: number;
  prev?: string;
  next?: string;
  /** Page numbers to show, with null for a gap ("…"). */
  items: { page: number | null; href?: string; current: boolean }[];
}

/** A view model for the pagination partial. */
export function pageOf(
  page: number,
  size: number,
  total: number,
  href: (page: number) => string,
): Pagination {
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.max(1, Math.min(page, pages));
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const items: Pagination['items'] = [];
  shown.forEach((p, i) => {
    if (i > 0 && p - shown[i - 1] > 1) items.push({ page: null, current: false });
    items.push({ page: p, href: href(p), current: p === current });
  });
  return {
    page: current,
    pages,
    total,
    from: total === 0 ? 0 : (current - 1) * size + 1,
    to: Math.min(current * size, total),
    prev: current > 1 ? href(current - 1) : undefined,
    next: current < pages ? href(current + 1) : undefined,
    items,
  };
}

/** The page number in a list's query string: 1 when absent or not a page number. */
export const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1).default(1);

/** A query string without its blank values (an empty filter field means no filter). */
export function filledQuery(query: unknown): Record<string, unknown> {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
}

/** Links to the pages of a list, keeping its filter (blank and undefined values left out). */
export function pageLinks(path: string, filter: Record<string, string | number | undefined>) {
  const kept = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
  return (page: number) =>
    `${path}?${new URLSearchParams([...kept.map(([k, v]): [string, string] => [k, String(v)]), ['page', String(page)]])}`;
}
