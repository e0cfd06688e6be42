// Key-ordered pages for the simulator's order searches (v0 getOrders, 2026-01-01 searchOrders):
// the next `size` orders after a cursor, in (key, AmazonOrderId) order, found in one pass with a
// bounded insertion instead of sorting every match on every page. Amazon answers a page in about
// the same time however many orders a seller has; a full sort per page made the simulator's own
// CPU the cost of paging a large seller (50 pages × a sort of 5 000 orders).
import type { SimOrder } from './generator.ts';

export interface KeyedOrder {
  o: SimOrder;
  /** The search's sort key (purchase or last-update time, ms). */
  k: number;
}

/** (key, AmazonOrderId) order. */
const before = (a: KeyedOrder, b: KeyedOrder) =>
  a.k < b.k || (a.k === b.k && a.o.amazonOrderId < b.o.amazonOrderId);

/**
 * The first `size` of `orders` after `cursor` (its key and order id), where `keyOf` gives an
 * order's key or null when the search excludes it; `more` says whether further orders follow.
 */
export function nextPage(
  orders: Iterable<SimOrder>,
  keyOf: (o: SimOrder) => number | null,
  cursor: readonly [number, string] | undefined,
  size: number,
): { page: KeyedOrder[]; more: boolean } {
  const page: KeyedOrder[] = [];
  let matched = 0;
  for (const o of orders) {
    const k = keyOf(o);
    if (k === null) continue;
    const item = { o, k };
    if (cursor && !(k > cursor[0] || (k === cursor[0] && o.amazonOrderId > cursor[1]))) continue;
    matched += 1;
    if (page.length === size && (size === 0 || !before(item, page[size - 1]!))) continue;
    let lo = 0;
    let hi = page.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(page[mid]!, item)) lo = mid + 1;
      else hi = mid;
    }
    page.splice(lo, 0, item);
    if (page.length > size) page.pop();
  }
  return { page, more: matched > page.length };
}
