// The call fence's admission (call-fence.ts) against the real Redis and database: one script takes
// the token and registers the session in flight; the session leaves when its last call ends;
// a closed fence refuses before any token is taken; disconnect's wait follows the calls.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { createOrganization } from '../../../tests/factories.ts';
import { amazonKey, amazonRedis, closeAmazonRedis } from './amazon-redis.ts';
import { CallFence, FenceClosedError, closeFence, waitForCallsInFlight } from './call-fence.ts';
import { createRateLimiter } from './rate-limiter.ts';

const limiter = createRateLimiter({ 'orders.getOrderItems': { rate: 0.001, burst: 2 } });
let organizationId: string;
let integrationId: string;
let seller: string;

const inflight = () => amazonRedis().zrange(amazonKey('fence-inflight', integrationId), '0', '-1');
const tokensLeft = async () =>
  Number(await amazonRedis().hget(limiter.bucket(seller, 'orders.getOrderItems').key, 'tokens'));

beforeEach(async () => {
  organizationId = (await createOrganization()).id;
  seller = `A${randomUUID().slice(0, 12).toUpperCase()}`;
  integrationId = await withTenant(organizationId, async (tx) => {
    const row = await tx.amazonIntegration.create({
      data: {
        organizationId,
        sellingPartnerId: seller,
        region: 'na',
        marketplaceIds: ['ATVPDKIKX0DER'],
        connectMethod: 'SELF_AUTHORIZATION',
      },
      select: { id: true },
    });
    return row.id;
  });
});
afterAll(closeAmazonRedis);

describe('CallFence', () => {
  it('registers a session while any of its calls is in flight, in the script that takes the token', async () => {
    const fence = new CallFence({ organizationId, integrationId }, 60_000);
    const bucket = limiter.bucket(seller, 'orders.getOrderItems');
    // The first admission re-validates against the database and opens the fence.
    expect(await fence.admit(bucket)).toBe(0);
    expect(await fence.admit(bucket)).toBe(0);
    expect(await inflight()).toHaveLength(1);
    expect(await tokensLeft()).toBeLessThan(1);

    // No token left: the wait comes back, nothing is registered for it.
    const other = new CallFence({ organizationId, integrationId }, 60_000);
    expect(await other.admit(bucket)).toBeGreaterThan(0);
    expect(await inflight()).toHaveLength(1);

    fence.release();
    expect(await inflight()).toHaveLength(1); // one call of the session is still in flight
    let waited = false;
    const waiting = waitForCallsInFlight(integrationId, 5).then(() => (waited = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(waited).toBe(false);
    fence.release();
    await waiting;
    expect(await inflight()).toEqual([]);
  });

  it('refuses every call once disconnected, before taking a token', async () => {
    const fence = new CallFence({ organizationId, integrationId }, 60_000);
    const bucket = limiter.bucket(seller, 'orders.getOrderItems');
    expect(await fence.admit(bucket)).toBe(0);
    fence.release();
    const before = await tokensLeft();

    await withTenant(organizationId, async (tx) => {
      await closeFence(integrationId);
      await tx.amazonIntegration.update({ where: { id: integrationId }, data: { status: 'DISCONNECTED' } });
    });
    await expect(fence.admit(bucket)).rejects.toBeInstanceOf(FenceClosedError);
    expect(await tokensLeft()).toBeCloseTo(before, 1);
    expect(await inflight()).toEqual([]);
    // Nothing is left counted in flight by the refused call: a later session's wait is not held up.
    await waitForCallsInFlight(integrationId, 5);
  });
});
