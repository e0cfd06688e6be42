// Shared set-up of the Amazon benchmarks (bench/ingest.ts, bench/quota-efficiency.ts): a scratch
// database migrated for the run (dropped after), the in-process KMS simulator (the vault stores
// the buyer details), the SP-API simulator with N seeded orders (in this process, or in a worker
// thread — tests/helpers/amazon-simulator-thread.ts), and one organization connected to it by
// self-authorization, exactly as the integration tests do
// (lib/channels/amazon/amazon-channel.integration.test.ts). Everything goes through the real
// `amazon-sp-api` client and the real sync (lib/channels/amazon/sync-amazon-orders.ts).
//
// The database is not empty: NEIGHBOUR_TENANTS other tenants with NEIGHBOUR_ORDERS orders between
// them (lines and status events) are loaded and the statistics gathered first, as in a
// multi-tenant database in service. On an empty, never-analysed database the planner's guesses
// are not those of production.
import '../simulators/kms/quiet-sdk-warning.ts';
import type { AmazonSimulator, StartAmazonSimulatorOptions } from '../simulators/amazon/server.ts';
import type { AmazonSimulatorThread, ThreadSimulatorOptions } from './amazon-simulator-thread.ts';

export const BENCH_START = Date.parse('2026-03-02T12:00:00Z');
/** The seller of the warm-up orders: the measured sync's seller has none of them. */
const WARMUP_SELLER = { sellingPartnerId: 'A3PACKLINEWARMUP', region: 'na' as const };
const NEIGHBOUR_TENANTS = 250;
const NEIGHBOUR_ORDERS = 50_000;

/** What the fixture needs of a running simulator, wherever it runs. */
export type BenchSimulator = Pick<AmazonSimulatorThread, 'port' | 'caPath' | 'authorize' | 'reset' | 'close'>;

/** An organization connected to a simulated seller. */
export interface BenchConnection {
  organizationId: string;
  integrationId: string;
}

export interface AmazonBenchFixture<S extends BenchSimulator> extends BenchConnection {
  sim: S;
  sellingPartnerId: string;
  /** A second organization, connected to WARMUP_SELLER (its own orders), when asked for. */
  warmup: BenchConnection | null;
  logger: import('../../lib/logger.ts').Logger;
  close: () => Promise<void>;
}

/** The simulator in this process; `local` gives its clock and call log (bench/quota-efficiency.ts). */
export async function inProcessSimulator(
  options: StartAmazonSimulatorOptions,
): Promise<BenchSimulator & { local: AmazonSimulator }> {
  const { startAmazonSimulator } = await import('../simulators/amazon/server.ts');
  const local = await startAmazonSimulator(options);
  return {
    local,
    port: local.port,
    caPath: local.caPath,
    authorize: async (clientId, sellingPartnerId) => local.registry.authorize(clientId, sellingPartnerId),
    reset: async () => {
      local.rateLimits.resetBuckets();
      local.calls.clear();
    },
    close: () => local.close(),
  };
}

/** The simulator in a worker thread (its CPU is not the benchmarked code's). */
export async function threadSimulator(options: ThreadSimulatorOptions): Promise<AmazonSimulatorThread> {
  const { startAmazonSimulatorThread } = await import('./amazon-simulator-thread.ts');
  return startAmazonSimulatorThread(options);
}

/** Other tenants' orders, lines and status events, then ANALYZE (see the header). */
async function loadNeighbourTenants(): Promise<void> {
  const pg = (await import('pg')).default;
  const { getEnv } = await import('../../lib/env.ts');
  const system = new pg.Client({ connectionString: getEnv().DATABASE_SYSTEM_URL });
  const owner = new pg.Client({ connectionString: getEnv().DATABASE_OWNER_URL });
  await Promise.all([system.connect(), owner.connect()]);
  try {
    await system.query(
      `INSERT INTO organizations (id, slug, name, updated_at)
       SELECT gen_random_uuid(), 'bench-neighbour-' || t, 'Neighbour ' || t, now()
         FROM generate_series(1, $1::int) AS t`,
      [NEIGHBOUR_TENANTS],
    );
    await system.query(
      `INSERT INTO orders (id, organization_id, channel, status, channel_status, fulfilment_channel, purchased_at,
                           channel_updated_at, pii_status, amazon_order_id, lines_synced_at, updated_at)
       SELECT gen_random_uuid(), g.id, 'MANUAL', 'SHIPPED', 'Shipped', 'MERCHANT', now() - i * interval '1 minute',
              now() - i * interval '1 minute', 'NOT_NEEDED', 'N' || i, now(), now()
         FROM organizations g CROSS JOIN generate_series(1, $1::int) AS i
        WHERE g.slug LIKE 'bench-neighbour-%'`,
      [NEIGHBOUR_ORDERS / NEIGHBOUR_TENANTS],
    );
    await system.query(
      `INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, quantity_ordered, updated_at)
       SELECT gen_random_uuid(), o.organization_id, o.id, 'L' || k, 'SKU-' || k, 1, now()
         FROM orders o CROSS JOIN generate_series(1, 2) AS k`,
    );
    await system.query(
      `INSERT INTO order_status_events (id, organization_id, order_id, status, channel_status, occurred_at)
       SELECT gen_random_uuid(), organization_id, id, status, channel_status, purchased_at FROM orders`,
    );
    await owner.query('ANALYZE');
  } finally {
    await Promise.allSettled([system.end(), owner.end()]);
  }
}

