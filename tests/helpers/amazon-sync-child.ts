// Child process of the SIGKILL reliability test (lib/channels/amazon/amazon-sync-sigkill.integration.test.ts):
// one order sync, exactly as the job runs it, until it finishes or the parent kills it. It loads
// its modules, prints `ready`, and starts the sync when the parent writes a line to its stdin.
// argv: organizationId integrationId simulatorNowMs
import { Writable } from 'node:stream';
import { createRateLimiter } from '../../lib/channels/amazon/rate-limiter.ts';
import { syncAmazonOrders } from '../../lib/channels/amazon/sync-amazon-orders.ts';
import { closeAmazonRedis } from '../../lib/channels/amazon/amazon-redis.ts';
import { disconnectAppDb } from '../../lib/db/client.ts';
import { createLogger } from '../../lib/logger.ts';

const [organizationId, integrationId, nowMs] = process.argv.slice(2) as [string, string, string];
// Paced, not Amazon's quotas: on any machine a whole sync of the 2 000 orders takes ~9 s of
// getOrders calls (20 pages, ~16 recipient batches) and ~2 s of getOrderItems, so the parent's
// kills (0.1–1.5 s into each run, ~16 s in all) land inside syncs with work left.
const limiter = createRateLimiter({
  'orders.getOrders': { rate: 4, burst: 2 },
  'orders.getOrderItems': { rate: 1_000, burst: 8 },
  'tokens.createRestrictedDataToken': { rate: 10_000, burst: 10_000 },
});
const logger = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.destroy();
const result = await syncAmazonOrders(organizationId, integrationId, {
  logger,
  now: () => new Date(Number(nowMs)),
  lockTtlMs: 400,
  session: { limiter, backoffBaseMs: 5 },
}).catch((e: Error) => ({ outcome: `error: ${e.message}` }));
process.stdout.write(`${JSON.stringify({ outcome: result.outcome })}\n`);
await closeAmazonRedis();
await disconnectAppDb();
