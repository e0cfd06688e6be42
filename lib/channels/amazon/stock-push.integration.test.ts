// Stock sync to Amazon end to end: inventory change → onAvailabilityChanged → debounced
// writeback.stock-push job on a REAL worker → the REAL amazon-sp-api client's patchListingsItem
// through our Redis token bucket → the in-process SP-API simulator (rate limits on, real time).
// Proven from the simulator's call log and stored quantities: one push per debounce window per
// SKU with the final available quantity, no 429 under a many-SKU burst, a 500 retried with the
// error shown on the listing until a push succeeds. Also: listings from order lines, mapping.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { systemDb } from '../../db/system.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';
import { closeQueues, getQueue } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { adjustStock } from '../../inventory/adjust-stock.ts';
import { createCountTask } from '../../inventory/create-count-task.ts';
import { getCountTaskOrThrow } from '../../inventory/get-count-task.ts';
import { moveStock } from '../../inventory/move-stock.ts';
import { onAvailabilityChanged } from '../../inventory/on-availability-changed.ts';
import { reviewCount } from '../../inventory/review-count.ts';
import { submitCount } from '../../inventory/submit-count.ts';
import { systemContext, userContext, type TenantContext } from '../../tenancy/tenant-context.ts';
import {
  listChannelListings,
  mapChannelListing,
  mapChannelListingByCode,
  pushStockOfMappedProducts,
  recordListingsFromOrderLines,
} from '../../catalogue/channel-listings.ts';
import { jobHandlers } from '../../../jobs/registry.ts';
import { startWorker, type RunningWorker } from '../../../jobs/start-worker.ts';
import { addMember, createOrganization, createUser } from '../../../tests/factories.ts';
import {
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
  memberContext,
} from '../../../tests/factories/inventory.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import { closeAmazonRedis } from './amazon-redis.ts';
import { connectAmazonSelfAuthorized } from './connect-amazon-self-authorized.ts';
import { INTEGRATION_SYSTEM_PERMISSIONS } from './integration-constants.ts';
import { pushListingNow, stockPushJobId } from './request-stock-push.ts';
import { sweepStockPushes } from './sweep-stock-pushes.ts';

vi.setConfig({ testTimeout: 120_000 });

const DEBOUNCE_MS = 5_000; // wide enough that ten stock changes fit inside it on a loaded CI box
const MARKETPLACE = DEV_SELLER.marketplaceIds[0]!;
const OP = 'listings.patchListingsItem';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent = createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) });

async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(25);
  }
}

let sim: AmazonSimulator;
let worker: RunningWorker;
let organizationId: string;
let owner: TenantContext;
let clerk: TenantContext;
let integrationId: string;
let locationId: string;
let warehouseId: string;

