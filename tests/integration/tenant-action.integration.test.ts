// tenantAction end to end below the framework (issue 3, item 5): the real members server actions,
// with next/headers and the session stubbed, go through principal → organization → membership →
// permission → zod input, and every failure comes back in the one envelope.
// The order page's Reveal action decrypts for customer service only
// (docs/decisions/0019-tenant-access-boundaries.md): naming a printing purpose or `dsr-export`
// is a 400 with nothing decrypted or audited.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PEER_ADDRESS_HEADER } from '../../lib/http/peer-address.ts';

const session = vi.hoisted(() => ({
  user: null as null | {
    userId: string;
    email: string;
    name: string;
    sessionVersion: number;
    mfaVerified: boolean;
  },
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ [PEER_ADDRESS_HEADER]: '203.0.113.7' }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => session.user }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const actions = await import('@/app/(app)/[org]/members/actions.ts');
const { createApiClientAction } = await import('@/app/(app)/[org]/api-clients/actions.ts');
const { revealRecipientAction } = await import('@/app/(app)/[org]/orders/[orderId]/actions.ts');
const { setEmailTransportForTests } = await import('@/lib/email/send-email.ts');
const { setupKmsSimulator } = await import('../helpers/kms.ts');
const { resetTenantKeys } = await import('@/lib/crypto/tenant-keys.ts');
const { withTenant } = await import('@/lib/db/tenant.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { createOrdersWithPii } = await import('../factories/orders.ts');
const { systemDb } = await import('@/lib/db/system.ts');
const { addMember, createOrganization, createUser } = await import('../factories.ts');

const signInAs = (u: { id: string; email: string }) => {
  session.user = { userId: u.id, email: u.email, name: 'x', sessionVersion: 1, mfaVerified: false };
};

let org: { id: string; slug: string };
let other: { id: string; slug: string };
let owner: { id: string; email: string };
let viewer: { id: string; email: string };
let viewerMembershipId: string;

beforeAll(async () => {
  setEmailTransportForTests({ send: async () => {} });
  org = await createOrganization();
  other = await createOrganization();
  owner = await createUser();
  viewer = await createUser();
  await addMember(org.id, owner.id, 'OWNER');
  viewerMembershipId = (await addMember(org.id, viewer.id, 'VIEWER')).id;
  await addMember(other.id, (await createUser()).id, 'OWNER');
});
beforeEach(() => {
  session.user = null;
});

describe('tenantAction', () => {
  it('runs the use case for a member holding the permission', async () => {
    signInAs(owner);
    const result = await actions.inviteMemberAction(org.slug, {
      email: 'new.person@example.test',
      role: 'MANAGER',
    });
    expect(result).toMatchObject({ ok: true });
    const event = await systemDb().auditEvent.findFirstOrThrow({
      where: { organizationId: org.id, action: 'member.invited' },
    });
    expect(event.ip).toBe('203.0.113.7');
    expect(event.actorId).toBe(owner.id);
  });

  it('is 401 without a session', async () => {
    expect(await actions.inviteMemberAction(org.slug, { email: 'a@example.test', role: 'VIEWER' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'sign in required' },
    });
  });

  it('is 403 without the permission, audited', async () => {
    signInAs(viewer);
    const result = await actions.changeMemberRoleAction(org.slug, {
      membershipId: viewerMembershipId,
      role: 'OWNER',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await systemDb().auditEvent.count({
        where: { organizationId: org.id, action: 'security.permission_denied', actorId: viewer.id },
      }),
    ).toBe(1);
  });

  it('is 404 for another tenant’s organization or resource', async () => {
    signInAs(owner);
    expect(
      await actions.inviteMemberAction(other.slug, { email: 'a@example.test', role: 'VIEWER' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const foreign = await systemDb().membership.findFirstOrThrow({ where: { organizationId: other.id } });
    expect(await actions.removeMemberAction(org.slug, { membershipId: foreign.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('answers bad input with a 400 naming the fields, never a 500', async () => {
    signInAs(owner);
    const bad = await actions.inviteMemberAction(org.slug, { email: 'not-an-email', role: 'KING' } as never);
    expect(bad).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'invalid input: email, role' } });
    const junk = await actions.removeMemberAction(org.slug, 'x' as never);
    expect(junk).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('keeps API clients within the creator’s permissions', async () => {
    signInAs(owner);
    const ok = await createApiClientAction(org.slug, { name: 'Sync', permissions: ['orders.read'] });
    expect(ok).toMatchObject({ ok: true, data: { clientSecret: expect.stringMatching(/^pls_/) } });
    await systemDb().membership.updateMany({
      where: { organizationId: org.id, userId: owner.id },
      data: { role: 'ADMIN' },
    });
    const tooMuch = await createApiClientAction(org.slug, {
      name: 'Big',
      permissions: ['organization.delete'],
    });
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await systemDb().membership.updateMany({
      where: { organizationId: org.id, userId: owner.id },
      data: { role: 'OWNER' },
    });
  });
});

describe('reveal recipient action', () => {
  let sim: Awaited<ReturnType<typeof setupKmsSimulator>>;
  let orderId: string;
  const people = {} as Record<'ADMIN' | 'MANAGER' | 'WAREHOUSE', { id: string; email: string }>;
  const piiReads = () =>
    withTenant(org.id, (tx) =>
      tx.auditEvent.count({ where: { organizationId: org.id, action: 'pii.read' } }),
    );

  beforeAll(async () => {
    sim = await setupKmsSimulator();
    for (const role of ['ADMIN', 'MANAGER', 'WAREHOUSE'] as const) {
      people[role] = await createUser();
      await addMember(org.id, people[role].id, role);
    }
    const writer = userContext({ organizationId: org.id, userId: people.ADMIN.id, role: 'ADMIN' });
    const [order] = await createOrdersWithPii(writer, [{ buyer: { name: 'CANARY Reveal' } }]);
    orderId = order!.id;
  });
  afterAll(async () => {
    resetTenantKeys();
    await sim.close();
  });

  it.each([
    ['WAREHOUSE', 'label'],
    ['WAREHOUSE', 'packing-slip'],
    ['ADMIN', 'label'],
    ['ADMIN', 'dsr-export'],
  ] as const)('refuses %s naming the %s purpose, decrypting and auditing nothing', async (role, purpose) => {
    signInAs(people[role]);
    const before = await piiReads();
    const result = await revealRecipientAction(org.slug, { orderId, purpose: purpose as 'customer-service' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(await piiReads()).toBe(before);
  });

  it('refuses customer service to a WAREHOUSE member (no pii.reveal)', async () => {
    signInAs(people.WAREHOUSE);
    const before = await piiReads();
    const result = await revealRecipientAction(org.slug, { orderId, purpose: 'customer-service' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await piiReads()).toBe(before);
  });

  it('reveals for customer service to a MANAGER, audited with that purpose', async () => {
    signInAs(people.MANAGER);
    const result = await revealRecipientAction(org.slug, { orderId, purpose: 'customer-service' });
    expect(result).toMatchObject({ ok: true, data: { name: 'CANARY Reveal' } });
    const last = await withTenant(org.id, (tx) =>
      tx.auditEvent.findFirstOrThrow({
        where: { organizationId: org.id, action: 'pii.read' },
        orderBy: { seq: 'desc' },
      }),
    );
    expect(last).toMatchObject({ purpose: 'customer-service', actorId: people.MANAGER.id });
  });
});
