// Keyset paging over (timestamp, id) for any list (the pattern of lib/members/list-members.ts,
// generalised): the caller fetches rows after/before a position in a direction; this turns the
// cursors into positions and the fetched rows into a page with next/previous cursors.
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from './keyset-cursor.ts';

export interface KeysetPage<T> {
  items: T[];
  /** Cursor for the following page, or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the preceding page, or null on the first page. */
  prevCursor: string | null;
}

export type KeysetDirection = 'asc' | 'desc';

/** The `where` fragment selecting rows strictly after (asc) or before (desc) a position. */
export function keysetWhere<F extends string>(
  field: F,
  position: KeysetPosition,
  direction: KeysetDirection,
) {
  const op = direction === 'asc' ? 'gt' : 'lt';
  return {
    OR: [
      { [field]: { [op]: position.createdAt } },
      { [field]: position.createdAt, id: { [op]: position.id } },
    ],
  };
}

export async function keysetPage<R, T>(input: {
  after?: string | undefined;
  before?: string | undefined;
  limit: number;
  /** Fetch up to `take` rows strictly beyond `position` in `direction` (from the start when null). */
  fetch: (position: KeysetPosition | null, direction: KeysetDirection, take: number) => Promise<R[]>;
  positionOf: (row: R) => KeysetPosition;
  toItem: (row: R) => T;
  /** Page order: oldest first (the default) or newest first. */
  order?: KeysetDirection;
}): Promise<KeysetPage<T>> {
  const { limit, fetch, positionOf, toItem } = input;
  const onward: KeysetDirection = input.order ?? 'asc';
  const backward: KeysetDirection = onward === 'asc' ? 'desc' : 'asc';
  const afterPos = decodeKeysetCursor(input.after);
  const beforePos = afterPos ? null : decodeKeysetCursor(input.before);

  const forward = async (position: KeysetPosition | null): Promise<KeysetPage<T>> => {
    const rows = await fetch(position, onward, limit + 1);
    const page = rows.slice(0, limit);
    const first = page[0];
    const last = page.at(-1);
    return {
      items: page.map(toItem),
      nextCursor: rows.length > limit && last ? encodeKeysetCursor(positionOf(last)) : null,
      prevCursor: position ? encodeKeysetCursor(first ? positionOf(first) : position) : null,
    };
  };

  if (beforePos) {
    const rows = await fetch(beforePos, backward, limit + 1);
    if (rows.length <= limit) return forward(null);
    const page = rows.slice(0, limit).reverse();
    return {
      items: page.map(toItem),
      nextCursor: encodeKeysetCursor(positionOf(page.at(-1)!)),
      prevCursor: encodeKeysetCursor(positionOf(page[0]!)),
    };
  }
  return forward(afterPos);
}
