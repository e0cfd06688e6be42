// The demo seed, step by step as `npm run dev` runs it (docs/decisions/0023-demo-warehouse.md):
// the organization and users, Amazon connected to the in-process SP-API simulator, the warehouse
// with products for exactly the seller's SKUs, then a working day through the real use cases.
// Checked: what it made, every stock figure against the ledger, no buyer canary in its logs, and a
// second run on the seeded database changing nothing.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isValidGtin } from '../catalogue/gtin.ts';
import { closeAmazonRedis } from '../channels/amazon/amazon-redis.ts';
import { createRateLimiter } from '../channels/amazon/rate-limiter.ts';
import type { SyncAmazonOrdersOptions } from '../channels/amazon/sync-amazon-orders.ts';
import { systemDb } from '../db/system.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { getOrderAllocation } from '../inventory/get-order-allocation.ts';
import { reconcileStockLedger } from '../inventory/reconcile-stock-ledger.ts';
import { closeQueues } from '../jobs/queues.ts';
import { createLogger } from '../logger.ts';
import { systemContext } from '../tenancy/tenant-context.ts';
import { setTestEnv } from '../../tests/helpers/test-env.ts';
import { sellerCatalogue } from '../../tests/simulators/amazon/generator.ts';
import {
  DEV_APP,
  DEV_SELLER,
  startAmazonSimulator,
  type AmazonSimulator,
} from '../../tests/simulators/amazon/server.ts';
import { startCourierSimulator, type CourierSimulator } from '../../tests/simulators/courier/server.ts';
import { connectDemoAmazon } from './connect-demo-amazon.ts';
import { DEMO_WAREHOUSE, demoProductPlans } from './demo-warehouse-plan.ts';
import { DEV_ACTIVITY } from './seed-demo-activity.ts';
import { DEMO_HISTORY_DAYS, seedDemoOperations } from './seed-demo-operations.ts';
import { DEMO_COUNTED_BIN } from './seed-demo-warehouse.ts';
import { assertDemoSeedAllowed, DEMO_USERS, seedDemo } from './seed-demo.ts';

vi.setConfig({ testTimeout: 240_000 });

const NOW = Date.parse('2026-11-20T09:00:00Z');
const DAY = 86_400_000;
const CATALOGUE_SEED = 'packline-demo-test';
let amazon: AmazonSimulator;
let courier: CourierSimulator;
let logged = '';

const fast = { rate: 10_000, burst: 10_000 };
const syncOptions = (): SyncAmazonOrdersOptions => ({
  logger: createLogger({
    destination: new Writable({
      write: (chunk: Buffer, _e, cb) => {
        logged += chunk.toString();
        cb();
      },
    }),
  }),
  now: () => new Date(amazon.clock.now()),
  session: {
    limiter: createRateLimiter({
      'orders.searchOrders': fast,
      'orders.getOrders': fast,
      'orders.getOrderItems': fast,
      'tokens.createRestrictedDataToken': fast,
    }),
    backoffBaseMs: 10,
  },
});

beforeAll(async () => {
  amazon = await startAmazonSimulator({
    clock: { start: NOW, speed: 0 },
    orders: [
      {
        seed: 'packline-demo-test',
        catalogueSeed: CATALOGUE_SEED,
        count: 90,
        marketplaceIds: DEV_SELLER.marketplaceIds,
        from: NOW - 21 * DAY,
        to: NOW - 3_600_000,
      },
    ],
    rateLimits: false,
  });
  courier = await startCourierSimulator();
  setTestEnv({
    AMAZON_SP_API_SIMULATOR: `127.0.0.1:${amazon.port}`,
    AMAZON_SP_API_CA_PATH: amazon.caPath,
    COURIER_SIMULATOR_URL: courier.url,
  });
});
afterAll(async () => {
  await closeQueues();
  await closeAmazonRedis();
  await Promise.all([amazon.close(), courier.close()]);
});

/** Every row count the seed writes to, for the idempotency check. */
async function footprint(organizationId: string) {
  return withTenant(organizationId, async (tx) => {
    const where = { organizationId };
    return {
      warehouses: await tx.warehouse.count({ where }),
      locations: await tx.location.count({ where }),
      products: await tx.product.count({ where }),
      lots: await tx.lot.count({ where }),
      movements: await tx.stockMovement.count({ where }),
      levels: await tx.stockLevel.findMany({
        where,
        select: { id: true, quantity: true, reservedQuantity: true },
        orderBy: { id: 'asc' },
      }),
      allocations: await tx.stockAllocation.count({ where }),
      orders: await tx.order.count({ where }),
      pickLists: await tx.pickList.count({ where }),
      shipments: await tx.shipment.count({ where }),
      returns: await tx.returnAuthorization.count({ where }),
      countTasks: await tx.countTask.count({ where }),
      dsrs: await tx.dataSubjectRequest.count({ where }),
      carrierAccounts: await tx.carrierAccount.count({ where }),
      rules: await tx.shippingRule.count({ where }),
      members: await tx.membership.count({ where }),
      auditEvents: await tx.auditEvent.count({ where }),
    };
  });
}

