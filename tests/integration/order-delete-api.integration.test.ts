// DELETE /api/v1/orders/{id} and POST /api/v1/orders/{id}/restore (bearer, orders.update): the
// order disappears and comes back, errors use the API's envelope with the right status, a token
// without orders.update is refused, and another organization's token cannot touch the order.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => null }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { DELETE: deleteRoute } = await import('@/app/api/v1/orders/[id]/route.ts');
const { POST: restoreRoute } = await import('@/app/api/v1/orders/[id]/restore/route.ts');
const { disconnectLimitsRedis } = await import('../../lib/redis/limits-redis.ts');
const { systemDb } = await import('@/lib/db/system.ts');
const { resetTenantKeys } = await import('@/lib/crypto/tenant-keys.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { addMember, createOrganization, createUser } = await import('../factories.ts');
const { createOrdersWithPii } = await import('../factories/orders.ts');
const { issueAccessToken } = await import('../helpers/api-token.ts');
const { createApiClient } = await import('@/lib/api-clients/create-api-client.ts');

type Permissions = Parameters<typeof createApiClient>[1]['permissions'];

async function ownerOfNewOrganization() {
  const org = await createOrganization();
  const owner = await createUser();
  await addMember(org.id, owner.id, 'OWNER');
  return userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
}

async function accessToken(
  ctx: Awaited<ReturnType<typeof ownerOfNewOrganization>>,
  permissions: Permissions,
) {
  const client = await createApiClient(ctx, { name: `client ${permissions.join(' ')}`, permissions });
  return issueAccessToken(client, '10.9.0.3');
}

const call = (route: typeof deleteRoute, method: string, token: string, id: string, suffix = '') =>
  route(
    new Request(`http://localhost/api/v1/orders/${id}${suffix}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    }),
    { params: Promise.resolve({ id }) },
  );
const del = (token: string, id: string) => call(deleteRoute, 'DELETE', token, id);
const restore = (token: string, id: string) => call(restoreRoute, 'POST', token, id, '/restore');
const deletedAt = async (id: string) =>
  (await systemDb().order.findUniqueOrThrow({ where: { id } })).deletedAt;

let writer: string;
let reader: string;
let outsider: string;
let orderId: string;

beforeAll(async () => {
  const ctx = await ownerOfNewOrganization();
  const [order] = await createOrdersWithPii(ctx, [{ status: 'SHIPPED' }]);
  orderId = order!.id;
  writer = await accessToken(ctx, ['orders.read', 'orders.update']);
  reader = await accessToken(ctx, ['orders.read']);
  outsider = await accessToken(await ownerOfNewOrganization(), ['orders.read', 'orders.update']);
});

afterAll(async () => {
  await disconnectLimitsRedis();
  resetTenantKeys();
});

describe('order delete and restore API', () => {
  it('deletes, refuses a second delete (404), restores, refuses a second restore (404)', async () => {
    const res = await del(writer, orderId);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { id: string; deletedAt: string; hardDeleteAfter: string };
    expect(body.id).toBe(orderId);
    expect(new Date(body.hardDeleteAfter).getTime() - new Date(body.deletedAt).getTime()).toBe(
      90 * 86_400_000,
    );
    expect(await deletedAt(orderId)).toEqual(new Date(body.deletedAt));

    const again = await del(writer, orderId);
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'order not found' } });

    expect((await restore(writer, orderId)).status).toBe(200);
    expect(await deletedAt(orderId)).toBeNull();
    const twice = await restore(writer, orderId);
    expect(twice.status).toBe(404);
    expect(((await twice.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
  });

  it('answers 400 for a malformed id and 403 without orders.update', async () => {
    const bad = await del(writer, 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('BAD_REQUEST');
    const forbidden = await del(reader, orderId);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    expect(await deletedAt(orderId)).toBeNull();
  });

  it('another organization’s token cannot delete or restore the order', async () => {
    expect((await del(outsider, orderId)).status).toBe(404);
    expect(await deletedAt(orderId)).toBeNull();
    expect((await del(writer, orderId)).status).toBe(200);
    expect((await restore(outsider, orderId)).status).toBe(404);
    expect(await deletedAt(orderId)).not.toBeNull();
  });
});