beforeAll(async () => {
  sim = await startAmazonSimulator({ rateLimits: true });
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${sim.port}`,
    AMAZON_SP_API_CA_PATH: sim.caPath,
    AMAZON_STOCK_PUSH_DEBOUNCE_MS: String(DEBOUNCE_MS),
    AMAZON_STOCK_PUSH_RETRY_MS: '300',
  });

  const org = await createOrganization();
  organizationId = org.id;
  const user = await createUser();
  await addMember(org.id, user.id, 'OWNER');
  owner = userContext({ organizationId, userId: user.id, role: 'OWNER' });
  clerk = await memberContext(organizationId, 'WAREHOUSE');
  const token = sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId);
  ({ integrationId } = await connectAmazonSelfAuthorized(owner, {
    sellingPartnerId: DEV_SELLER.sellingPartnerId,
    region: 'na',
    refreshToken: token,
  }));
  const warehouse = await createTestWarehouse(organizationId);
  warehouseId = warehouse.id;
  locationId = (await createTestLocation(organizationId, warehouse.id, { type: 'PICK_FACE' })).id;
  worker = await startWorker({
    logger: silent,
    concurrency: 10,
    closeDatabase: false,
    // The order sync is not under test here: keep its scheduler's calls out of the call log.
    handlers: { ...jobHandlers, 'amazon.sync-orders': async () => undefined },
  });
});

afterAll(async () => {
  await worker?.close();
  await closeQueues();
  await closeAmazonRedis();
  await sim?.close();
});

beforeEach(() => sim.reset());

const pushCalls = (sku?: string) =>
  sim.calls.log.filter((c) => c.operation === OP && (!sku || c.path.endsWith(`/${encodeURIComponent(sku)}`)));

const listingOf = (sku: string) =>
  withTenant(organizationId, (tx) =>
    tx.channelListing.findFirst({ where: { organizationId, sellerSku: sku } }),
  );

/** A product with `initial` units in the pick face and a listing mapped to it. */
async function mappedProduct(initial: number) {
  const sku = `PL-${randomBytes(4).toString('hex').toUpperCase()}`;
  const product = await createTestProduct(organizationId, { sku: `INT-${sku}` });
  if (initial > 0)
    await adjustStock(clerk, { locationId, productId: product.id, delta: initial, reasonCode: 'FOUND' });
  const listing = await systemDb().channelListing.create({
    data: { organizationId, integrationId, marketplaceId: MARKETPLACE, sellerSku: sku, asin: 'B0TESTASIN' },
  });
  await mapChannelListing(clerk, { listingId: listing.id, productId: product.id });
  return { sku, productId: product.id, listingId: listing.id };
}

async function change(productId: string, delta: number) {
  await adjustStock(clerk, {
    locationId,
    productId,
    delta,
    reasonCode: delta > 0 ? 'FOUND' : 'DAMAGED',
  }); // adjustStock calls onAvailabilityChanged once it committed
}

describe('stock push to Amazon', () => {
  it('ten changes inside one debounce window reach Amazon as ONE patchListingsItem with the final quantity', async () => {
    const { sku, productId } = await mappedProduct(50);
    const started = Date.now();
    for (let i = 0; i < 10; i++) await change(productId, i % 3 === 0 ? -2 : 3);
    expect(Date.now() - started).toBeLessThan(DEBOUNCE_MS); // all inside the window
    const expected = 50 + 4 * -2 + 6 * 3; // 60

    const pushed = await waitFor(async () => {
      const l = await listingOf(sku);
      return l?.lastPushStatus === 'SUCCEEDED' && l;
    });
    await sleep(DEBOUNCE_MS + 500); // nothing else follows
    expect(pushCalls(sku)).toHaveLength(1);
    expect(pushCalls(sku)[0]).toMatchObject({ status: 200, method: 'PATCH', tokenKind: 'lwa' });
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, sku, MARKETPLACE)).toMatchObject({
      quantity: expected,
      fulfillmentChannelCode: 'DEFAULT',
    });
    expect(pushed).toMatchObject({ lastPushedQuantity: expected, pushPending: false, lastPushError: null });
    expect(pushed.lastPushedAt).toBeInstanceOf(Date);
  });

  it('changes in two windows make two pushes, each with the quantity of its time', async () => {
    const { sku, productId } = await mappedProduct(10);
    await change(productId, -1);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 9);
    expect(pushCalls(sku)).toHaveLength(1);

    await change(productId, -4);
    await change(productId, 1);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 6);
    await sleep(DEBOUNCE_MS + 500);
    expect(pushCalls(sku)).toHaveLength(2);
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, sku, MARKETPLACE)?.quantity).toBe(6);
  });

  it('a burst across 30 SKUs is held under the operation quota: no 429, every SKU gets its quantity', async () => {
    const products = [];
    for (let i = 0; i < 30; i++) products.push(await mappedProduct(0));
    // Their mapping pushed 0 each: let those land, then count only the burst.
    for (const p of products)
      await waitFor(async () => (await listingOf(p.sku))?.lastPushStatus === 'SUCCEEDED', 60_000);
    sim.calls.clear();
    await Promise.all(products.map((p, i) => change(p.productId, i + 1)));
    for (const [i, p] of products.entries()) {
      await waitFor(async () => (await listingOf(p.sku))?.lastPushedQuantity === i + 1, 60_000);
    }
    const calls = pushCalls();
    expect(calls.filter((c) => c.status === 429)).toEqual([]);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(calls).toHaveLength(30);
    // Never more than the burst (5) in any one second, nor more than rate × window + burst.
    const times = calls.map((c) => c.at).sort((a, b) => a - b);
    for (let i = 0; i < times.length; i++) {
      const inSecond = times.filter((t) => t >= times[i]! && t < times[i]! + 1_000).length;
      expect(inSecond).toBeLessThanOrEqual(5 + 5);
    }
    for (const [i, p] of products.entries())
      expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, p.sku, MARKETPLACE)?.quantity).toBe(i + 1);
  });

  it('a simulator 500 is retried; the listing shows the error until a push succeeds', async () => {
    const { sku, productId } = await mappedProduct(7);
    await waitFor(async () => (await listingOf(sku))?.lastPushStatus === 'SUCCEEDED');
    sim.calls.clear();
    sim.faults.set({ failNext: 4, failNextWith: 500, operations: [OP] });
    await change(productId, 5);

    const failed = await waitFor(async () => {
      const l = await listingOf(sku);
      return l?.lastPushStatus === 'FAILED' && l;
    });
    expect(failed.lastPushError).toMatch(/SpApiCallError: .*(InternalFailure|Unavailable)/);
    expect(failed.lastPushErrorAt).toBeInstanceOf(Date);
    expect(failed.pushPending).toBe(true);
    expect(failed.lastPushedQuantity).toBe(7); // the last value Amazon accepted

    const ok = await waitFor(async () => {
      const l = await listingOf(sku);
      return l?.lastPushStatus === 'SUCCEEDED' && l;
    });
    expect(ok).toMatchObject({ lastPushedQuantity: 12, lastPushError: null, pushPending: false });
    const calls = pushCalls(sku);
    expect(calls.filter((c) => c.status >= 500)).toHaveLength(4);
    expect(calls.filter((c) => c.status === 200)).toHaveLength(1);
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, sku, MARKETPLACE)?.quantity).toBe(12);
  });
});

describe('inventory hooks', () => {
  it('moving stock into quarantine pushes the lower available quantity; onAvailabilityChanged alone queues a push', async () => {
    const { sku, productId } = await mappedProduct(8);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 8);
    const warehouse = await createTestWarehouse(organizationId);
    const quarantine = await createTestLocation(organizationId, warehouse.id, { type: 'QUARANTINE' });
    await moveStock(clerk, {
      fromLocationId: locationId,
      toLocationId: quarantine.id,
      productId,
      quantity: 3,
    });
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 5);
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, sku, MARKETPLACE)?.quantity).toBe(5);

    const before = pushCalls(sku).length;
    await onAvailabilityChanged(clerk, [productId, productId]);
    await waitFor(async () => pushCalls(sku).length === before + 1);
    await sleep(DEBOUNCE_MS + 300);
    expect(pushCalls(sku)).toHaveLength(before + 1);
  });
});

describe('sweep', () => {
  it('a pending listing whose job was lost is pushed after the sweep; one whose job waits is left alone', async () => {
    const { sku, productId, listingId } = await mappedProduct(6);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 6);
    const jobId = stockPushJobId(integrationId, listingId);

    // The job is lost (as after a Redis flush): the change stays pending, nothing reaches Amazon.
    await change(productId, -2);
    expect(await getQueue('writeback').remove(jobId)).toBe(1);
    await sleep(DEBOUNCE_MS + 500);
    expect(pushCalls(sku)).toHaveLength(1);
    expect(await listingOf(sku)).toMatchObject({ pushPending: true, lastPushedQuantity: 6 });

    expect((await sweepStockPushes({ logger: silent, graceMs: 0 })).requeued).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 4);
    expect(pushCalls(sku)).toHaveLength(2);

    // A waiting job keeps its place: sweeping again during the debounce adds no second push.
    await change(productId, -1);
    await sweepStockPushes({ logger: silent, graceMs: 0 });
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 3);
    await sleep(DEBOUNCE_MS + 500);
    expect(pushCalls(sku)).toHaveLength(3);
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, sku, MARKETPLACE)?.quantity).toBe(3);
  });
});

describe('count approval', () => {
  it('an approved variance pushes the counted quantity; submitting alone pushes nothing', async () => {
    const { sku, productId } = await mappedProduct(9);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 9);
    const before = pushCalls(sku).length;
    const manager = await memberContext(organizationId, 'MANAGER');
    const task = await createCountTask(manager, { warehouseId, productId });
    const { lines } = await getCountTaskOrThrow(clerk, { countTaskId: task.id });
    expect(lines).toHaveLength(1);
    await submitCount(clerk, {
      countTaskId: task.id,
      lines: [{ lineId: lines[0]!.lineId, countedQuantity: 6 }],
    });
    await sleep(DEBOUNCE_MS + 500); // awaiting approval: the ledger is untouched, nothing to push
    expect(pushCalls(sku)).toHaveLength(before);

    await reviewCount(manager, { countTaskId: task.id, decision: 'APPROVE' });
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 6);
    expect(pushCalls(sku)).toHaveLength(before + 1);
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, sku, MARKETPLACE)?.quantity).toBe(6);
  });
});

describe('listings', () => {
  it('order lines create unknown listings (same-SKU products mapped), idempotently; mapping queues a push', async () => {
    const product = await createTestProduct(organizationId, {
      sku: `KNOWN-${randomBytes(3).toString('hex')}`,
    });
    await adjustStock(clerk, { locationId, productId: product.id, delta: 4, reasonCode: 'FOUND' });
    const unknownSku = `UNKNOWN-${randomBytes(3).toString('hex')}`;
    const order = await systemDb().order.create({
      data: {
        organizationId,
        channel: 'AMAZON',
        integrationId,
        marketplaceId: MARKETPLACE,
        amazonOrderId: `111-${String(Date.now()).slice(-7)}-${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
        status: 'AWAITING_FULFILMENT',
        channelStatus: 'Unshipped',
        fulfilmentChannel: 'MERCHANT',
        purchasedAt: new Date(),
        channelUpdatedAt: new Date(),
        lines: {
          create: [
            { channelLineId: 'L1', sku: product.sku, asin: 'B0KNOWN001', quantityOrdered: 1 },
            { channelLineId: 'L2', sku: unknownSku, asin: 'B0UNKNOWN1', quantityOrdered: 2 },
            { channelLineId: 'L3', sku: unknownSku, asin: 'B0UNKNOWN1', quantityOrdered: 1 },
          ],
        },
      },
    });
    // What the order sync would pass.
    const system = systemContext(organizationId, INTEGRATION_SYSTEM_PERMISSIONS);
    const recordListings = async () => {
      const recorded = await withTenant(organizationId, (tx) =>
        recordListingsFromOrderLines(system, tx, [order.id]),
      );
      await pushStockOfMappedProducts(system, recorded.mappedProductIds);
      return recorded.created;
    };
    expect(await recordListings()).toBe(2);
    expect(await recordListings()).toBe(0);

    const known = await listingOf(product.sku);
    expect(known).toMatchObject({ productId: product.id, asin: 'B0KNOWN001' });
    const unmapped = await listChannelListings(clerk, { integrationId, unmappedOnly: true });
    expect(unmapped.map((l) => l.sellerSku)).toContain(unknownSku);
    expect(unmapped.find((l) => l.sellerSku === unknownSku)).toMatchObject({
      asin: 'B0UNKNOWN1',
      productId: null,
    });
    // The auto-mapped listing's stock reaches Amazon.
    await waitFor(async () => (await listingOf(product.sku))?.lastPushedQuantity === 4);

    const viewerCtx = await memberContext(organizationId, 'VIEWER');
    const target = unmapped.find((l) => l.sellerSku === unknownSku)!;
    await expect(
      mapChannelListing(viewerCtx, { listingId: target.id, productId: product.id }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const mapped = await mapChannelListing(clerk, { listingId: target.id, productId: product.id });
    expect(mapped.productId).toBe(product.id);
    await waitFor(async () => (await listingOf(unknownSku))?.lastPushedQuantity === 4);
    expect(sim.listings.quantity(DEV_SELLER.sellingPartnerId, unknownSku, MARKETPLACE)?.quantity).toBe(4);
  });

  it('push now skips the debounce wait; only mapped listings, only with inventory.update', async () => {
    const { sku, productId, listingId } = await mappedProduct(5);
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 5);
    await change(productId, 2); // a push now waits for the debounce window
    const started = Date.now();
    expect(await pushListingNow(clerk, { listingId })).toEqual({ queued: true });
    await waitFor(async () => (await listingOf(sku))?.lastPushedQuantity === 7);
    expect(Date.now() - started).toBeLessThan(DEBOUNCE_MS - 500);
    await sleep(DEBOUNCE_MS + 500);
    expect(pushCalls(sku)).toHaveLength(2); // the promoted job was the only one

    const viewer = await memberContext(organizationId, 'VIEWER');
    await expect(pushListingNow(viewer, { listingId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const unmapped = await systemDb().channelListing.create({
      data: { organizationId, integrationId, marketplaceId: MARKETPLACE, sellerSku: `UNM-${sku}` },
    });
    await expect(pushListingNow(clerk, { listingId: unmapped.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // Mapping by what a scanner types: a SKU or a barcode; an unknown code is a 404, unmapping takes null.
    await expect(
      mapChannelListingByCode(clerk, { listingId: unmapped.id, productCode: 'NO-SUCH-CODE' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const product = await withTenant(organizationId, (tx) =>
      tx.product.findFirstOrThrow({ where: { organizationId, id: productId } }),
    );
    expect(
      (await mapChannelListingByCode(clerk, { listingId: unmapped.id, productCode: product.sku })).product
        ?.sku,
    ).toBe(product.sku);
    expect(
      (await mapChannelListingByCode(clerk, { listingId: unmapped.id, productCode: null })).productId,
    ).toBeNull();
  });

  it('RLS: another organization sees none of these listings', async () => {
    const other = await createOrganization();
    const n = await withTenant(other.id, (tx) => tx.channelListing.count());
    expect(n).toBe(0);
  });
});
