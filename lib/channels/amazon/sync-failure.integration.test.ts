// A failed sync run says what failed: the SP-API simulator's faults (refused credentials,
// throttling, a 500, a malformed page) and a fault of our own each end the run with a stable code
// and a safe message; the unexpected one carries a reference that its log line carries too. No
// buyer value (the simulator's CANARY orders) reaches the run, the integration or the log.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { closeQueues } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { userContext } from '../../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../../../tests/factories.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import { closeAmazonRedis } from './amazon-redis.ts';
import { connectAmazonSelfAuthorized } from './connect-amazon-self-authorized.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { RateLimitedError } from './sp-api-session.ts';
import { syncAmazonOrders, type SyncAmazonOrdersOptions } from './sync-amazon-orders.ts';
import { SYNC_FAILURE_HELP } from './sync-failure.ts';

vi.setConfig({ testTimeout: 120_000 });

const START = Date.parse('2026-03-02T12:00:00Z');
let sim: AmazonSimulator;
const logLines: string[] = [];
const logger = createLogger({
  level: 'debug',
  destination: new Writable({
    write(chunk, _e, cb) {
      logLines.push(String(chunk));
      cb();
    },
  }),
});
const OPERATIONS = [
  'orders.getOrders',
  'orders.getOrderItems',
  'tokens.createRestrictedDataToken',
  'orders.searchOrders',
  'orders2026.getOrder',
] as const;
const fastLimiter = createRateLimiter(
  Object.fromEntries(OPERATIONS.map((op) => [op, { rate: 10_000, burst: 10_000 }])),
);

const syncOpts = (over: Partial<SyncAmazonOrdersOptions> = {}): SyncAmazonOrdersOptions => ({
  logger,
  now: () => new Date(sim.clock.now()),
  session: { limiter: fastLimiter, backoffBaseMs: 5, maxRetries: 1 },
  ...over,
});

async function connected() {
  const org = await createOrganization();
  const user = await createUser();
  await addMember(org.id, user.id, 'OWNER');
  const ctx = userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' });
  const { integrationId } = await connectAmazonSelfAuthorized(ctx, {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    region: 'na',
    refreshToken: sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
  });
  return { organizationId: org.id, integrationId };
}

const state = (organizationId: string, integrationId: string) =>
  withTenant(organizationId, async (tx) => ({
    run: await tx.channelSyncRun.findFirstOrThrow({
      where: { integrationId },
      orderBy: { startedAt: 'desc' },
    }),
    integration: await tx.amazonIntegration.findFirstOrThrow({ where: { id: integrationId } }),
  }));

beforeAll(async () => {
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [{ seed: 'sync-failures', count: 30, marketplaceIds: DEV_SELLER.marketplaceIds }],
    rateLimits: false,
  });
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${sim.port}`,
    AMAZON_SP_API_CA_PATH: sim.caPath,
    AMAZON_SYNC_LOOKBACK_DAYS: '30',
  });
});
afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  await sim.close();
  expect(logLines.join('')).not.toContain('CANARY');
});
beforeEach(() => sim.reset());

describe('a failed sync run says what failed', () => {
  it('a 500 that outlasts the retries: AMAZON_UNAVAILABLE, the integration marked in error', async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ failNext: 5, failNextWith: 500, operations: ['orders.getOrders'] });
    const error = await syncAmazonOrders(organizationId, integrationId, syncOpts()).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AmazonSyncError' });
    const { run, integration } = await state(organizationId, integrationId);
    expect(run).toMatchObject({ status: 'FAILED', errorCode: 'AMAZON_UNAVAILABLE' });
    expect(run.error).toMatch(/^Amazon orders\.getOrders failed with \w+ after 2 attempt\(s\)$/);
    expect(integration).toMatchObject({ status: 'ERROR', lastError: run.error });
  });

  it('throttling (429 on every call): THROTTLED, and the integration is not marked in error', async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ rate429: 1, operations: ['orders.getOrders'] });
    const error = await syncAmazonOrders(
      organizationId,
      integrationId,
      syncOpts({ session: { limiter: fastLimiter, backoffBaseMs: 5, maxRetries: 1, maxInlineWaitMs: 0 } }),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const { run, integration } = await state(organizationId, integrationId);
    expect(run).toMatchObject({ status: 'FAILED', errorCode: 'THROTTLED' });
    expect(run.error).toContain("Amazon's rate limit (orders.getOrders)");
    expect(integration.status).toBe('CONNECTED');
  });

  it('an unreadable page that outlasts the retries: AMAZON_UNAVAILABLE, never a bare "unexpected error"', async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ failNext: 5, failNextWith: 'malformed', operations: ['orders.getOrders'] });
    await syncAmazonOrders(organizationId, integrationId, syncOpts()).catch((e: Error) => e);
    const { run } = await state(organizationId, integrationId);
    expect(run).toMatchObject({
      errorCode: 'AMAZON_UNAVAILABLE',
      error: 'Amazon orders.getOrders failed with JSON_PARSE_ERROR after 2 attempt(s)',
    });
  });

  it('refused credentials (authorization revoked in Seller Central): CREDENTIALS_REFUSED', async () => {
    const { organizationId, integrationId } = await connected();
    sim.registry.revokeAuthorization(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    const result = await syncAmazonOrders(organizationId, integrationId, syncOpts());
    expect(result).toMatchObject({ outcome: 'failed' });
    const { run, integration } = await state(organizationId, integrationId);
    expect(run).toMatchObject({
      status: 'FAILED',
      errorCode: 'CREDENTIALS_REFUSED',
      error: 'Amazon refused the authorization for this seller account',
    });
    expect(integration.status).toBe('ERROR');
    expect(SYNC_FAILURE_HELP.CREDENTIALS_REFUSED.action).toMatch(/Reconnect/);
  });

  it('a fault of our own: INTERNAL with the job id as reference, and the log line carries the same reference', async () => {
    const { organizationId, integrationId } = await connected();
    const jobId = `job-${integrationId}`;
    const error = await syncAmazonOrders(
      organizationId,
      integrationId,
      syncOpts({
        jobId,
        onProgress: () => {
          throw new TypeError('a bug of ours');
        },
      }),
    ).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AmazonSyncError' });
    const { run } = await state(organizationId, integrationId);
    expect(run).toMatchObject({
      status: 'FAILED',
      errorCode: 'INTERNAL',
      error: `unexpected error in Packline (reference ${jobId})`,
    });
    const line = logLines
      .map((l) => JSON.parse(l) as { msg?: string; reference?: string; code?: string })
      .find((l) => l.msg === 'amazon order sync failed' && l.reference === jobId);
    expect(line).toMatchObject({ code: 'INTERNAL', reference: jobId });
  });
});
