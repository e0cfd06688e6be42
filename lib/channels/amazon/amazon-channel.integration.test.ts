// The Amazon channel end to end through the REAL amazon-sp-api client against the in-process
// SP-API simulator: connect both ways, sync (paging, overlap/idempotency, cursor, cancellations,
// lines), RDT-batched PII for eligible orders only, both Orders API versions, malformed pages,
// disconnect proven by the simulator's call log, the PII canary (logs, Redis), and a failed run's code
// and safe message for each fault (refused credentials, throttling, 500s, unreadable pages, our bug).
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readCredential } from '../../credentials/read-credential.ts';
import { withTenant } from '../../db/tenant.ts';
import { getQueue, closeQueues } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { getOrderOrThrow } from '../../orders/get-order.ts';
import { listOrders } from '../../orders/list-orders.ts';
import { revealOrderRecipient } from '../../orders/reveal-order-recipient.ts';
import { systemContext, userContext, type TenantContext } from '../../tenancy/tenant-context.ts';
import { addMember, createOrganization, createUser } from '../../../tests/factories.ts';
import { lastUpdateAt, statusAt } from '../../../tests/simulators/amazon/generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import { wire } from '../../../tests/simulators/amazon/test-client.ts';
import { amazonKey, amazonRedis, closeAmazonRedis } from './amazon-redis.ts';
import { completeAmazonConsent } from './complete-amazon-consent.ts';
import { connectAmazonSelfAuthorized } from './connect-amazon-self-authorized.ts';
import { disconnectAmazon } from './disconnect-amazon.ts';
import { RecipientFetcher } from './fetch-amazon-recipients.ts';
import {
  AMAZON_REFRESH_TOKEN_KIND,
  INTEGRATION_SYSTEM_PERMISSIONS,
  syncSchedulerId,
} from './integration-constants.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { RateLimitedError, RestrictedDataTokenError, SpApiSession } from './sp-api-session.ts';
import { SpApiSimulatorAgent } from './sp-api-transport.ts';
import { ZRdtResponse, ZV0GetOrdersPayload } from './schemas.ts';
import { startAmazonConsent } from './start-amazon-consent.ts';
import { syncAmazonOrders, type SyncAmazonOrdersOptions } from './sync-amazon-orders.ts';
import { SYNC_FAILURE_HELP } from './sync-failure.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';

// Real syncs of a few hundred orders: generous under a fully parallel integration run.
vi.setConfig({ testTimeout: 180_000 });

const START = Date.parse('2026-03-02T12:00:00Z');
const DAY = 24 * 3600_000;

let sim: AmazonSimulator;
let agent: SpApiSimulatorAgent;
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
// Our buckets run on real time while the simulator's clock stands still: lift ours for these
// tests (the rate-limit test uses real plans on both sides).
const fastLimiter = createRateLimiter(
  Object.fromEntries(
    [
      'orders.getOrders',
      'orders.getOrderItems',
      'tokens.createRestrictedDataToken',
      'orders.searchOrders',
      'orders2026.getOrder',
    ].map((op) => [op, { rate: 10_000, burst: 10_000 }]),
  ),
);

const syncOpts = (over: Partial<SyncAmazonOrdersOptions> = {}): SyncAmazonOrdersOptions => ({
  logger,
  now: () => new Date(sim.clock.now()),
  session: { limiter: fastLimiter, backoffBaseMs: 10 },
  ...over,
});

async function tenant(): Promise<{ ctx: TenantContext; userId: string; organizationId: string }> {
  const org = await createOrganization();
  const user = await createUser();
  await addMember(org.id, user.id, 'OWNER');
  return {
    ctx: userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' }),
    userId: user.id,
    organizationId: org.id,
  };
}

const ordersOf = (organizationId: string) =>
  withTenant(organizationId, (tx) =>
    tx.order.findMany({ where: { organizationId }, include: { lines: true, statusEvents: true } }),
  );

/** Simulator orders in the sync window (last update ≥ 2 min ago: Amazon's LastUpdatedBefore) with their status now. */
function visible() {
  const now = sim.clock.now();
  return sim.orders
    .list(DEV_SELLER.sellingPartnerId)
    .filter((o) => o.purchaseDate <= now && lastUpdateAt(o, now) <= now - 2 * 60_000)
    .map((o) => ({ o, status: statusAt(o, now)! }));
}

