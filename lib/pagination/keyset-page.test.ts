import { describe, expect, it } from 'vitest';
import { encodeKeysetCursor, type KeysetPosition } from './keyset-cursor.ts';
import { keysetPage, keysetWhere, type KeysetDirection } from './keyset-page.ts';

const rows = Array.from({ length: 7 }, (_, i) => ({
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i < 3 ? 0 : i)),
  id: `0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a${String(i).padStart(2, '0')}`,
}));
const cmp = (a: KeysetPosition, b: KeysetPosition) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const fetch = async (position: KeysetPosition | null, direction: KeysetDirection, take: number) => {
  const sorted = [...rows].sort((a, b) => (direction === 'asc' ? cmp(a, b) : cmp(b, a)));
  const beyond = position
    ? sorted.filter((r) => (direction === 'asc' ? cmp(r, position) > 0 : cmp(r, position) < 0))
    : sorted;
  return beyond.slice(0, take);
};
const page = (cursors: { after?: string; before?: string }) =>
  keysetPage({ ...cursors, limit: 3, fetch, positionOf: (r) => r, toItem: (r) => r.id.slice(-2) });

describe('keysetPage', () => {
  it('walks forwards through ties and back again', async () => {
    const first = await page({});
    expect(first).toMatchObject({ items: ['00', '01', '02'], prevCursor: null });
    const second = await page({ after: first.nextCursor! });
    expect(second.items).toEqual(['03', '04', '05']);
    const third = await page({ after: second.nextCursor! });
    expect(third).toMatchObject({ items: ['06'], nextCursor: null });
    expect((await page({ before: third.prevCursor! })).items).toEqual(['03', '04', '05']);
    expect(await page({ before: second.prevCursor! })).toEqual(first);
  });

  it('pages newest first when asked', async () => {
    const desc = (cursors: { after?: string; before?: string }) =>
      keysetPage({
        ...cursors,
        limit: 3,
        order: 'desc',
        fetch,
        positionOf: (r) => r,
        toItem: (r) => r.id.slice(-2),
      });
    const first = await desc({});
    expect(first.items).toEqual(['06', '05', '04']);
    const second = await desc({ after: first.nextCursor! });
    expect(second.items).toEqual(['03', '02', '01']);
    expect((await desc({ before: second.prevCursor! })).items).toEqual(['06', '05', '04']);
  });

  it('treats a bad cursor as the first page', async () => {
    expect((await page({ after: 'nonsense' })).items).toEqual(['00', '01', '02']);
    expect((await page({ before: encodeKeysetCursor(rows[1]!) })).items).toEqual(['00', '01', '02']);
  });

  it('builds the where fragment for either direction', () => {
    const p = rows[0]!;
    expect(keysetWhere('at', p, 'desc')).toEqual({
      OR: [{ at: { lt: p.createdAt } }, { at: p.createdAt, id: { lt: p.id } }],
    });
  });
});