describe('seedDemo', () => {
  it('creates the demo tenant once, even when started twice at the same time', async () => {
    const results = await Promise.all([seedDemo(), seedDemo()]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await seedDemo()).toEqual({ created: false, slug: 'demo' });
    const org = await systemDb().organization.findUniqueOrThrow({ where: { slug: 'demo' } });
    const members = await withTenant(org.id, (tx) => tx.membership.findMany());
    expect(members.map((m) => m.role).sort()).toEqual(DEMO_USERS.map((u) => u.role).sort());
    // The demo can ship: the built-in test carrier with a catch-all rule.
    const rules = await withTenant(org.id, (tx) =>
      tx.shippingRule.findMany({ include: { carrierAccount: true } }),
    );
    expect(rules.map((r) => [r.carrierAccount.carrier, r.serviceCode, r.countryCodes])).toEqual([
      ['TEST', 'TEST24', []],
    ]);
    // The demo accounts cannot receive mail: they are verified (invitations, Google sign-in).
    const users = await systemDb().user.findMany({
      where: { email: { in: DEMO_USERS.map((u) => u.email) } },
    });
    expect(users).toHaveLength(DEMO_USERS.length);
    expect(users.every((u) => u.emailVerifiedAt !== null)).toBe(true);
  });

  it('refuses to run in production (the demo password is public)', () => {
    expect(() => assertDemoSeedAllowed('production')).toThrow(AppError);
    expect(() => assertDemoSeedAllowed('production')).toThrow(/never runs with NODE_ENV=production/);
    expect(() => assertDemoSeedAllowed('development')).not.toThrow();
    expect(() => assertDemoSeedAllowed('test')).not.toThrow();
  });

  it('seeds a working warehouse and a day of fulfilment through the use cases, consistent with the ledger, once', async () => {
    const { slug } = await seedDemo();
    const { id: organizationId } = await systemDb().organization.findUniqueOrThrow({ where: { slug } });
    const { integrationId } = await connectDemoAmazon({
      organizationId,
      sellingPartnerId: DEV_SELLER.sellingPartnerId,
      refreshToken: amazon.registry.authorize(DEV_APP.clientId, DEV_SELLER.sellingPartnerId),
      marketplaceIds: DEV_SELLER.marketplaceIds,
    });
    const catalogue = sellerCatalogue(CATALOGUE_SEED);
    const now = new Date(NOW);
    const run = () =>
      seedDemoOperations({
        organizationId,
        catalogue,
        integrationId,
        plan: DEV_ACTIVITY,
        sync: syncOptions(),
        now,
      });

    const first = await run();
    expect(first.warehouse.created).toBe(true);
    expect(first.activity).toEqual({
      created: true,
      pickLists: DEV_ACTIVITY.shipped + DEV_ACTIVITY.labelled + 2,
      shipped: DEV_ACTIVITY.shipped,
    });
    const seeded = await footprint(organizationId);
    const plans = demoProductPlans(catalogue);

    await withTenant(organizationId, async (tx) => {
      const where = { organizationId };
      // Bins in walk order: pick faces, then bulk, then the dock bins.
      const bins = await tx.location.findMany({ where, orderBy: { pickSequence: 'asc' } });
      expect(bins.map((b) => b.type)).toEqual([
        ...Array<string>(12).fill('PICK_FACE'),
        ...Array<string>(6).fill('BULK'),
        'RECEIVING',
        'RETURNS',
        'QUARANTINE',
      ]);
      expect(bins.slice(0, 3).map((b) => [b.code, b.zone, b.aisle, b.level])).toEqual([
        ['A-01-1', 'A', '01', '1'],
        ['A-01-2', 'A', '01', '2'],
        ['A-01-3', 'A', '01', '3'],
      ]);
      // A product for exactly the seller's SKUs, with valid barcodes and weights.
      const products = await tx.product.findMany({ where, orderBy: { sku: 'asc' } });
      expect(products.map((p) => p.sku)).toEqual(catalogue.map((c) => c.sellerSku).sort());
      for (const p of products) {
        expect(isValidGtin(p.barcode!), p.sku).toBe(true);
        expect(p.weightGrams).toBeGreaterThan(0);
      }
      expect(products.filter((p) => p.lotTracked)).toHaveLength(plans.filter((p) => p.lotTracked).length);
      expect(products.filter((p) => p.expiryTracked)).toHaveLength(1);
      // Every unit received is in the warehouse or left it on a pick.
      const moved = async (type: 'RECEIVE' | 'PICK') =>
        (await tx.stockMovement.aggregate({ where: { ...where, type }, _sum: { quantity: true } }))._sum
          .quantity ?? 0;
      const received = plans.reduce((n, p) => n + p.pickFaceUnits + p.bulkUnits, 0);
      expect(await moved('RECEIVE')).toBe(received);
      const onHand = (await tx.stockLevel.aggregate({ where, _sum: { quantity: true } }))._sum.quantity;
      // The counted bin's surplus is not booked until the manager approves.
      expect(onHand).toBe(received - (await moved('PICK')));
      // The count waits for approval, counted by the picker.
      const picker = await tx.user.findUniqueOrThrow({ where: { email: 'picker@demo.packline.test' } });
      const counts = await tx.countTask.findMany({ where, include: { location: true } });
      expect(counts.map((c) => [c.status, c.location?.code, c.countedById])).toEqual([
        ['PENDING_APPROVAL', DEMO_COUNTED_BIN, picker.id],
      ]);
      // Fulfilment: dispatched, labelled, one batch half picked, one not started.
      const shipments = await tx.shipment.groupBy({ by: ['status'], where, _count: true });
      expect(Object.fromEntries(shipments.map((s) => [s.status, s._count]))).toEqual({
        SHIPPED: DEV_ACTIVITY.shipped,
        LABELLED: DEV_ACTIVITY.labelled,
      });
      const batches = await tx.pickList.findMany({
        where: { ...where, kind: 'BATCH' },
        include: { lines: true },
        orderBy: { createdAt: 'asc' },
      });
      expect(batches.map((b) => new Set(b.lines.map((l) => l.orderId)).size)).toEqual([
        DEV_ACTIVITY.inProgress,
        DEV_ACTIVITY.open,
      ]);
      expect(batches.map((b) => b.lines.some((l) => l.quantityPicked > 0))).toEqual([true, false]);
      expect(await tx.returnAuthorization.count({ where })).toBe(1);
      expect(await tx.dataSubjectRequest.count({ where: { ...where, kind: 'ACCESS' } })).toBe(1);
      // Weeks of order history, most merchant orders allocated, some backordered.
      const oldest = await tx.order.findFirstOrThrow({ where, orderBy: { purchasedAt: 'asc' } });
      expect(NOW - oldest.purchasedAt.getTime()).toBeGreaterThan(14 * DAY);
      expect(NOW - oldest.purchasedAt.getTime()).toBeLessThan(DEMO_HISTORY_DAYS * DAY);
    });
    const manager = systemContext(organizationId, ['inventory.read']);
    const open = await withTenant(organizationId, (tx) =>
      tx.order.findMany({
        where: { organizationId, status: 'AWAITING_FULFILMENT', fulfilmentChannel: 'MERCHANT' },
        select: { id: true },
      }),
    );
    const allocations = await Promise.all(open.map((o) => getOrderAllocation(manager, { orderId: o.id })));
    const backordered = allocations.filter((a) => a.backordered > 0).length;
    expect(backordered).toBeGreaterThan(0);
    expect(backordered).toBeLessThan(allocations.length / 2);
    // Every stock figure is the ledger's sum (decision 0005).
    expect(await reconcileStockLedger(manager)).toEqual([]);
    // The seed's sync logged no buyer data.
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toMatch(/CANARY/);

    // A second run on the seeded database changes nothing.
    expect(await seedDemo()).toEqual({ created: false, slug: 'demo' });
    const again = await run();
    expect(again.warehouse).toEqual({ created: false, warehouseId: first.warehouse.warehouseId });
    expect(again.activity).toEqual({ created: false, pickLists: 0, shipped: 0 });
    expect(await footprint(organizationId)).toEqual(seeded);
    const warehouses = await withTenant(organizationId, (tx) =>
      tx.warehouse.findMany({ where: { organizationId } }),
    );
    expect(warehouses.map((w) => w.code)).toEqual([DEMO_WAREHOUSE.code]);
  });
});
