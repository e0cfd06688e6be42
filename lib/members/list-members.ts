// Lists an organization's members, oldest first, with keyset paging over (createdAt, id).
// Runs inside withTenant, so Postgres RLS limits the rows to the organization even if the `where`
// below were wrong (ARCHITECTURE.md §2: the where clause is the first wall, RLS the second).
import type { MembershipRole } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from '../pagination/keyset-cursor.ts';
import { ZListMembersInput, type TListMembersInput } from './schemas.ts';

export interface MemberListItem {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: MembershipRole;
  joinedAt: Date;
  disabled: boolean;
}

export interface MembersPage {
  members: MemberListItem[];
  /** Cursor for the following page, or null on the last page. */
  nextCursor: string | null;
  /** Cursor for the preceding page, or null on the first page. */
  prevCursor: string | null;
}

const after = (p: KeysetPosition) => ({
  OR: [{ createdAt: { gt: p.createdAt } }, { createdAt: p.createdAt, id: { gt: p.id } }],
});
const before = (p: KeysetPosition) => ({
  OR: [{ createdAt: { lt: p.createdAt } }, { createdAt: p.createdAt, id: { lt: p.id } }],
});

const select = {
  id: true,
  userId: true,
  role: true,
  createdAt: true,
  disabledAt: true,
  user: { select: { name: true, email: true } },
} as const;

type Row = {
  id: string;
  userId: string;
  role: MembershipRole;
  createdAt: Date;
  disabledAt: Date | null;
  user: { name: string; email: string };
};

const toItem = (row: Row): MemberListItem => ({
  membershipId: row.id,
  userId: row.userId,
  name: row.user.name,
  email: row.user.email,
  role: row.role,
  joinedAt: row.createdAt,
  disabled: row.disabledAt !== null,
});

const positionOf = (row: Row): KeysetPosition => ({ createdAt: row.createdAt, id: row.id });

/** A bad or foreign cursor is not an error: it is treated as "no cursor" (the first page). */
export async function listMembers(input: TListMembersInput): Promise<MembersPage> {
  const { organizationId, limit, ...cursors } = ZListMembersInput.parse(input);
  const afterPos = decodeKeysetCursor(cursors.after);
  const beforePos = afterPos ? null : decodeKeysetCursor(cursors.before);

  return withTenant(organizationId, async (tx) => {
    const firstPage = async (): Promise<MembersPage> => {
      const rows = await tx.membership.findMany({
        where: { organizationId },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit + 1,
        select,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        members: page.map(toItem),
        nextCursor: rows.length > limit && last ? encodeKeysetCursor(positionOf(last)) : null,
        prevCursor: null,
      };
    };

    if (beforePos) {
      const rows = await tx.membership.findMany({
        where: { organizationId, ...before(beforePos) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select,
      });
      // Nothing further back: this is the first page, served in full from the start.
      if (rows.length <= limit) return firstPage();
      const page = rows.slice(0, limit).reverse();
      const first = page[0]!;
      const last = page.at(-1)!;
      return {
        members: page.map(toItem),
        nextCursor: encodeKeysetCursor(positionOf(last)),
        prevCursor: encodeKeysetCursor(positionOf(first)),
      };
    }

    if (afterPos) {
      const rows = await tx.membership.findMany({
        where: { organizationId, ...after(afterPos) },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: limit + 1,
        select,
      });
      const page = rows.slice(0, limit);
      const first = page[0];
      const last = page.at(-1);
      return {
        members: page.map(toItem),
        nextCursor: rows.length > limit && last ? encodeKeysetCursor(positionOf(last)) : null,
        // Past the end (e.g. rows deleted since the link was made): "previous" still leads back
        // to the rows before the cursor's position.
        prevCursor: encodeKeysetCursor(first ? positionOf(first) : afterPos),
      };
    }

    return firstPage();
  });
}