beforeAll(async () => {
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [{ seed: 'packline-sync', count: 260, marketplaceIds: DEV_SELLER.marketplaceIds }],
    rateLimits: false,
  });
  agent = new SpApiSimulatorAgent({ host: '127.0.0.1', port: sim.port, ca: sim.ca });
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${sim.port}`,
    AMAZON_SP_API_CA_PATH: sim.caPath,
    AMAZON_SYNC_LOOKBACK_DAYS: '30',
  });
});
afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  agent.destroy();
  await sim.close();
});
beforeEach(() => sim.reset());

describe('connect', () => {
  it('self-authorization: a pasted refresh token is checked, stored encrypted, and a sync scheduler is upserted', async () => {
    const { ctx, organizationId } = await tenant();
    await expect(
      connectAmazonSelfAuthorized(ctx, {
        sellingPartnerId: DEV_SELLER.sellingPartnerId,
        region: 'na',
        refreshToken: 'Atzr|not-a-token-amazon-knows',
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'Amazon did not accept this refresh token' });
    await expect(
      connectAmazonSelfAuthorized(ctx, { sellingPartnerId: 'x', region: 'na', refreshToken: 'nope' }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await withTenant(organizationId, (tx) => tx.amazonIntegration.count())).toBe(0);

    const token = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    const { integrationId } = await connectAmazonSelfAuthorized(ctx, {
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      region: 'na',
      refreshToken: token,
    });
    const row = await withTenant(organizationId, (tx) =>
      tx.amazonIntegration.findFirstOrThrow({ where: { organizationId, id: integrationId } }),
    );
    expect(row).toMatchObject({
      status: 'CONNECTED',
      connectMethod: 'SELF_AUTHORIZATION',
      ordersApiVersion: 'V0',
      syncIntervalMinutes: 2,
      marketplaceIds: DEV_SELLER.marketplaceIds,
    });
    expect(await readCredential(ctx, { kind: AMAZON_REFRESH_TOKEN_KIND, ownerId: integrationId })).toBe(
      token,
    );
    const raw = await withTenant(organizationId, (tx) =>
      tx.credential.findFirstOrThrow({ where: { organizationId } }),
    );
    expect(Buffer.from(raw.secret).toString('latin1')).not.toContain('Atzr|');
    const schedulers = await getQueue('sync').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).toContain(syncSchedulerId(integrationId));
  });

  it('website authorization: signed state bound to org + user, callback exchanges the code; forged/foreign state and reused code → 400', async () => {
    const { ctx, organizationId } = await tenant();
    const { url } = startAmazonConsent(ctx, 'acme', 'na');
    const consent = new URL(url);
    expect(consent.pathname).toBe('/apps/authorize/consent');
    expect(consent.searchParams.get('application_id')).toBe(DEV_APP.applicationId);
    const state = consent.searchParams.get('state')!;

    const confirm = await wire(agent, {
      host: 'sellercentral.amazon.com',
      method: 'POST',
      path: '/apps/authorize/confirm',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      rawBody: new URLSearchParams({
        application_id: DEV_APP.applicationId,
        state,
        redirect_uri: consent.searchParams.get('redirect_uri')!,
        selling_partner_id: DEV_SELLER.sellingPartnerId,
      }).toString(),
    });
    expect(confirm.status).toBe(302);
    const back = Object.fromEntries(new URL(String(confirm.headers.location)).searchParams);

    // Another user of the same organization cannot complete it; a tampered state neither.
    const other = await createUser();
    await addMember(organizationId, other.id, 'OWNER');
    const otherCtx = userContext({ organizationId, userId: other.id, role: 'OWNER' });
    await expect(completeAmazonConsent(otherCtx, back)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(completeAmazonConsent(ctx, { ...back, state: `${state}x` })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(completeAmazonConsent(ctx, { state })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const { integrationId } = await completeAmazonConsent(ctx, back);
    const row = await withTenant(organizationId, (tx) =>
      tx.amazonIntegration.findFirstOrThrow({ where: { organizationId, id: integrationId } }),
    );
    expect(row).toMatchObject({
      status: 'CONNECTED',
      connectMethod: 'WEBSITE',
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
    });
    expect(await readCredential(ctx, { kind: AMAZON_REFRESH_TOKEN_KIND, ownerId: integrationId })).toMatch(
      /^Atzr\|/,
    );
    await expect(completeAmazonConsent(ctx, back)).rejects.toMatchObject({ code: 'BAD_REQUEST' }); // code used
  });
});

async function connected(version: 'V0' | 'V2026_01_01' = 'V0') {
  const t = await tenant();
  const { integrationId } = await connectAmazonSelfAuthorized(t.ctx, {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    region: 'na',
    refreshToken: sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
    ordersApiVersion: version,
  });
  return { ...t, integrationId };
}

/** A session of a connected v0 integration of the dev seller, as a sync run opens one. */
async function sessionOf(organizationId: string, integrationId: string): Promise<SpApiSession> {
  const ctx = systemContext(organizationId, INTEGRATION_SYSTEM_PERMISSIONS);
  const refreshToken = await readCredential(ctx, { kind: AMAZON_REFRESH_TOKEN_KIND, ownerId: integrationId });
  return new SpApiSession(
    {
      organizationId,
      integrationId,
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      region: 'na',
      ordersApiVersion: 'V0',
      refreshToken: refreshToken!,
    },
    { logger, limiter: fastLimiter },
  );
}

describe('order sync (Orders v0)', () => {
  it('pages with NextToken, upserts orders + lines + status history, commits the cursor, stores PII only for eligible orders with one RDT', async () => {
    const { organizationId, integrationId } = await connected();
    const result = await syncAmazonOrders(organizationId, integrationId, syncOpts());
    expect(result.outcome).toBe('done');

    const expected = visible();
    const orders = await ordersOf(organizationId);
    expect(orders.map((o) => o.amazonOrderId).sort()).toEqual(expected.map((e) => e.o.amazonOrderId).sort());
    expect(new Set(orders.map((o) => o.amazonOrderId)).size).toBe(orders.length);
    expect(sim.calls.count('orders.getOrders')).toBeGreaterThan(2); // > 1 page + PII batches

    for (const o of orders) {
      const s = sim.orders.get(o.amazonOrderId!)!;
      expect(o.lines.map((l) => l.channelLineId).sort()).toEqual(s.items.map((i) => i.orderItemId).sort());
      expect(o.lines.reduce((n, l) => n + l.quantityOrdered, 0)).toBe(
        s.items.reduce((n, i) => n + i.quantityOrdered, 0),
      );
      expect(o.statusEvents.map((e) => e.channelStatus)).toContain(o.channelStatus);
      expect(o.fulfilmentChannel).toBe(s.fulfillmentChannel === 'AFN' ? 'MARKETPLACE' : 'MERCHANT');
    }

    // PII: exactly the merchant-fulfilled orders still to ship, via ONE RDT and 50-id batches.
    const eligible = orders.filter(
      (o) =>
        o.fulfilmentChannel === 'MERCHANT' && ['Unshipped', 'PartiallyShipped'].includes(o.channelStatus),
    );
    expect(eligible.length).toBeGreaterThan(50);
    const stored = orders.filter((o) => o.piiStatus === 'STORED');
    expect(stored.map((o) => o.id).sort()).toEqual(eligible.map((o) => o.id).sort());
    expect(stored.every((o) => o.piiRecordId)).toBe(true);
    expect(sim.calls.count('tokens.createRestrictedDataToken')).toBe(1);
    const rdtCalls = sim.calls.log.filter((c) => c.operation === 'orders.getOrders' && c.tokenKind === 'rdt');
    expect(rdtCalls).toHaveLength(Math.ceil(eligible.length / 50));
    const vault = await withTenant(organizationId, (tx) => tx.piiRecord.count({ where: { organizationId } }));
    expect(vault).toBe(eligible.length);

    const integration = await withTenant(organizationId, (tx) =>
      tx.amazonIntegration.findFirstOrThrow({ where: { id: integrationId } }),
    );
    expect(integration.syncCursor?.getTime()).toBe(sim.clock.now() - 2 * 60_000);
    expect(integration.lastSyncAt).not.toBeNull();
    const run = await withTenant(organizationId, (tx) =>
      tx.channelSyncRun.findFirstOrThrow({ where: { integrationId } }),
    );
    expect(run).toMatchObject({
      status: 'SUCCEEDED',
      ordersUpserted: orders.length,
      piiStored: eligible.length,
    });
    expect(run.pages).toBeGreaterThan(1);

    // Overlap / idempotency: the next run re-reads the overlap and changes nothing; no PII refetch.
    sim.calls.clear();
    sim.clock.advance(10 * 60_000);
    const again = await syncAmazonOrders(organizationId, integrationId, syncOpts());
    expect(again.outcome).toBe('done');
    const after = await ordersOf(organizationId);
    expect(after).toHaveLength(visible().length);
    expect(new Set(after.map((o) => o.amazonOrderId)).size).toBe(after.length);
    const before = new Map(orders.map((o) => [o.id, o]));
    for (const o of after) {
      const prev = before.get(o.id);
      if (prev && prev.channelStatus === o.channelStatus) {
        expect(o.statusEvents).toHaveLength(prev.statusEvents.length); // re-read, not re-recorded
        expect(o.lines).toHaveLength(prev.lines.length);
      }
    }
    expect(sim.calls.count('tokens.createRestrictedDataToken')).toBe(0);
    const first = sim.calls.log.find((c) => c.operation === 'orders.getOrders')!;
    expect(decodeURIComponent(first.query)).toContain(
      `LastUpdatedAfter=${new Date(integration.syncCursor!.getTime() - 5 * 60_000).toISOString()}`,
    );

    // Cancellations and shipments over two simulated days: statuses, history, cancelled_at.
    sim.clock.advance(2 * DAY);
    await syncAmazonOrders(organizationId, integrationId, syncOpts());
    const later = await ordersOf(organizationId);
    const now = visible();
    const byId = new Map(now.map((e) => [e.o.amazonOrderId, e.status]));
    for (const o of later) expect(o.channelStatus).toBe(byId.get(o.amazonOrderId!));
    const cancelled = later.filter((o) => o.channelStatus === 'Canceled');
    expect(cancelled.length).toBeGreaterThan(0);
    for (const o of cancelled) {
      expect(o.status).toBe('CANCELLED');
      expect(o.cancelledAt).not.toBeNull();
      expect(o.statusEvents.map((e) => e.status)).toContain('CANCELLED');
    }
    const shippedNow = later.filter(
      (o) => o.channelStatus === 'Shipped' && o.fulfilmentChannel === 'MERCHANT',
    );
    for (const o of shippedNow) {
      expect(o.lines.reduce((n, l) => n + l.quantityShipped, 0)).toBe(
        o.lines.reduce((n, l) => n + l.quantityOrdered, 0),
      );
    }
  });

  it("replaces the run's RDT when it nears expiry instead of failing on an expired token", async () => {
    const { organizationId, integrationId } = await connected();
    // Orders in, buyer details not: the app lacks the PII roles during the first sync.
    sim.registry.setRestrictedRoles(DEV_APP.clientId, []);
    try {
      const first = await syncAmazonOrders(organizationId, integrationId, syncOpts()).catch((e: Error) => e);
      expect(first).toBeInstanceOf(Error);
    } finally {
      sim.registry.setRestrictedRoles(DEV_APP.clientId, ['buyerInfo', 'shippingAddress']);
    }
    const pending = await withTenant(organizationId, (tx) =>
      tx.order.count({ where: { piiStatus: 'PENDING' } }),
    );
    expect(pending).toBeGreaterThan(50);

    // A run's fetcher, its batches one after another: once the first batch is in, an hour and a
    // minute pass on Amazon's clock (an RDT lives an hour).
    const session = await sessionOf(organizationId, integrationId);
    const call = session.call.bind(session);
    let batches = 0;
    session.call = async (req, schema) => {
      const result = await call(req, schema);
      if (req.restrictedDataToken && ++batches === 1) sim.clock.advance(61 * 60_000);
      return result;
    };
    sim.calls.clear();
    const fetcher = new RecipientFetcher(
      systemContext(organizationId, INTEGRATION_SYSTEM_PERMISSIONS),
      session,
      DEV_SELLER.marketplaceIds,
      logger,
      () => new Date(sim.clock.now()),
    );
    expect(await fetcher.finish()).toBeGreaterThan(0);
    expect(batches).toBe(Math.ceil(pending / 50));
    // Two RDTs (the access token expired too: the package refreshed it once, as it should), and
    // no getOrders was refused.
    const created = sim.calls.log.filter(
      (c) => c.operation === 'tokens.createRestrictedDataToken' && c.status === 200,
    );
    expect(created).toHaveLength(2);
    expect(sim.calls.log.filter((c) => c.operation === 'orders.getOrders' && c.status !== 200)).toEqual([]);
  });

  it('a call whose RDT Amazon refuses fails at once with RestrictedDataTokenError (no refresh loop)', async () => {
    const { organizationId, integrationId } = await connected();
    const session = await sessionOf(organizationId, integrationId);
    const rdt = await session.call(
      {
        operation: 'tokens.createRestrictedDataToken',
        body: {
          restrictedResources: [
            { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
          ],
        },
      },
      ZRdtResponse,
    );
    sim.clock.advance(rdt.expiresIn * 1000 + 1);
    sim.calls.clear();
    const call = session.call(
      {
        operation: 'orders.getOrders',
        query: { MarketplaceIds: DEV_SELLER.marketplaceIds, CreatedAfter: new Date(START).toISOString() },
        restrictedDataToken: rdt.restrictedDataToken,
      },
      ZV0GetOrdersPayload,
    );
    await expect(call).rejects.toBeInstanceOf(RestrictedDataTokenError);
    expect(sim.calls.log.map((c) => [c.operation, c.status])).toEqual([['orders.getOrders', 403]]);
  });

  it('a malformed page is rejected with a clear error and nothing is written; the cursor stays', async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ failNext: 1, failNextWith: 'malformed', operations: ['orders.getOrders'] });
    const result = await syncAmazonOrders(
      organizationId,
      integrationId,
      syncOpts({ session: { limiter: fastLimiter, maxRetries: 0 } }),
    ).catch((e: Error) => e);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toBe(
      'Amazon orders.getOrders failed with JSON_PARSE_ERROR after 1 attempt(s)',
    );
    expect(await withTenant(organizationId, (tx) => tx.order.count())).toBe(0);
    const integration = await withTenant(organizationId, (tx) =>
      tx.amazonIntegration.findFirstOrThrow({ where: { id: integrationId } }),
    );
    expect(integration).toMatchObject({ status: 'ERROR', syncCursor: null });
    expect(integration.lastError).toContain('JSON_PARSE_ERROR');
    const run = await withTenant(organizationId, (tx) =>
      tx.channelSyncRun.findFirstOrThrow({ where: { integrationId } }),
    );
    expect(run.status).toBe('FAILED');

    // With retries (the default) the same fault is absorbed and the sync converges.
    sim.faults.set({ failNext: 1, failNextWith: 'malformed' });
    const ok = await syncAmazonOrders(organizationId, integrationId, syncOpts());
    expect(ok.outcome).toBe('done');
    expect(await withTenant(organizationId, (tx) => tx.order.count())).toBe(visible().length);
  });
});

describe('faults', () => {
  it("30 % 429 + 5 % 5xx + timeouts + malformed bodies: runs converge to exactly the simulator's orders", async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ rate429: 0.3, rate5xx: 0.05, hangRate: 0.01, hangMs: 2_000, malformedRate: 0.02 });
    const outcomes: string[] = [];
    try {
      for (let i = 0; i < 15; i++) {
        const r = await syncAmazonOrders(
          organizationId,
          integrationId,
          syncOpts({
            session: { limiter: fastLimiter, backoffBaseMs: 5, maxRetries: 6, responseTimeoutMs: 400 },
          }),
        ).catch((e: Error) => ({ outcome: `error: ${e.message}` }));
        outcomes.push(r.outcome);
        if (r.outcome === 'done') break;
      }
    } finally {
      sim.faults.reset();
    }
    expect(outcomes.at(-1)).toBe('done');
    expect(sim.calls.log.filter((c) => c.fault).length).toBeGreaterThan(20);
    const orders = await ordersOf(organizationId);
    expect(orders.map((o) => o.amazonOrderId).sort()).toEqual(
      visible()
        .map((e) => e.o.amazonOrderId)
        .sort(),
    );
    for (const o of orders) expect(o.lines.length).toBe(sim.orders.get(o.amazonOrderId!)!.items.length);
    const eligible = orders.filter(
      (o) =>
        o.fulfilmentChannel === 'MERCHANT' && ['Unshipped', 'PartiallyShipped'].includes(o.channelStatus),
    );
    expect(orders.filter((o) => o.piiStatus === 'STORED').length).toBe(eligible.length);
  });
});

describe('order sync (Orders 2026-01-01)', () => {
  it('searchOrders paging with lines inline; recipients via includedData for eligible orders only', async () => {
    const { organizationId, integrationId } = await connected('V2026_01_01');
    const result = await syncAmazonOrders(organizationId, integrationId, syncOpts());
    expect(result.outcome).toBe('done');
    const orders = await ordersOf(organizationId);
    expect(orders.map((o) => o.amazonOrderId).sort()).toEqual(
      visible()
        .map((e) => e.o.amazonOrderId)
        .sort(),
    );
    expect(sim.calls.count('orders2026.searchOrders')).toBeGreaterThan(1);
    expect(sim.calls.count('orders.getOrders')).toBe(0);
    expect(sim.calls.count('orders.getOrderItems')).toBe(0);
    for (const o of orders) expect(o.lines.length).toBe(sim.orders.get(o.amazonOrderId!)!.items.length);
    const eligible = orders.filter(
      (o) =>
        o.fulfilmentChannel === 'MERCHANT' && ['Unshipped', 'PartiallyShipped'].includes(o.channelStatus),
    );
    expect(
      orders
        .filter((o) => o.piiStatus === 'STORED')
        .map((o) => o.id)
        .sort(),
    ).toEqual(eligible.map((o) => o.id).sort());
    expect(sim.calls.count('orders2026.getOrder')).toBe(eligible.length);
    expect(sim.calls.count('tokens.createRestrictedDataToken')).toBe(0);
  });
});

describe('disconnect', () => {
  it('hard-deletes the token, removes the scheduler, and no SP-API call happens after it returns (call log)', async () => {
    const { ctx, organizationId, integrationId } = await connected();
    sim.faults.set({ latencyMs: 20 });
    const running = syncAmazonOrders(organizationId, integrationId, syncOpts()).catch((e: unknown) => e);
    // Let the sync get going, then disconnect mid-flight.
    for (let i = 0; i < 200 && sim.calls.count('orders.getOrderItems') < 5; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(sim.calls.count('orders.getOrderItems')).toBeGreaterThanOrEqual(5);
    await disconnectAmazon(ctx, { integrationId });
    const callsAtReturn = sim.calls.log.length;
    const result = await running;
    await new Promise((r) => setTimeout(r, 100));
    expect(sim.calls.log.length).toBe(callsAtReturn);
    expect(result).toMatchObject({ outcome: 'failed', error: 'the Amazon integration is disconnected' });

    expect(await readCredential(ctx, { kind: AMAZON_REFRESH_TOKEN_KIND, ownerId: integrationId })).toBeNull();
    expect(await withTenant(organizationId, (tx) => tx.credential.count())).toBe(0);
    const row = await withTenant(organizationId, (tx) =>
      tx.amazonIntegration.findFirstOrThrow({ where: { id: integrationId } }),
    );
    expect(row.status).toBe('DISCONNECTED');
    const schedulers = await getQueue('sync').getJobSchedulers();
    expect(schedulers.map((s) => s.key)).not.toContain(syncSchedulerId(integrationId));
    // A later job for it does nothing at all.
    const before = sim.calls.log.length;
    expect(await syncAmazonOrders(organizationId, integrationId, syncOpts())).toEqual({
      outcome: 'skipped',
      reason: 'disconnected',
    });
    expect(sim.calls.log.length).toBe(before);
    await expect(disconnectAmazon(ctx, { integrationId: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('rate limits', () => {
  it('our Redis buckets keep every call within the plan: no 429 in the simulator log', async () => {
    const { organizationId, integrationId } = await connected();
    // Amazon's side (the simulator) at 40 rps / burst 5; ours under it, as in production where our
    // plan is the published default and the seller's dynamic plan is at least that. The margin
    // (half the rate, burst 3) absorbs the scheduling jitter of 8 concurrent calls on a loaded box.
    const plan = { rate: 20, burst: 3 };
    sim.rateLimits.setEnabled(true);
    sim.rateLimits.setPlan('orders.getOrderItems', { rate: 40, burst: 5 });
    sim.rateLimits.setPlan('orders.getOrders', { rate: 40, burst: 5 });
    sim.rateLimits.setPlan('tokens.createRestrictedDataToken', { rate: 40, burst: 5 });
    sim.clock.setSpeed(1);
    try {
      const limiter = createRateLimiter({
        'orders.getOrderItems': plan,
        'orders.getOrders': plan,
        'tokens.createRestrictedDataToken': plan,
      });
      // Fresh buckets for this seller.
      const keys = await amazonRedis().keys(`${amazonKey('bucket', DEV_SELLER.sellingPartnerId)}:*`);
      if (keys.length) await amazonRedis().del(...keys);
      const result = await syncAmazonOrders(
        organizationId,
        integrationId,
        syncOpts({ session: { limiter } }),
      );
      expect(result.outcome).toBe('done');
    } finally {
      sim.clock.setSpeed(0);
      sim.rateLimits.setEnabled(false);
    }
    expect(sim.calls.count('orders.getOrderItems')).toBeGreaterThan(50);
    expect(sim.calls.log.filter((c) => c.status === 429)).toHaveLength(0);
  });
});

describe('PII canary', () => {
  it('seeded CANARY buyer values never reach the logs or Redis (job data included)', async () => {
    const { organizationId, integrationId } = await connected();
    await syncAmazonOrders(organizationId, integrationId, syncOpts());
    const { enqueueManualSync } = await import('./amazon-schedulers.ts');
    await enqueueManualSync(organizationId, integrationId);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toMatch(/CANARY/);
    const redis = amazonRedis();
    let cursor = '0';
    const dump: string[] = [];
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', '500');
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        if (type === 'string') dump.push(String(await redis.get(key)));
        else if (type === 'hash') dump.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') dump.push(JSON.stringify(await redis.lrange(key, 0, -1)));
        else if (type === 'set') dump.push(JSON.stringify(await redis.smembers(key)));
        else if (type === 'zset') dump.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
        else if (type === 'stream') dump.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      }
    } while (cursor !== '0');
    expect(dump.join('\n')).toContain(integrationId); // the job is there, ids only
    expect(dump.join('\n')).not.toMatch(/CANARY/);
    const sys = systemContext(organizationId, ['integrations.manage']);
    expect(sys.organizationId).toBe(organizationId);

    // What the orders screens load for a role without PII permission: no buyer value anywhere.
    const viewer = await createUser();
    await addMember(organizationId, viewer.id, 'VIEWER');
    const viewerCtx = userContext({ organizationId, userId: viewer.id, role: 'VIEWER' });
    const json = (v: unknown) =>
      JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
    const page = await listOrders(viewerCtx, { limit: 100 });
    expect(page.orders.length).toBe(100);
    expect(page.nextCursor).not.toBeNull();
    const stored = (await ordersOf(organizationId)).filter((o) => o.piiStatus === 'STORED');
    const detail = await getOrderOrThrow(viewerCtx, stored[0]!.id);
    expect(json(page) + json(detail)).not.toMatch(/CANARY/);
    await expect(
      revealOrderRecipient(viewerCtx, { orderId: stored[0]!.id, purpose: 'customer-service' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // A permitted role reveals with a purpose; the read is audited without values.
    const owner = await withTenant(organizationId, (tx) =>
      tx.membership.findFirstOrThrow({ where: { organizationId, role: 'OWNER' } }),
    );
    const ownerCtx = userContext({ organizationId, userId: owner.userId, role: 'OWNER' });
    const revealed = await revealOrderRecipient(ownerCtx, {
      orderId: stored[0]!.id,
      purpose: 'customer-service',
    });
    expect(revealed.name).toContain('CANARY');
    const audit = await withTenant(organizationId, (tx) =>
      tx.auditEvent.findMany({ where: { organizationId }, orderBy: { seq: 'desc' } }),
    );
    expect(audit[0]).toMatchObject({ purpose: 'customer-service', actorId: owner.userId });
    expect(json(audit)).not.toMatch(/CANARY/);
  });
});

// A failed sync run says what failed: a stable code and a safe message (sync-failure.ts).
const FAILING = { session: { limiter: fastLimiter, backoffBaseMs: 5, maxRetries: 1 } };

const runState = (organizationId: string, integrationId: string) =>
  withTenant(organizationId, async (tx) => ({
    run: await tx.channelSyncRun.findFirstOrThrow({
      where: { integrationId },
      orderBy: { startedAt: 'desc' },
    }),
    integration: await tx.amazonIntegration.findFirstOrThrow({ where: { id: integrationId } }),
  }));

describe('a failed sync run says what failed', () => {
  it('a 500 that outlasts the retries: AMAZON_UNAVAILABLE, the integration marked in error', async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ failNext: 5, failNextWith: 500, operations: ['orders.getOrders'] });
    const error = await syncAmazonOrders(organizationId, integrationId, syncOpts(FAILING)).catch(
      (e: Error) => e,
    );
    expect(error).toMatchObject({ name: 'AmazonSyncError' });
    const { run, integration } = await runState(organizationId, integrationId);
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
      syncOpts({ session: { ...FAILING.session, maxInlineWaitMs: 0 } }),
    ).catch((e: Error) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    const { run, integration } = await runState(organizationId, integrationId);
    expect(run).toMatchObject({ status: 'FAILED', errorCode: 'THROTTLED' });
    expect(run.error).toContain("Amazon's rate limit (orders.getOrders)");
    expect(integration.status).toBe('CONNECTED');
  });

  it('an unreadable page that outlasts the retries: AMAZON_UNAVAILABLE, never a bare "unexpected error"', async () => {
    const { organizationId, integrationId } = await connected();
    sim.faults.set({ failNext: 5, failNextWith: 'malformed', operations: ['orders.getOrders'] });
    await syncAmazonOrders(organizationId, integrationId, syncOpts(FAILING)).catch((e: Error) => e);
    const { run } = await runState(organizationId, integrationId);
    expect(run).toMatchObject({
      errorCode: 'AMAZON_UNAVAILABLE',
      error: 'Amazon orders.getOrders failed with JSON_PARSE_ERROR after 2 attempt(s)',
    });
  });

  it('refused credentials (authorization revoked in Seller Central): CREDENTIALS_REFUSED', async () => {
    const { organizationId, integrationId } = await connected();
    sim.registry.revokeAuthorization(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
    const result = await syncAmazonOrders(organizationId, integrationId, syncOpts(FAILING));
    expect(result).toMatchObject({ outcome: 'failed' });
    const { run, integration } = await runState(organizationId, integrationId);
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
        ...FAILING,
        jobId,
        onProgress: () => {
          throw new TypeError('a bug of ours');
        },
      }),
    ).catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'AmazonSyncError' });
    const { run } = await runState(organizationId, integrationId);
    expect(run).toMatchObject({
      status: 'FAILED',
      errorCode: 'INTERNAL',
      error: `unexpected error in Packline (reference ${jobId})`,
    });
    const line = logLines
      .map((l) => JSON.parse(l) as { msg?: string; reference?: string; code?: string })
      .find((l) => l.msg === 'amazon order sync failed' && l.reference === jobId);
    expect(line).toMatchObject({ code: 'INTERNAL', reference: jobId });
    expect(logLines.join('\n')).not.toMatch(/CANARY/);
  });
});
