import { pageOf } from '../../src/web/pagination';

const href = (p: number) => `/list?page=${p}`;
/** The page numbers shown, with '…' for a gap. */
const shown = (items: { page: number | null }[]) => items.map((i) => i.page ?? '…');

describe('pageOf', () => {
  it('counts pages, rounding up', () => {
    expect(pageOf(1, 50, 101, href).pages).toBe(3);
    expect(pageOf(1, 50, 100, href).pages).toBe(2);
    expect(pageOf(1, 50, 1, href).pages).toBe(1);
    expect(pageOf(1, 50, 101, href).total).toBe(101);
  });

  it('has one empty page when there is nothing', () => {
    const p = pageOf(1, 50, 0, href);
    expect(p).toMatchObject({ page: 1, pages: 1, total: 0, from: 0, to: 0 });
    expect(p.prev).toBeUndefined();
    expect(p.next).toBeUndefined();
    expect(p.items).toEqual([{ page: 1, href: '/list?page=1', current: true }]);
  });

  it('gives from/to on the first, a middle and the last page', () => {
    expect(pageOf(1, 50, 120, href)).toMatchObject({ from: 1, to: 50 });
    expect(pageOf(2, 50, 120, href)).toMatchObject({ from: 51, to: 100 });
    expect(pageOf(3, 50, 120, href)).toMatchObject({ from: 101, to: 120 });
  });

  it('clamps a page past the end to the last page', () => {
    const p = pageOf(9, 50, 120, href);
    expect(p).toMatchObject({ page: 3, from: 101, to: 120 });
    expect(p.next).toBeUndefined();
    expect(p.prev).toBe('/list?page=2');
  });

  it('links prev and next only where they exist', () => {
    const first = pageOf(1, 10, 30, href);
    expect(first.prev).toBeUndefined();
    expect(first.next).toBe('/list?page=2');
    const middle = pageOf(2, 10, 30, href);
    expect(middle.prev).toBe('/list?page=1');
    expect(middle.next).toBe('/list?page=3');
    const last = pageOf(3, 10, 30, href);
    expect(last.prev).toBe('/list?page=2');
    expect(last.next).toBeUndefined();
  });

  it('shows every page when there are few', () => {
    expect(shown(pageOf(2, 10, 30, href).items)).toEqual([1, 2, 3]);
    expect(shown(pageOf(3, 10, 50, href).items)).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows first, neighbours and last, with gaps between', () => {
    expect(shown(pageOf(5, 10, 100, href).items)).toEqual([1, '…', 4, 5, 6, '…', 10]);
    expect(shown(pageOf(1, 10, 100, href).items)).toEqual([1, 2, '…', 10]);
    expect(shown(pageOf(10, 10, 100, href).items)).toEqual([1, '…', 9, 10]);
    expect(shown(pageOf(3, 10, 100, href).items)).toEqual([1, 2, 3, 4, '…', 10]);
  });

  it('marks only the current page, links every page, and never links a gap', () => {
    const { items } = pageOf(5, 10, 100, href);
    expect(items.filter((i) => i.current)).toEqual([
      { page: 5, href: '/list?page=5', current: true },
    ]);
    for (const item of items) {
      if (item.page === null) expect(item).toEqual({ page: null, current: false });
      else expect(item.href).toBe(href(item.page));
    }
  });
});
