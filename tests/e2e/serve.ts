// The end-to-end stack Playwright starts (playwright.config.ts webServer): PostgreSQL and Redis
// when the machine has none (scripts/lib/local-services.ts), a fresh database with the demo
// tenant seeded as `npm run dev` seeds it (its warehouse and a working day, from the demo shop's
// orders: docs/decisions/0023-demo-warehouse.md), then the production build (`next start`) and
// the worker, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { dropDatabase } from '../setup/test-databases.ts';
import { setupDatabase } from '../../scripts/lib/db-setup.ts';
import { ensureLocalServices } from '../../scripts/lib/local-services.ts';
import { E2E_DATABASE, E2E_DEMO_ACTIVITY, E2E_PORT, E2E_SIM_CONTROL_PORT, e2eEnv } from './e2e-env.ts';

const services = await ensureLocalServices();
const env = e2eEnv();
await dropDatabase(E2E_DATABASE);
await setupDatabase(
  {
    adminUrl: env.DATABASE_ADMIN_URL!,
    ownerUrl: env.DATABASE_OWNER_URL!,
    appUrl: env.DATABASE_URL!,
    systemUrl: env.DATABASE_SYSTEM_URL!,
  },
  { database: E2E_DATABASE },
);
Object.assign(process.env, env);
// Rate-limit counters (lib/auth/rate-limits.ts) of earlier runs would lock this run's accounts.
{
  const { Redis } = await import('ioredis');
  const redis = new Redis(env.REDIS_URL!, { maxRetriesPerRequest: 1 });
  const keys = await redis.keys(`${env.QUEUE_PREFIX}:rl:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}
const { resetEnvForTests } = await import('../../lib/env.ts');
resetEnvForTests();

// The courier simulator in this process: production mode refuses it unless explicitly allowed,
// which this throwaway stack does (as it does for the local key provider).
const { startCourierSimulator } = await import('../simulators/courier/server.ts');
const courier = await startCourierSimulator();
Object.assign(process.env, {
  COURIER_SIMULATOR_URL: courier.url,
  COURIER_SIMULATOR_ALLOW_IN_PRODUCTION: 'true',
});

// The SP-API simulator (simulated clock stopped, so its orders stay as generated): the app and the
// worker reach it through the transport agent with Amazon's hostnames and strict TLS, allowed in
// production mode only by the explicit flag. Two sellers: the demo shop, whose three weeks of
// orders the demo seed syncs and works on, and the dev seller, which no integration uses until a
// spec connects the demo to it through the integrations screen with the refresh token read below.
const { DEV_APP, DEV_SELLER, startAmazonSimulator } = await import('../simulators/amazon/server.ts');
const { sellerCatalogue, statusAt } = await import('../simulators/amazon/generator.ts');
const E2E_DEMO_SHOP = {
  sellingPartnerId: 'A3PACKLINEDEMOSHOP',
  region: 'na',
  marketplaceIds: [DEV_SELLER.marketplaceIds[0]!],
} as const;
const DEMO_CATALOGUE_SEED = 'packline-e2e-demo';
const simNow = Date.now();
const amazon = await startAmazonSimulator({
  clock: { start: simNow, speed: 0 },
  sellers: [DEV_SELLER, { ...E2E_DEMO_SHOP, marketplaceIds: [...E2E_DEMO_SHOP.marketplaceIds] }],
  orders: [
    {
      seed: 'packline-e2e',
      count: 12,
      maxLines: 2,
      marketplaceIds: [DEV_SELLER.marketplaceIds[0]!],
      from: simNow - 6 * 3_600_000,
      to: simNow - 60_000,
    },
    {
      seed: DEMO_CATALOGUE_SEED,
      catalogueSeed: DEMO_CATALOGUE_SEED,
      sellingPartnerId: E2E_DEMO_SHOP.sellingPartnerId,
      count: 60,
      from: simNow - 21 * 86_400_000,
      to: simNow - 60_000,
    },
  ],
});
Object.assign(process.env, {
  AMAZON_APPLICATION_ID: DEV_APP.applicationId,
  AMAZON_LWA_CLIENT_ID: DEV_APP.clientId,
  AMAZON_LWA_CLIENT_SECRET: DEV_APP.clientSecret,
  AMAZON_LWA_CLIENT_SECRET_ROTATED_AT: new Date(simNow).toISOString(),
  AMAZON_SP_API_SIMULATOR: `127.0.0.1:${amazon.port}`,
  AMAZON_SP_API_CA_PATH: amazon.caPath,
  AMAZON_SP_API_SIMULATOR_ALLOW_IN_PRODUCTION: 'true',
});
resetEnvForTests();

// The demo, seeded as `npm run dev` seeds it: organization and users, Amazon (the demo shop),
// then the warehouse and a working day. A smaller day than dev's, so the specs that drive their
// own orders keep theirs.
{
  const { seedDemo } = await import('../../lib/demo/seed-demo.ts');
  const { connectDemoAmazon } = await import('../../lib/demo/connect-demo-amazon.ts');
  const { seedDemoOperations } = await import('../../lib/demo/seed-demo-operations.ts');
  const { systemDb, disconnectSystemDb } = await import('../../lib/db/system.ts');
  const { closeQueues } = await import('../../lib/jobs/queues.ts');
  const { closeAmazonRedis } = await import('../../lib/channels/amazon/amazon-redis.ts');
  const { getLogger } = await import('../../lib/logger.ts');
  const { slug } = await seedDemo();
  const { id: organizationId } = await systemDb().organization.findUniqueOrThrow({ where: { slug } });
  const { integrationId } = await connectDemoAmazon({
    organizationId,
    sellingPartnerId: E2E_DEMO_SHOP.sellingPartnerId,
    refreshToken: amazon.registry.authorize(DEV_APP.clientId, E2E_DEMO_SHOP.sellingPartnerId),
    marketplaceIds: [...E2E_DEMO_SHOP.marketplaceIds],
  });
  await seedDemoOperations({
    organizationId,
    catalogue: sellerCatalogue(DEMO_CATALOGUE_SEED),
    integrationId,
    plan: E2E_DEMO_ACTIVITY,
    sync: { logger: getLogger() },
  });
  await Promise.all([closeQueues(), closeAmazonRedis(), disconnectSystemDb()]);
}
// Test-only, loopback, read-only: what a spec needs to drive and check the Amazon flow — the dev
// seller's refresh token, the orders (ids, status, items; no buyer data) and the packages Amazon
// accepted through confirmShipment.
const control = createServer((req, res) => {
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const now = amazon.clock.now();
  const view = (o: NonNullable<ReturnType<typeof amazon.orders.get>>) => ({
    amazonOrderId: o.amazonOrderId,
    fulfillmentChannel: o.fulfillmentChannel,
    status: statusAt(o, now) ?? null,
    items: o.items.map((i) => ({
      orderItemId: i.orderItemId,
      sku: i.sellerSku,
      quantity: i.quantityOrdered,
    })),
    shipments: o.shipments.filter((s) => s.at <= now),
  });
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/amazon/seller') {
    return send(200, {
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      refreshToken: amazon.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
    });
  }
  if (path === '/amazon/orders') return send(200, amazon.orders.list(DEV_SELLER.sellingPartnerId).map(view));
  const one = /^\/amazon\/orders\/([\w-]+)$/.exec(path);
  const order = one ? amazon.orders.get(one[1]!) : undefined;
  if (order) return send(200, view(order));
  send(404, { error: 'not found' });
});
await new Promise<void>((resolve) => control.listen(E2E_SIM_CONTROL_PORT, '127.0.0.1', resolve));

const children: ChildProcess[] = [];
const start = (command: string, args: string[], extra: Record<string, string> = {}) => {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...extra } });
  child.on('exit', (code) => {
    if (!stopping) process.exit(code ?? 1);
  });
  children.push(child);
};
let stopping = false;
const stop = () => {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => void services.stop().finally(() => process.exit(0)), 2000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

start('npx', ['--no-install', 'next', 'start', '--hostname', '127.0.0.1', '--port', String(E2E_PORT)], {
  NODE_ENV: 'production',
});
start('npx', ['--no-install', 'tsx', 'jobs/worker.ts'], { NODE_ENV: 'production' });
