// The screens' server actions for this change, below the framework (next/headers and the session
// stubbed): rectification from the data-subject requests screen, termination request/cancel,
// and order delete/restore — each through tenantAction's principal → organization → permission
// → zod input, failures in the one envelope, another organization refused.
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

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
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => session.user }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { rectifyDsrAction } = await import('@/app/(app)/[org]/privacy/requests/actions.ts');
const { cancelTerminationAction, requestTerminationAction } =
  await import('@/app/(app)/[org]/privacy/termination/actions.ts');
const { deleteOrderAction, restoreOrderAction } =
  await import('@/app/(app)/[org]/orders/[orderId]/deletion-actions.ts');
const { openDsr } = await import('@/lib/privacy/dsr.ts');
const { readBuyerPii } = await import('@/lib/pii/read-buyer-pii.ts');
const { systemDb } = await import('@/lib/db/system.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { addMember, createOrganization, createUserWithPassword } = await import('../factories.ts');
const { createOrdersWithPii } = await import('../factories/orders.ts');

type User = Awaited<ReturnType<typeof createUserWithPassword>>;
const signInAs = (u: User) => {
  session.user = { userId: u.id, email: u.email, name: u.name, sessionVersion: 1, mfaVerified: false };
};

let org: { id: string; slug: string; name: string };
let other: { id: string; slug: string };
let owner: User;
let admin: User;
let viewer: User;
let outsider: User;
let order: { id: string; piiRecordId: string };

beforeAll(async () => {
  org = await createOrganization();
  other = await createOrganization();
  [owner, admin, viewer, outsider] = await Promise.all([
    createUserWithPassword(),
    createUserWithPassword(),
    createUserWithPassword(),
    createUserWithPassword(),
  ]);
  await addMember(org.id, owner.id, 'OWNER');
  await addMember(org.id, admin.id, 'ADMIN');
  await addMember(org.id, viewer.id, 'VIEWER');
  await addMember(other.id, outsider.id, 'OWNER');
  const ctx = userContext({ organizationId: org.id, userId: admin.id, role: 'ADMIN' });
  const [created] = await createOrdersWithPii(ctx, [
    { buyer: { name: 'Rita Rectify', postcode: 'AB1 2CD' } },
  ]);
  order = created!;
});
beforeEach(() => {
  session.user = null;
});

describe('rectification from the requests screen', () => {
  it('changes only the filled fields; refuses an empty correction, a viewer and another organization', async () => {
    const adminCtx = userContext({ organizationId: org.id, userId: admin.id, role: 'ADMIN' });
    const { requestId } = await openDsr(
      adminCtx,
      { kind: 'RECTIFICATION', lookup: { orderId: order.id } },
      new Date(),
    );
    const input = { requestId, recordId: order.piiRecordId, changes: { postcode: 'ZX9 8YW' } };

    signInAs(viewer);
    expect(await rectifyDsrAction(org.slug, input)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    signInAs(outsider);
    expect(await rectifyDsrAction(other.slug, input)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    signInAs(admin);
    expect(await rectifyDsrAction(org.slug, { ...input, changes: {} })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await rectifyDsrAction(org.slug, input)).toEqual({ ok: true, data: undefined });
    expect(await readBuyerPii(adminCtx, order.piiRecordId, 'customer-service')).toMatchObject({
      name: 'Rita Rectify',
      postcode: 'ZX9 8YW',
    });
  });
});

describe('termination from the privacy screen', () => {
  it('only an owner with the right name and password schedules it, and cancels it', async () => {
    const input = { confirmName: org.name, proof: { password: owner.password } };
    signInAs(admin);
    expect(
      await requestTerminationAction(org.slug, { ...input, proof: { password: admin.password } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    signInAs(owner);
    expect(
      await requestTerminationAction(org.slug, { confirmName: org.name, proof: {} as { password: string } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    const done = await requestTerminationAction(org.slug, input);
    expect(done.ok).toBe(true);
    signInAs(outsider);
    expect(await cancelTerminationAction(other.slug, {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    signInAs(owner);
    expect(await cancelTerminationAction(org.slug, {})).toEqual({ ok: true, data: undefined });
    expect(
      await systemDb().terminationRequest.findFirst({ where: { organizationId: org.id } }),
    ).toMatchObject({
      status: 'CANCELLED',
      cancelledById: owner.id,
    });
  });
});

describe('order delete and restore from the order page', () => {
  it('deletes and restores for a member who may update orders, not for a viewer or another organization', async () => {
    signInAs(viewer);
    expect(await deleteOrderAction(org.slug, { orderId: order.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    signInAs(outsider);
    expect(await deleteOrderAction(other.slug, { orderId: order.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    signInAs(admin);
    expect(await deleteOrderAction(org.slug, { orderId: order.id })).toEqual({ ok: true, data: undefined });
    expect((await systemDb().order.findUniqueOrThrow({ where: { id: order.id } })).deletedAt).not.toBeNull();
    expect(await restoreOrderAction(org.slug, { orderId: order.id })).toEqual({ ok: true, data: undefined });
    expect((await systemDb().order.findUniqueOrThrow({ where: { id: order.id } })).deletedAt).toBeNull();
  });
});