export async function setupAmazonBench<S extends BenchSimulator>(
  input: {
    name: string;
    orders: number;
    rateLimits: boolean;
    speed: number;
    /** Orders of a warm-up seller for a warm-up sync before the measured one (0: none). */
    warmupOrders?: number;
    ordersApiVersion?: 'V0' | 'V2026_01_01';
  },
  start: (options: ThreadSimulatorOptions) => Promise<S>,
): Promise<AmazonBenchFixture<S> | null> {
  const { setupScratchDatabase } = await import('../helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase(input.name);
  } catch (error) {
    console.log(`skipped: no local PostgreSQL (${(error as Error).message})`);
    return null;
  }
  const kms = await (await import('../helpers/kms.ts')).setupKmsSimulator();
  const { DEV_APP, DEV_SELLER } = await import('../simulators/amazon/server.ts');
  const warmupOrders = input.warmupOrders ?? 0;
  const warmupSeller = { ...WARMUP_SELLER, marketplaceIds: DEV_SELLER.marketplaceIds };
  // All orders placed in the week before the clock start, all settled (> 2 min old).
  const window = { from: BENCH_START - 7 * 24 * 3600_000, to: BENCH_START - 3600_000 };
  const sim = await start({
    clock: { start: BENCH_START, speed: input.speed },
    sellers: warmupOrders > 0 ? [DEV_SELLER, warmupSeller] : [DEV_SELLER],
    orders: [
      {
        seed: `bench-${input.name}`,
        count: input.orders,
        marketplaceIds: DEV_SELLER.marketplaceIds,
        ...window,
      },
      ...(warmupOrders > 0
        ? [
            {
              seed: `warmup-${input.name}`,
              count: warmupOrders,
              sellingPartnerId: WARMUP_SELLER.sellingPartnerId,
              ...window,
            },
          ]
        : []),
    ],
    rateLimits: input.rateLimits,
  });
  const { setTestEnv } = await import('./test-env.ts');
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${sim.port}`,
    AMAZON_SP_API_CA_PATH: sim.caPath,
    AMAZON_SYNC_LOOKBACK_DAYS: '30',
  });

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
  const buckets = [DEV_SELLER, WARMUP_SELLER].flatMap((seller) =>
    Object.keys(AMAZON_USAGE_PLANS).map((op) => amazonKey('bucket', seller.sellingPartnerId, op)),
  );
  await amazonRedis().del(...buckets);

  await loadNeighbourTenants();
  const connect = async (sellingPartnerId: string): Promise<BenchConnection> => {
    const org = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'OWNER');
    const ctx = userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' });
    const { integrationId } = await connectAmazonSelfAuthorized(ctx, {
      sellingPartnerId,
      region: 'na',
      refreshToken: await sim.authorize(DEV_APP.clientId, sellingPartnerId),
      ordersApiVersion: input.ordersApiVersion ?? 'V0',
    });
    return { organizationId: org.id, integrationId };
  };
  const warmup = warmupOrders > 0 ? await connect(WARMUP_SELLER.sellingPartnerId) : null;
  const measured = await connect(DEV_SELLER.sellingPartnerId);
  // Connecting checked the token (a call in the log, a token from a bucket): start clean.
  await amazonRedis().del(...buckets);
  await sim.reset();

  return {
    sim,
    ...measured,
    warmup,
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
