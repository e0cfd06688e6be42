// Per-actor PII read limit (Redis, rate-limiter-flexible) and canary records: reads above
// PII_READ_LIMIT are refused with 429 and raise `pii.read_volume` once per window; any read of a
// canary raises `pii.canary_read` (high) and is still audited. Security events hold ids only.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appDb } from '../db/client.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { resetTenantKeys } from '../crypto/tenant-keys.ts';
import { readBuyerPii, readBuyerPiiBatch, readBuyerPiiForDsr } from '../pii/read-buyer-pii.ts';
import { storeBuyerPiiBatch } from '../pii/store-buyer-pii.ts';
import { systemContext } from '../tenancy/tenant-context.ts';
import { createOrganization } from '../../tests/factories.ts';
import { memberContext } from '../../tests/helpers/contexts.ts';
import { setupKmsSimulator } from '../../tests/helpers/kms.ts';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import type { KmsSimulator } from '../../tests/simulators/kms/server.ts';
import { countPiiCanaries, plantPiiCanary } from './pii-canaries.ts';
import { PII_CANARY_READ_ACTION, PII_READ_VOLUME_ACTION } from './pii-read-monitor.ts';
import { disconnectLimitsRedis } from '../redis/limits-redis.ts';

const LIMIT = 30;
let sim: KmsSimulator;
beforeAll(async () => {
  setTestEnv({ PII_READ_LIMIT: String(LIMIT) });
  sim = await setupKmsSimulator();
});
afterAll(async () => {
  setTestEnv({ PII_READ_LIMIT: undefined });
  resetTenantKeys();
  await disconnectLimitsRedis();
  await sim.close();
});
beforeEach(() => sim.reset());

async function setup(records = 12) {
  const org = await createOrganization();
  const admin = await memberContext(org.id, 'ADMIN');
  const manager = await memberContext(org.id, 'MANAGER');
  const warehouse = await memberContext(org.id, 'WAREHOUSE');
  const stored = await storeBuyerPiiBatch(
    manager,
    Array.from({ length: records }, (_, n) => ({
      ownerType: 'order-recipient' as const,
      ownerId: `order-${n}`,
      name: `Real Buyer ${n}`,
      addressLine1: `${n} High Street`,
      city: 'York',
      postcode: 'YO1 7HH',
      email: `real.${n}@example.com`,
      countryCode: 'GB',
    })),
  );
  const events = (action: string) =>
    appDb().securityEvent.findMany({
      where: { action, metadata: { path: ['organizationId'], equals: org.id } },
    });
  const reads = () =>
    withTenant(org.id, (tx) =>
      tx.auditEvent.count({ where: { organizationId: org.id, action: 'pii.read' } }),
    );
  return { org, admin, manager, warehouse, ids: stored.map((s) => s.recordId), events, reads };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('per-actor PII read limit', () => {
  it('refuses reads past the limit with 429, raises pii.read_volume once per window, and limits each actor separately', async () => {
    const { warehouse, manager, ids, events, reads } = await setup();
    // 3 × 10 records = the limit, all allowed.
    for (let i = 0; i < 3; i += 1) await readBuyerPiiBatch(warehouse, ids.slice(0, 10), 'packing-slip');
    const refused = await failure(readBuyerPii(warehouse, ids[0]!, 'label'));
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect((refused as AppError).details?.retryAfter).toBeGreaterThan(0);
    expect(await failure(readBuyerPiiBatch(warehouse, ids.slice(0, 2), 'label'))).toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(await reads()).toBe(3);

    const [event, ...more] = await events(PII_READ_VOLUME_ACTION);
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ userId: warehouse.actor.id });
    expect(event!.metadata).toMatchObject({ severity: 'high', limit: LIMIT, actorId: warehouse.actor.id });
    expect(JSON.stringify(event)).not.toMatch(/Real Buyer|High Street|example\.com|YO1/);

    // Another member still reads.
    expect((await readBuyerPii(manager, ids[0]!, 'customer-service')).name).toBe('Real Buyer 0');
  });

  it('does not limit the system actor (jobs started by an audited user action)', async () => {
    const { org, ids } = await setup(LIMIT + 5);
    const system = systemContext(org.id, ['pii.print']);
    await readBuyerPiiBatch(system, ids.slice(0, 20), 'label');
    await readBuyerPiiBatch(system, ids.slice(20), 'label');
  });
});

describe('canary records', () => {
  it('an admin plants a canary; any read of it raises pii.canary_read (high) at once and is still audited', async () => {
    const { admin, warehouse, ids, events, reads } = await setup(3);
    const { recordId } = await plantPiiCanary(admin, { watchedEmail: 'canary-watch@example.org' });
    expect(await countPiiCanaries(admin)).toBe(1);

    await readBuyerPiiBatch(warehouse, ids, 'packing-slip');
    expect(await events(PII_CANARY_READ_ACTION)).toHaveLength(0);

    const out = await readBuyerPiiBatch(warehouse, [ids[0]!, recordId], 'packing-slip');
    expect(out).toHaveLength(2);
    const [event] = await events(PII_CANARY_READ_ACTION);
    expect(event).toMatchObject({ userId: warehouse.actor.id });
    expect(event!.metadata).toMatchObject({
      severity: 'high',
      purpose: 'packing-slip',
      recordIds: [recordId],
    });
    expect(JSON.stringify(event)).not.toMatch(/canary-watch|Real Buyer|example\.com|Northampton/);
    expect(await reads()).toBe(2);

    await readBuyerPiiForDsr(admin, [recordId]);
    expect(await events(PII_CANARY_READ_ACTION)).toHaveLength(2);
  });

  it('planting needs privacy.manage', async () => {
    const { manager } = await setup(1);
    expect(await failure(plantPiiCanary(manager))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
