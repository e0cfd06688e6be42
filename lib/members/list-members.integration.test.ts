// Keyset paging of members against a real, migrated Postgres (the test rig gives this file its own
// database and sets DATABASE_URL / DATABASE_SYSTEM_URL before it loads).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createOrganization, createUser } from '../../tests/factories.ts';
import { disconnectAppDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { encodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import { listMembers, type MembersPage } from './list-members.ts';

interface Seeded {
  orgId: string;
  otherOrgId: string;
  /** Membership ids of the organization, in the order listMembers must return them. */
  expected: string[];
  otherIds: string[];
}

let seeded: Seeded;

const byKeyset = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

beforeAll(async () => {
  const org = await createOrganization({ name: 'Keyset Ltd', slug: 'keyset-ltd' });
  const other = await createOrganization({ name: 'Other Ltd', slug: 'other-ltd' });

  for (let i = 0; i < 7; i += 1) {
    const user = await createUser({ email: `member${i}@keyset.test`, name: `Member ${i}` });
    await addMember(org.id, user.id, i === 0 ? 'OWNER' : 'VIEWER');
  }
  for (let i = 0; i < 3; i += 1) {
    const user = await createUser({ email: `member${i}@other.test`, name: `Other ${i}` });
    await addMember(other.id, user.id, 'ADMIN');
  }

  // Give three members the same created_at, so paging must fall back to the id to break the tie.
  const tie = new Date('2030-01-01T00:00:00.000Z');
  const rows = await withTenant(org.id, async (tx) => {
    const all = await tx.membership.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    const tied = all.slice(2, 5).map((r) => r.id);
    await tx.membership.updateMany({ where: { id: { in: tied } }, data: { createdAt: tie } });
    return tx.membership.findMany({ select: { id: true, createdAt: true } });
  });
  const otherRows = await withTenant(other.id, (tx) => tx.membership.findMany({ select: { id: true } }));

  seeded = {
    orgId: org.id,
    otherOrgId: other.id,
    expected: [...rows].sort(byKeyset).map((r) => r.id),
    otherIds: otherRows.map((r) => r.id),
  };
});

afterAll(async () => {
  await disconnectAppDb();
});

const ids = (page: MembersPage) => page.members.map((m) => m.membershipId);

describe('listMembers keyset paging', () => {
  it('walks forward through every member exactly once, in (created_at, id) order', async () => {
    const pages: MembersPage[] = [];
    let page = await listMembers({ organizationId: seeded.orgId, limit: 3 });
    pages.push(page);
    while (page.nextCursor) {
      page = await listMembers({ organizationId: seeded.orgId, limit: 3, after: page.nextCursor });
      pages.push(page);
    }

    expect(pages.map((p) => p.members.length)).toEqual([3, 3, 1]);
    expect(pages.flatMap(ids)).toEqual(seeded.expected);
    expect(pages[0]?.prevCursor).toBeNull();
    expect(pages.at(-1)?.nextCursor).toBeNull();
    expect(pages.slice(1).every((p) => p.prevCursor !== null)).toBe(true);
  });

  it('walks back with the previous cursors to the same pages', async () => {
    const first = await listMembers({ organizationId: seeded.orgId, limit: 3 });
    const second = await listMembers({ organizationId: seeded.orgId, limit: 3, after: first.nextCursor! });
    const third = await listMembers({ organizationId: seeded.orgId, limit: 3, after: second.nextCursor! });

    const backToSecond = await listMembers({
      organizationId: seeded.orgId,
      limit: 3,
      before: third.prevCursor!,
    });
    expect(ids(backToSecond)).toEqual(ids(second));
    expect(backToSecond.nextCursor).not.toBeNull();

    const backToFirst = await listMembers({
      organizationId: seeded.orgId,
      limit: 3,
      before: backToSecond.prevCursor!,
    });
    expect(ids(backToFirst)).toEqual(ids(first));
    expect(backToFirst.prevCursor).toBeNull();
  });

  it('serves a full first page when "previous" lands short of the start', async () => {
    // A cursor just after the second member: only one row lies before it.
    const page = await listMembers({ organizationId: seeded.orgId, limit: 3 });
    const second = page.members[1]!;
    const cursor = encodeKeysetCursor({ createdAt: second.joinedAt, id: second.membershipId });
    const back = await listMembers({ organizationId: seeded.orgId, limit: 3, before: cursor });
    expect(ids(back)).toEqual(seeded.expected.slice(0, 3));
    expect(back.prevCursor).toBeNull();
  });

  it('treats a malformed cursor as the first page', async () => {
    const first = await listMembers({ organizationId: seeded.orgId, limit: 3 });
    for (const bad of ['garbage', '', 'eyJub3QiOiJhIGN1cnNvciJ9', 'a'.repeat(500)]) {
      expect(ids(await listMembers({ organizationId: seeded.orgId, limit: 3, after: bad }))).toEqual(
        ids(first),
      );
      expect(ids(await listMembers({ organizationId: seeded.orgId, limit: 3, before: bad }))).toEqual(
        ids(first),
      );
    }
  });

  it('past the end, returns no rows and a way back', async () => {
    const cursor = encodeKeysetCursor({
      createdAt: new Date('2099-01-01T00:00:00.000Z'),
      id: '00000000-0000-7000-8000-000000000000',
    });
    const page = await listMembers({ organizationId: seeded.orgId, limit: 3, after: cursor });
    expect(page.members).toEqual([]);
    expect(page.nextCursor).toBeNull();
    const back = await listMembers({ organizationId: seeded.orgId, limit: 3, before: page.prevCursor! });
    expect(ids(back)).toEqual(seeded.expected.slice(-3));
  });

  it('never returns another organization’s members, whatever the cursor', async () => {
    const otherPage = await listMembers({ organizationId: seeded.otherOrgId, limit: 2 });
    expect(ids(otherPage).every((id) => seeded.otherIds.includes(id))).toBe(true);

    const mixed = await listMembers({
      organizationId: seeded.orgId,
      limit: 100,
      after: otherPage.nextCursor!,
    });
    expect(ids(mixed).some((id) => seeded.otherIds.includes(id))).toBe(false);

    const all = await listMembers({ organizationId: seeded.orgId, limit: 100 });
    expect(ids(all)).toEqual(seeded.expected);
  });

  it('returns the member’s user details and role', async () => {
    const page = await listMembers({ organizationId: seeded.orgId, limit: 100 });
    const owner = page.members.find((m) => m.role === 'OWNER');
    expect(owner).toMatchObject({ name: 'Member 0', email: 'member0@keyset.test' });
    expect(owner?.joinedAt).toBeInstanceOf(Date);
  });
});
