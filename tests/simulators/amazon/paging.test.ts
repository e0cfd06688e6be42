import { describe, expect, it } from 'vitest';
import type { SimOrder } from './generator.ts';
import { nextPage } from './paging.ts';

/** What nextPage replaces: sort every match, drop what precedes the cursor, slice a page. */
function sortedPage(
  orders: SimOrder[],
  keyOf: (o: SimOrder) => number | null,
  cursor: [number, string] | undefined,
  size: number,
) {
  const rest = orders
    .flatMap((o) => {
      const k = keyOf(o);
      return k === null ? [] : [{ o, k }];
    })
    .filter(({ o, k }) => !cursor || k > cursor[0] || (k === cursor[0] && o.amazonOrderId > cursor[1]))
    .sort((a, b) => a.k - b.k || (a.o.amazonOrderId < b.o.amazonOrderId ? -1 : 1));
  return { page: rest.slice(0, size), more: rest.length > size };
}

describe('nextPage', () => {
  it('pages exactly like a full sort, ties on the key broken by order id, excluded orders skipped', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const orders = Array.from(
      { length: 700 },
      (_, i) => ({ amazonOrderId: `111-${String(1e6 + ((i * 7919) % 700)).slice(1)}-0000000` }) as SimOrder,
    );
    // Few distinct keys, so many ties; a tenth of the orders excluded.
    const keys = new Map(orders.map((o) => [o, random() < 0.1 ? null : Math.floor(random() * 40)]));
    const keyOf = (o: SimOrder) => keys.get(o) ?? null;
    for (const size of [1, 7, 100, 1000]) {
      let cursor: [number, string] | undefined;
      let pages = 0;
      for (;;) {
        const got = nextPage(orders, keyOf, cursor, size);
        const want = sortedPage(orders, keyOf, cursor, size);
        expect(got.page.map((x) => [x.k, x.o.amazonOrderId])).toEqual(
          want.page.map((x) => [x.k, x.o.amazonOrderId]),
        );
        expect(got.more).toBe(want.more);
        pages += 1;
        if (!got.more) break;
        const last = got.page[got.page.length - 1]!;
        cursor = [last.k, last.o.amazonOrderId];
      }
      expect(pages).toBe(Math.max(1, Math.ceil([...keys.values()].filter((k) => k !== null).length / size)));
    }
  });
});
