// The order sync reserves stock (docs/decisions/0005-stock-ledger.md) through the REAL client and
// the in-process SP-API simulator: a synced order whose SKUs match products with stock is
// allocated and its listings recorded; when Amazon cancels it, the next sync releases the stock;
// a re-sync with nothing new writes no ledger row, allocation or listing.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTenant } from '../../db/tenant.ts';
import { closeQueues } from '../../jobs/queues.ts';
import { createLogger } from '../../logger.ts';
import { receiveStock } from '../../inventory/receive-stock.ts';
import {
  createInventoryTenant,
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
  memberContext,
} from '../../../tests/factories/inventory.ts';
import type { SimOrder } from '../../../tests/simulators/amazon/generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../../tests/simulators/amazon/server.ts';
import { closeAmazonRedis } from './amazon-redis.ts';
import { connectAmazonSelfAuthorized } from './connect-amazon-self-authorized.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { syncAmazonOrders, type SyncAmazonOrdersOptions } from './sync-amazon-orders.ts';
import { setTestEnv } from '../../../tests/helpers/test-env.ts';

vi.setConfig({ testTimeout: 180_000 });

const START = Date.parse('2026-03-02T12:00:00Z');
const HOUR = 3600_000;
let sim: AmazonSimulator;

const fast = { rate: 10_000, burst: 10_000 };
const syncOpts = (): SyncAmazonOrdersOptions => ({
  logger: createLogger({ destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
  now: () => new Date(sim.clock.now()),
  session: {
    limiter: createRateLimiter({
      'orders.getOrders': fast,
      'orders.getOrderItems': fast,
      'tokens.createRestrictedDataToken': fast,
    }),
    backoffBaseMs: 10,
  },
});

beforeAll(async () => {
  // Orders placed over the day after START: the clock moves through their lifecycles.
  sim = await startAmazonSimulator({
    clock: { start: START, speed: 0 },
    orders: [
      {
        seed: 'packline-stock',
        count: 150,
        marketplaceIds: DEV_SELLER.marketplaceIds,
        from: START,
        to: START + 24 * HOUR,
      },
    ],
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
});

/** The first merchant-fulfilled order that Amazon moves Unshipped → Canceled. */
function cancelledAfterUnshipped(): { order: SimOrder; unshippedAt: number; canceledAt: number } {
  for (const order of [...sim.orders.list(DEV_SELLER.sellingPartnerId)].sort(
    (a, b) => a.purchaseDate - b.purchaseDate,
  )) {
    const unshipped = order.timeline.find((t) => t.status === 'Unshipped');
    const canceled = order.timeline.find((t) => t.status === 'Canceled');
    if (order.fulfillmentChannel === 'MFN' && unshipped && canceled && canceled.at > unshipped.at) {
      return { order, unshippedAt: unshipped.at, canceledAt: canceled.at };
    }
  }
  throw new Error('the seeded orders have no Unshipped → Canceled order');
}

describe('order sync → stock', () => {
  it('allocates a synced order with matched stock, releases it on cancellation, and a re-sync changes nothing', async () => {
    const { org, warehouse } = await createInventoryTenant();
    const organizationId = org.id;
    const owner = await memberContext(organizationId, 'OWNER');
    const { integrationId } = await connectAmazonSelfAuthorized(owner, {
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      region: 'na',
      refreshToken: sim.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
    });
    const { order: target, unshippedAt, canceledAt } = cancelledAfterUnshipped();

    // A product with plenty of stock for every SKU of the target order.
    const wh = await createTestWarehouse(organizationId);
    const bin = await createTestLocation(organizationId, wh.id);
    const skus = [...new Set(target.items.map((i) => i.sellerSku))];
    for (const sku of skus) {
      const product = await createTestProduct(organizationId, { sku });
      await receiveStock(warehouse, {
        locationId: bin.id,
        lines: [{ productId: product.id, quantity: 10_000 }],
      });
    }

    const state = () =>
      withTenant(organizationId, async (tx) => {
        const order = await tx.order.findFirstOrThrow({
          where: { organizationId, amazonOrderId: target.amazonOrderId },
          select: { id: true, status: true, lines: { select: { sku: true, quantityOrdered: true } } },
        });
        const allocations = await tx.stockAllocation.findMany({
          where: { organizationId, orderId: order.id },
          select: { quantity: true },
        });
        return {
          order,
          allocated: allocations.reduce((n, a) => n + a.quantity, 0),
          movements: await tx.stockMovement.count({ where: { organizationId } }),
          allocationRows: await tx.stockAllocation.count({ where: { organizationId } }),
          reserved: (
            await tx.stockLevel.aggregate({ where: { organizationId }, _sum: { reservedQuantity: true } })
          )._sum.reservedQuantity,
          listings: await tx.channelListing.findMany({
            where: { organizationId, integrationId },
            select: { sellerSku: true, productId: true },
          }),
        };
      });

    // 1. Unshipped (settled for Amazon's 2-minute rule): the sync allocates all of it.
    sim.clock.advance(unshippedAt + 5 * 60_000 - sim.clock.now());
    expect(await syncAmazonOrders(organizationId, integrationId, syncOpts())).toMatchObject({
      outcome: 'done',
    });
    const open = await state();
    expect(open.order.status).toBe('AWAITING_FULFILMENT');
    const ordered = target.items.reduce((n, i) => n + i.quantityOrdered, 0);
    expect(open.allocated).toBe(ordered);
    expect(open.reserved).toBeGreaterThanOrEqual(ordered);
    // Its listings were recorded and mapped to the same-SKU products.
    for (const sku of skus) {
      expect(open.listings.find((l) => l.sellerSku === sku)?.productId).toEqual(expect.any(String));
    }

    // 2. A re-sync with nothing new writes nothing.
    sim.clock.advance(60_000);
    expect(await syncAmazonOrders(organizationId, integrationId, syncOpts())).toMatchObject({
      outcome: 'done',
    });
    expect(await state()).toEqual(open);

    // 3. Amazon cancels it: the next sync releases its stock (a DEALLOCATE per allocation).
    sim.clock.advance(canceledAt + 5 * 60_000 - sim.clock.now());
    expect(await syncAmazonOrders(organizationId, integrationId, syncOpts())).toMatchObject({
      outcome: 'done',
    });
    const cancelled = await state();
    expect(cancelled.order.status).toBe('CANCELLED');
    expect(cancelled.allocated).toBe(0);
    const deallocated = await withTenant(organizationId, (tx) =>
      tx.stockMovement.aggregate({
        where: { organizationId, type: 'DEALLOCATE', reference: `order:${cancelled.order.id}` },
        _sum: { quantity: true },
      }),
    );
    expect(deallocated._sum.quantity).toBe(ordered);

    // 4. And re-syncing after that changes nothing either.
    sim.clock.advance(60_000);
    expect(await syncAmazonOrders(organizationId, integrationId, syncOpts())).toMatchObject({
      outcome: 'done',
    });
    expect(await state()).toEqual(cancelled);
  });
});
