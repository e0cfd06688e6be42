// Shared set-up of the Amazon benchmarks (bench/ingest.ts, bench/quota-efficiency.ts): a scratch
// database migrated for the run (dropped after), the in-process KMS simulator (the vault stores
// the buyer details), the in-process SP-API simulator with N seeded orders, and one organization
// connected to it by self-authorization, exactly as the integration tests do
// (lib/channels/amazon/amazon-channel.integration.test.ts). Everything goes through the real
// `amazon-sp-api` client and the real sync (lib/channels/amazon/sync-amazon-orders.ts).
import '../simulators/kms/quiet-sdk-warning.ts';

export const BENCH_START = Date.parse('2026-03-02T12:00:00Z');

export interface AmazonBenchFixture {
  sim: import('../simulators/amazon/server.ts').AmazonSimulator;
  organizationId: string;
  integrationId: string;
  sellingPartnerId: string;
  logger: import('../../lib/logger.ts').Logger;
  close: () => Promise<void>;
}

export async function setupAmazonBench(input: {
  name: string;
  orders: number;
  rateLimits: boolean;
  speed: number;
}): Promise<AmazonBenchFixture | null> {
  const { setupScratchDatabase } = await import('../helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase(input.name);
  } catch (error) {
    console.log(`skipped: no local PostgreSQL (${(error as Error).message})`);
    return null;
  }
  const kms = await (await import('../helpers/kms.ts')).setupKmsSimulator();
  const { startAmazonSimulator, DEV_APP, DEV_SELLER } = await import('../simulators/amazon/server.ts');
  const sim = await startAmazonSimulator({
    clock: { start: BENCH_START, speed: input.speed },
    // All orders placed in the week before the clock start, all settled (> 2 min old).
    orders: [
      {
        seed: `bench-${input.name}`,
        count: input.orders,
        marketplaceIds: DEV_SELLER.marketplaceIds,
        from: BENCH_START - 7 * 24 * 3600_000,
        to: BENCH_START - 3600_000,
      },
    ],
    rateLimits: input.rateLimits,
  });
  process.env.AMAZON_SP_API_SIMULATOR = `127.0.0.1:${sim.port}`;
  process.env.AMAZON_SP_API_CA_PATH = sim.caPath;
  process.env.AMAZON_SYNC_LOOKBACK_DAYS = '30';
  const { resetEnvForTests } = await import('../../lib/env.ts');
  resetEnvForTests();

  const { createOrganization, createUser, addMember } = await import('../factories.ts');
  const { userContext } = await import('../../lib/tenancy/tenant-context.ts');
  const { connectAmazonSelfAuthorized } =
    await import('../../lib/channels/amazon/connect-amazon-self-authorized.ts');
  const { amazonRedis, amazonKey, closeAmazonRedis } =
    await import('../../lib/channels/amazon/amazon-redis.ts');
  const { closeQueues } = await import('../../lib/jobs/queues.ts');
  const { disconnectAppDb } = await import('../../lib/db/client.ts');
  const { disconnectSystemDb } = await import('../../lib/db/system.ts');
  const { createLogger } = await import('../../lib/logger.ts');
  const { AMAZON_USAGE_PLANS } = await import('../../lib/channels/amazon/rate-limiter.ts');

  // Our token buckets live in Redis under the selling partner: start them full, like Amazon's.
  const buckets = Object.keys(AMAZON_USAGE_PLANS).map((op) =>
    amazonKey('bucket', DEV_SELLER.sellingPartnerId, op),
  );
  await amazonRedis().del(...buckets);

  const org = await createOrganization();
  const user = await createUser();
  await addMember(org.id, user.id, 'OWNER');
  const ctx = userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' });
  const { integrationId } = await connectAmazonSelfAuthorized(ctx, {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    region: 'na',
    refreshToken: sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
    ordersApiVersion: 'V0',
  });
  // Connecting checked the token (a call in the log, a token from a bucket): start clean.
  await amazonRedis().del(...buckets);
  sim.rateLimits.resetBuckets();
  sim.calls.clear();

  return {
    sim,
    organizationId: org.id,
    integrationId,
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    logger: createLogger({ level: 'silent' }),
    close: async () => {
      await amazonRedis()
        .del(...buckets)
        .catch(() => undefined);
      await closeQueues();
      await closeAmazonRedis();
      await sim.close();
      await kms.close();
      await disconnectAppDb();
      await disconnectSystemDb();
      await scratch.drop();
    },
  };
}
