// Key rotation through the REST API (issue 4, item 8): POST /api/v1/keys/rotate needs
// `keys.rotate`, validates its body, creates a new ACTIVE version, and the security screen's
// listing shows versions and status without any key material.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('@/lib/auth/session.ts', () => ({ getSessionUser: async () => null }));
vi.mock('@/lib/auth/operator-session.ts', () => ({ getOperatorSession: async () => null }));

const { issueAccessToken } = await import('../helpers/api-token.ts');
const { POST: rotateRoute } = await import('@/app/api/v1/keys/rotate/route.ts');
const { createApiClient } = await import('@/lib/api-clients/create-api-client.ts');
const { listDataKeys } = await import('@/lib/crypto/list-data-keys.ts');
const { storeCredential } = await import('@/lib/credentials/store-credential.ts');
const { userContext } = await import('@/lib/tenancy/tenant-context.ts');
const { addMember, createOrganization, createUser } = await import('../factories.ts');
const { disconnectLimitsRedis } = await import('../../lib/redis/limits-redis.ts');

let ctx: ReturnType<typeof userContext>;
let rotator: string;
let reader: string;

async function accessToken(
  permissions: Parameters<typeof createApiClient>[1]['permissions'],
): Promise<string> {
  const client = await createApiClient(ctx, { name: `client ${permissions.join(' ')}`, permissions });
  return issueAccessToken(client);
}

const rotate = (token: string, body: unknown) =>
  rotateRoute(
    new Request('http://localhost/api/v1/keys/rotate', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

beforeAll(async () => {
  const org = await createOrganization();
  const owner = await createUser();
  await addMember(org.id, owner.id, 'OWNER');
  ctx = userContext({ organizationId: org.id, userId: owner.id, role: 'OWNER' });
  rotator = await accessToken(['keys.rotate']);
  reader = await accessToken(['organization.read']);
});

afterAll(() => disconnectLimitsRedis());

describe('POST /api/v1/keys/rotate', () => {
  it('rotates the credentials key to a new version and lists it without key material', async () => {
    await storeCredential(ctx, {
      kind: 'courier-api-key',
      ownerId: 'test-carrier',
      secret: 'not-a-real-secret-0001',
    });
    const res = await rotate(rotator, { purpose: 'credentials' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ version: 2, previousVersion: 1 });
    const keys = await listDataKeys(ctx);
    expect(keys.map((k) => [k.purpose, k.version, k.status])).toEqual([
      ['credentials', 2, 'ACTIVE'],
      ['credentials', 1, 'DECRYPT_ONLY'],
    ]);
    expect(JSON.stringify(keys)).not.toMatch(/wrapped/i);
  });

  it('refuses a caller without keys.rotate (403) and a bad body (400)', async () => {
    expect((await rotate(reader, { purpose: 'credentials' })).status).toBe(403);
    const bad = await rotate(rotator, { purpose: 'everything' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    expect((await rotate(rotator, { purpose: 'buyer-pii', extra: 1 })).status).toBe(400);
  });
});
