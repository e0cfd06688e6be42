// npm run dev — PostgreSQL and Redis (the machine's, or started here when it has none:
// scripts/lib/local-services.ts), database roles, migrations and the demo tenant (first run only), the SP-API simulator in-process (port AMAZON_SIMULATOR_PORT or
// 4600, real-time clock, three weeks of past orders and more arriving over the next day) with the
// demo organization connected to it, the demo warehouse and a working day in it (first run only:
// docs/decisions/0023-demo-warehouse.md), then the web app and the worker together. Ctrl-C stops
// all of them.
import { spawn, type ChildProcess } from 'node:child_process';
import { getEnv, resetEnvForTests } from '../lib/env.ts';
import { disconnectSystemDb, systemDb } from '../lib/db/system.ts';
import { closeAmazonRedis } from '../lib/channels/amazon/amazon-redis.ts';
import { AMAZON_USAGE_PLANS, createRateLimiter } from '../lib/channels/amazon/rate-limiter.ts';
import { connectDemoAmazon } from '../lib/demo/connect-demo-amazon.ts';
import { DEV_ACTIVITY } from '../lib/demo/seed-demo-activity.ts';
import { seedDemoOperations } from '../lib/demo/seed-demo-operations.ts';
import { getLogger } from '../lib/logger.ts';
import { sellerCatalogue } from '../tests/simulators/amazon/generator.ts';
import { closeQueues } from '../lib/jobs/queues.ts';
import { DEV_APP, DEV_SELLER, startAmazonSimulator } from '../tests/simulators/amazon/server.ts';
import { startCourierSimulator } from '../tests/simulators/courier/server.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../lib/demo/seed-demo.ts';
import { setupDatabase } from './lib/db-setup.ts';
import { ensureDevSecrets } from './lib/dev-secrets.ts';
import { ensureLocalServices } from './lib/local-services.ts';

const say = (line: string) => process.stdout.write(`dev: ${line}\n`);
const written = await ensureDevSecrets();
if (written.length) say(`wrote development ${written.join(', ')} to .env`);
const services = await ensureLocalServices({ log: say });
const env = getEnv();

await setupDatabase(
  {
    adminUrl: env.DATABASE_ADMIN_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    appUrl: env.DATABASE_URL,
    systemUrl: env.DATABASE_SYSTEM_URL,
  },
  { log: say },
);
const seeded = await seedDemo();
say(seeded.created ? `seeded the demo organization at /${seeded.slug}` : 'database ready');

// The SP-API simulator (dev only): the web app and the worker reach it through the transport
// agent (AMAZON_SP_API_SIMULATOR + CA), keeping Amazon's hostnames and strict TLS.
const simPort = Number(process.env.AMAZON_SIMULATOR_PORT ?? 4600);
const simNow = Date.now();
const DAY_MS = 86_400_000;
/** Both order batches sell the same products: the ones the demo warehouse stocks. */
const CATALOGUE_SEED = 'packline-dev';
const simulator = await startAmazonSimulator({
  port: simPort,
  clock: { start: simNow, speed: 1 },
  orders: [
    {
      seed: 'packline-dev',
      catalogueSeed: CATALOGUE_SEED,
      count: 240,
      marketplaceIds: DEV_SELLER.marketplaceIds,
      from: simNow - 21 * DAY_MS,
      to: simNow,
    },
    {
      seed: 'packline-dev-live',
      catalogueSeed: CATALOGUE_SEED,
      count: 300,
      startIndex: 240,
      marketplaceIds: DEV_SELLER.marketplaceIds,
      from: simNow,
      to: simNow + DAY_MS,
    },
  ],
});
// The courier simulator (dev only): the TEST carrier and the Royal Mail/DPD/DHL stand-ins, at the
// URL lib/env.ts defaults to outside production.
const courier = await startCourierSimulator({ port: Number(process.env.COURIER_SIMULATOR_PORT ?? 4610) });
process.env.COURIER_SIMULATOR_URL = courier.url;
say(`courier simulator at ${courier.url}`);
process.env.AMAZON_SP_API_SIMULATOR = `127.0.0.1:${simulator.port}`;
process.env.AMAZON_SP_API_CA_PATH = simulator.caPath;
resetEnvForTests();
const demoOrg = await systemDb().organization.findUnique({
  where: { slug: seeded.slug },
  select: { id: true },
});
if (demoOrg) {
  const amazon = await connectDemoAmazon({
    organizationId: demoOrg.id,
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    refreshToken: simulator.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
    marketplaceIds: DEV_SELLER.marketplaceIds,
  });
  say(
    `${amazon.created ? 'connected' : 're-connected'} the demo organization to the SP-API simulator at ${simulator.url}`,
  );
  const started = Date.now();
  // The first start's backfill of three weeks of history runs unthrottled against the simulator
  // (Amazon's getOrder plan, 0.5/s, would make it minutes); every later sync is throttled as usual.
  simulator.rateLimits.setEnabled(false);
  const unthrottled = Object.fromEntries(
    Object.keys(AMAZON_USAGE_PLANS).map((operation) => [operation, { rate: 1000, burst: 1000 }]),
  );
  const { warehouse, activity } = await seedDemoOperations({
    organizationId: demoOrg.id,
    catalogue: sellerCatalogue(CATALOGUE_SEED),
    integrationId: amazon.integrationId,
    plan: DEV_ACTIVITY,
    sync: { logger: getLogger(), session: { limiter: createRateLimiter(unthrottled) } },
  }).finally(() => simulator.rateLimits.setEnabled(true));
  await closeAmazonRedis();
  if (warehouse.created || activity.created) {
    say(
      `seeded the demo warehouse: orders synced, ${activity.pickLists} pick lists, ${activity.shipped} parcels shipped (${Math.round((Date.now() - started) / 1000)} s)`,
    );
  }
}
await closeQueues();
await disconnectSystemDb();

const children: ChildProcess[] = [];
function run(name: string, command: string, args: string[]): void {
  const child = spawn(command, args, { stdio: 'inherit', env: process.env });
  child.on('exit', (code, signal) => {
    say(`${name} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
/** Stops the web app and worker (5 s grace), then the simulators and what ensureLocalServices started. */
function shutdown(code: number): void {
  if (stopping) return;
  stopping = true;
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  for (const child of running) child.kill('SIGTERM');
  const exited = Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  void Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))])
    .then(() => Promise.all([simulator.close(), courier.close()]))
    .then(() => services.stop())
    .finally(() => process.exit(code));
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

run('web', 'npx', ['--no-install', 'next', 'dev', '--port', new URL(env.APP_URL).port || '3000']);
run('worker', 'npx', ['--no-install', 'tsx', 'jobs/worker.ts']);
say(`Packline is starting at ${env.APP_URL}/${seeded.slug}`);
say(`demo sign-in: ${DEMO_USERS.map((u) => u.email).join(', ')} — password ${DEMO_PASSWORD}`);
