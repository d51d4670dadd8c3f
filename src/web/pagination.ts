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
