// The order page's "Reveal" server action decrypts the recipient for customer service only: a
// WAREHOUSE member (pii.print, no pii.reveal) cannot get addresses on screen by naming a printing
// purpose, and nobody can name `dsr-export` (the data-subject request export's own purpose, which
// also passes a restriction). The real action, with next/headers and the session stubbed as in
// tenant-action.integration.test.ts; refusals decrypt and audit nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

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
  headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.9' }),
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => session.user }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { revealRecipientAction } = await import('@/app/(app)/[org]/orders/[orderId]/actions.ts');
const { setupKmsSimulator } = await import('../helpers/kms.ts');
const { resetTenantKeys } = await import('@/lib/crypto/tenant-keys.ts');
const { withTenant } = await import('@/lib/db/tenant.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { addMember, createOrganization, createUser } = await import('../factories.ts');
const { createOrdersWithPii } = await import('../factories/orders.ts');

type Sim = Awaited<ReturnType<typeof setupKmsSimulator>>;
let sim: Sim;
let org: { id: string; slug: string };
let orderId: string;
const people: Record<'ADMIN' | 'MANAGER' | 'WAREHOUSE', { id: string; email: string }> = {} as never;

const signInAs = (u: { id: string; email: string }) => {
  session.user = { userId: u.id, email: u.email, name: 'x', sessionVersion: 1, mfaVerified: true };
};
const piiReads = () =>
  withTenant(org.id, (tx) => tx.auditEvent.count({ where: { organizationId: org.id, action: 'pii.read' } }));

beforeAll(async () => {
  sim = await setupKmsSimulator();
  org = await createOrganization();
  for (const role of ['ADMIN', 'MANAGER', 'WAREHOUSE'] as const) {
    people[role] = await createUser();
    await addMember(org.id, people[role].id, role);
  }
  const writer = userContext({ organizationId: org.id, userId: people.ADMIN.id, role: 'ADMIN' });
  const [order] = await createOrdersWithPii(writer, [
    { buyer: { name: 'CANARY Reveal' } },
  ]);
  orderId = order!.id;
});
afterAll(async () => {
  resetTenantKeys();
  await sim.close();
});
beforeEach(() => {
  session.user = null;
});

describe('reveal recipient action', () => {
  it.each([
    ['WAREHOUSE', 'label'],
    ['WAREHOUSE', 'packing-slip'],
    ['ADMIN', 'label'],
    ['ADMIN', 'dsr-export'],
  ] as const)('refuses %s naming the %s purpose, decrypting and auditing nothing', async (role, purpose) => {
    signInAs(people[role]);
    const before = await piiReads();
    const result = await revealRecipientAction(org.slug, {
      orderId,
      purpose: purpose as 'customer-service',
    });
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
