// Every dashboard figure against rows created here: an organization in New York at a fixed clock
// (its "today" is a different calendar day from UTC's), each kind of row on both sides of each
// boundary, and a second organization holding the same kinds of rows, none of which may count.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../db/system.ts';
import type { OrderStatus, ShipmentStatus } from '../db/generated/prisma/enums.ts';
import { listProducts } from '../catalogue/list-products.ts';
import { listBackorders } from '../inventory/list-backorders.ts';
import { summariseProductStock } from '../inventory/summarise-product-stock.ts';
import { getRetentionOverview } from '../privacy/retention-overview.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { createOrganization } from '../../tests/factories.ts';
import { expectAppError } from '../../tests/helpers/expect-error.ts';
import {
  createTestLocation,
  createTestProduct,
  createTestWarehouse,
  memberContext,
} from '../../tests/factories/inventory.ts';
import { createOrdersWithPii, daysBefore } from '../../tests/factories/orders.ts';
import { allocate, createAwaitingOrder, stockBin } from '../../tests/factories/picking.ts';
import { DASHBOARD_DAYS, getDashboard, type Dashboard } from './get-dashboard.ts';

// 21:00 on 7 December in New York, already 8 December in UTC.
const NOW = new Date('2026-12-08T02:00:00Z');
const TZ = 'America/New_York';
const TODAY = '2026-12-07';
const DAY_START = new Date('2026-12-07T05:00:00Z');
const DAY_END = new Date('2026-12-08T05:00:00Z');
const HOUR = 3_600_000;
const at = (base: Date, hours: number) => new Date(base.getTime() + hours * HOUR);

const db = systemDb();
const tag = () => randomBytes(4).toString('hex');

async function order(
  organizationId: string,
  input: {
    status?: OrderStatus;
    latestShipAt?: Date | null;
    purchasedAt?: Date;
    marketplace?: boolean;
    deletedAt?: Date;
  } = {},
) {
  return db.order.create({
    data: {
      organizationId,
      channel: 'MANUAL',
      amazonOrderId: `D-${tag()}`,
      status: input.status ?? 'AWAITING_FULFILMENT',
      channelStatus: 'x',
      fulfilmentChannel: input.marketplace ? 'MARKETPLACE' : 'MERCHANT',
      purchasedAt: input.purchasedAt ?? daysBefore(NOW, 90),
      channelUpdatedAt: NOW,
      latestShipAt: input.latestShipAt ?? null,
      deletedAt: input.deletedAt ?? null,
    },
    select: { id: true },
  });
}

async function shipment(
  organizationId: string,
  input: { carrier: string | null; shippedAt: Date; status?: ShipmentStatus },
) {
  const o = await order(organizationId, { status: 'SHIPPED' });
  await db.shipment.create({
    data: {
      organizationId,
      orderId: o.id,
      parcelNumber: 1,
      status: input.status ?? 'SHIPPED',
      carrier: input.carrier,
      shippedAt: input.shippedAt,
      ...(input.status === 'VOIDED' ? { voidedAt: input.shippedAt } : {}),
    },
  });
}

/** Every kind of row the dashboard counts, as `spec` gives for this organization. */
async function seed(organizationId: string, manager: TenantContext) {
  // Ship-by: due later today, tomorrow (today in UTC), overdue twice; not open, marketplace, deleted.
  await order(organizationId, { latestShipAt: at(NOW, 1) });
  await order(organizationId, { latestShipAt: at(DAY_END, 1) });
  await order(organizationId, { latestShipAt: at(NOW, -1), status: 'PARTIALLY_SHIPPED' });
  await order(organizationId, { latestShipAt: daysBefore(NOW, 3), status: 'PENDING' });
  await order(organizationId, { latestShipAt: at(NOW, -1), status: 'SHIPPED' });
  await order(organizationId, { latestShipAt: at(NOW, 1), marketplace: true });
  await order(organizationId, { latestShipAt: at(NOW, -1), deletedAt: at(NOW, -2) });

  // Stock: 5 in a pick face (reorder 10: low), 8 in bulk with 3 reserved (reorder 2: not low),
  // nothing (reorder 0: low), 4 in a receiving bin (on hand, not available; not watched).
  const warehouse = await createTestWarehouse(organizationId);
  const pick = await createTestLocation(organizationId, warehouse.id, { type: 'PICK_FACE' });
  const bulk = await createTestLocation(organizationId, warehouse.id, { type: 'BULK' });
  const receiving = await createTestLocation(organizationId, warehouse.id, { type: 'RECEIVING' });
  const low = await createTestProduct(organizationId);
  const fine = await createTestProduct(organizationId);
  const empty = await createTestProduct(organizationId);
  const unwatched = await createTestProduct(organizationId);
  await db.product.update({ where: { id: low.id }, data: { reorderPoint: 10 } });
  await db.product.update({ where: { id: fine.id }, data: { reorderPoint: 2 } });
  await db.product.update({ where: { id: empty.id }, data: { reorderPoint: 0 } });
  await stockBin(manager, pick.id, low.id, 5);
  await stockBin(manager, bulk.id, fine.id, 8);
  await stockBin(manager, receiving.id, unwatched.id, 4);

  // Waiting for stock: one order of an SKU without stock; one fully allocated; one deleted.
  await createAwaitingOrder(organizationId, [{ sku: empty.sku, quantity: 2 }]);
  const allocated = await createAwaitingOrder(organizationId, [{ sku: fine.sku, quantity: 3 }]);
  await allocate(manager, allocated.id);
  const deleted = await createAwaitingOrder(organizationId, [{ sku: empty.sku, quantity: 1 }]);
  await db.order.update({ where: { id: deleted.id }, data: { deletedAt: at(NOW, -5) } });
  // createAwaitingOrder stamps the wall clock: move those purchases out of the charts' days.
  await db.order.updateMany({
    where: { organizationId, purchasedAt: { gte: daysBefore(NOW, 40) } },
    data: { purchasedAt: daysBefore(NOW, 90) },
  });

  // Orders per day: two today (local), one late yesterday (local), one on the first chart day
  // (29 days back), one the day before it (outside), one deleted today.
  await order(organizationId, { status: 'SHIPPED', purchasedAt: at(DAY_START, 1) });
  await order(organizationId, { status: 'SHIPPED', purchasedAt: at(NOW, -1) });
  await order(organizationId, { status: 'SHIPPED', purchasedAt: at(DAY_START, -1) });
  await order(organizationId, { status: 'SHIPPED', purchasedAt: at(daysBefore(DAY_START, 29), 2) });
  await order(organizationId, { status: 'SHIPPED', purchasedAt: at(daysBefore(DAY_START, 30), 2) });
  await order(organizationId, { status: 'SHIPPED', purchasedAt: at(NOW, -2), deletedAt: NOW });

  // Shipments: today twice by DHL, once by DPD, once without a carrier; yesterday (local) by DPD,
  // which is "today" in UTC; a voided one today; one 31 days back.
  await shipment(organizationId, { carrier: 'DHL', shippedAt: at(DAY_START, 5) });
  await shipment(organizationId, { carrier: 'DHL', shippedAt: at(DAY_END, -1) });
  await shipment(organizationId, { carrier: 'DPD', shippedAt: at(DAY_START, 10) });
  await shipment(organizationId, { carrier: null, shippedAt: at(DAY_START, 11) });
  await shipment(organizationId, { carrier: 'DPD', shippedAt: at(DAY_START, -1) });
  await shipment(organizationId, { carrier: 'DHL', shippedAt: at(DAY_START, 6), status: 'VOIDED' });
  await shipment(organizationId, { carrier: 'DHL', shippedAt: daysBefore(DAY_START, 31) });

  // Returns: requested and received are open; closed is not.
  const returned = await createAwaitingOrder(organizationId, [{ sku: fine.sku, quantity: 1 }]);
  await db.order.update({
    where: { id: returned.id },
    data: { status: 'SHIPPED', purchasedAt: daysBefore(NOW, 90) },
  });
  const returnedLine = await db.orderLine.findFirstOrThrow({ where: { orderId: returned.id } });
  for (const status of ['REQUESTED', 'RECEIVED', 'CLOSED'] as const) {
    await db.returnAuthorization.create({
      data: {
        organizationId,
        number: `RMA-${tag()}`,
        orderId: returned.id,
        orderLineId: returnedLine.id,
        productId: fine.id,
        reason: 'DAMAGED',
        quantityExpected: 1,
        status,
        actorType: 'SYSTEM',
      },
    });
  }

  // Picks: 6 at 09:00 and 3 + 1 short at 12:00 local today; 10 yesterday evening (local).
  const level = await db.stockLevel.findFirstOrThrow({ where: { organizationId, productId: fine.id } });
  const allocatedLine = await db.orderLine.findFirstOrThrow({ where: { orderId: allocated.id } });
  const pickList = await db.pickList.create({
    data: {
      organizationId,
      number: 1,
      kind: 'SINGLE',
      status: 'COMPLETED',
      warehouseId: warehouse.id,
    },
  });
  const picks = [
    { picked: 6, short: 0, at: at(DAY_START, 9) },
    { picked: 3, short: 1, at: at(DAY_START, 12) },
    { picked: 10, short: 0, at: at(DAY_START, -2) },
  ];
  for (const [sequence, p] of picks.entries()) {
    await db.pickListLine.create({
      data: {
        organizationId,
        pickListId: pickList.id,
        orderId: allocated.id,
        orderLineId: allocatedLine.id,
        productId: fine.id,
        locationId: bulk.id,
        stockLevelId: level.id,
        quantity: p.picked + p.short,
        quantityPicked: p.picked,
        quantityShort: p.short,
        sequence,
        pickedAt: p.at,
      },
    });
  }

  // Integrations: syncing, failing, stale, never synced, disconnected (not shown).
  const integration = (status: 'CONNECTED' | 'ERROR' | 'DISCONNECTED', lastSyncAt: Date | null) =>
    db.amazonIntegration.create({
      data: {
        organizationId,
        sellingPartnerId: `SP${tag().toUpperCase()}`,
        region: 'na',
        marketplaceIds: ['ATVPDKIKX0DER'],
        status,
        connectMethod: 'SELF_AUTHORIZATION',
        lastSyncAt,
        ...(status === 'ERROR' ? { lastError: 'HTTP 503 from getOrders', lastErrorAt: at(NOW, -0.1) } : {}),
      },
    });
  await integration('CONNECTED', at(NOW, -0.03));
  await integration('ERROR', at(NOW, -1));
  await integration('CONNECTED', at(NOW, -1));
  await integration('CONNECTED', null);
  await integration('DISCONNECTED', at(NOW, -1));

  return { low, fine, empty, unwatched };
}

describe('getDashboard', () => {
  let owner: TenantContext;
  let viewer: TenantContext;
  let products: Awaited<ReturnType<typeof seed>>;
  let figures: Dashboard;

  beforeAll(async () => {
    const org = await createOrganization();
    const other = await createOrganization();
    await db.organization.update({ where: { id: org.id }, data: { timezone: TZ } });
    owner = await memberContext(org.id, 'OWNER');
    viewer = await memberContext(org.id, 'VIEWER');
    products = await seed(org.id, owner);
    // The other tenant holds one of everything, in UTC, and buyer data long due.
    const otherOwner = await memberContext(other.id, 'OWNER');
    await seed(other.id, otherOwner);
    await createOrdersWithPii(otherOwner, [{ completedAt: daysBefore(NOW, 60) }]);
    // Buyer data: completed 40 days ago (due under the 30-day policy), 5 days ago (not yet).
    // Purchased long before the charts' days, so that they count only here.
    const purchasedAt = daysBefore(NOW, 200);
    await createOrdersWithPii(owner, [
      { completedAt: daysBefore(NOW, 40), purchasedAt },
      { completedAt: daysBefore(NOW, 5), purchasedAt },
    ]);
    figures = await getDashboard(owner, NOW);
  }, 120_000);

  it('takes "today" from the organization’s time zone', () => {
    expect(figures.timezone).toBe(TZ);
    expect(figures.today).toBe(TODAY);
  });

  it('counts open merchant orders due later today and overdue against ship-by', () => {
    expect(figures.orders.dueToday).toBe(1);
    expect(figures.orders.overdue).toBe(2);
  });

  it('counts orders waiting for stock as the backorders screen lists them', async () => {
    expect(figures.orders.waitingForStock).toBe(1);
    const lines = await listBackorders(owner);
    expect(new Set(lines.map((l) => l.orderId)).size).toBe(figures.orders.waitingForStock);
  });

  it('sums units on hand, reserved and available with the availability rule', async () => {
    expect(figures.stock).toMatchObject({ onHand: 17, reserved: 3, available: 10 });
    const perProduct = await summariseProductStock(
      owner,
      Object.values(products).map((p) => p.id),
      NOW,
    );
    const sum = [...perProduct.values()].reduce((s, p) => s + p.available, 0);
    expect(figures.stock.available).toBe(sum);
  });

  it('counts low-stock products as the products screen filters them', async () => {
    expect(figures.stock.lowStockProducts).toBe(2);
    const page = await listProducts(owner, { lowStock: true });
    expect(page.items.map((p) => p.id).sort()).toEqual([products.low.id, products.empty.id].sort());
  });

  it('counts today’s shipments per carrier, not voided ones nor yesterday’s', () => {
    expect(figures.shippedToday.total).toBe(4);
    expect(figures.shippedToday.byCarrier).toEqual([
      { carrier: 'DHL', count: 2 },
      { carrier: '', count: 1 },
      { carrier: 'DPD', count: 1 },
    ]);
  });

  it('counts open returns', () => {
    expect(figures.openReturns).toBe(2);
  });

  it('gives today’s pick rate per hour and pick accuracy from short picks', () => {
    expect(figures.picking).toEqual({ unitsPicked: 9, unitsShort: 1, unitsPerHour: 3, accuracy: 0.9 });
  });

  it('gives each connected integration’s sync health and last error', () => {
    expect(figures.integrations.map((i) => i.health)).toEqual(['ok', 'error', 'stale', 'never']);
    expect(figures.integrations[1]).toMatchObject({ lastError: 'HTTP 503 from getOrders' });
  });

  it('counts buyer data due for anonymisation with the privacy screen’s definition', async () => {
    expect(figures.buyerDataDue).toEqual({ dueNow: 1, held: 0 });
    const overview = await getRetentionOverview(owner, NOW);
    const rule = overview.rules.find((r) => r.rule === 'ANONYMISE_BUYER_PII');
    expect({ dueNow: rule?.dueNow, held: rule?.held }).toEqual(figures.buyerDataDue);
    expect((await getDashboard(viewer, NOW)).buyerDataDue).toBeNull();
  });

  it('charts orders and shipments per local day over the last 30 days', () => {
    expect(figures.perDay).toHaveLength(DASHBOARD_DAYS);
    expect(figures.perDay[0]?.day).toBe('2026-11-08');
    expect(figures.perDay.at(-1)).toEqual({ day: TODAY, orders: 2, shipments: 4 });
    expect(figures.perDay.at(-2)).toEqual({ day: '2026-12-06', orders: 1, shipments: 1 });
    expect(figures.perDay[0]).toEqual({ day: '2026-11-08', orders: 1, shipments: 0 });
    expect(figures.perDay.reduce((s, d) => s + d.orders, 0)).toBe(4);
    expect(figures.shipmentsPerCarrier).toEqual([
      { carrier: 'DHL', count: 2 },
      { carrier: 'DPD', count: 2 },
      { carrier: '', count: 1 },
    ]);
  });

  it('counts nothing of another organization (RLS as well as the scoped queries)', async () => {
    const empty = await createOrganization();
    const emptyOwner = await memberContext(empty.id, 'OWNER');
    const none = await getDashboard(emptyOwner, NOW);
    expect(none.today).toBe('2026-12-08');
    expect(none.orders).toEqual({ dueToday: 0, overdue: 0, waitingForStock: 0 });
    expect(none.stock).toEqual({ onHand: 0, reserved: 0, available: 0, lowStockProducts: 0 });
    expect(none.shippedToday).toEqual({ total: 0, byCarrier: [] });
    expect(none.openReturns).toBe(0);
    expect(none.picking).toEqual({ unitsPicked: 0, unitsShort: 0, unitsPerHour: null, accuracy: null });
    expect(none.integrations).toEqual([]);
    expect(none.buyerDataDue).toEqual({ dueNow: 0, held: 0 });
    expect(none.perDay.every((d) => d.orders === 0 && d.shipments === 0)).toBe(true);
    expect(none.shipmentsPerCarrier).toEqual([]);
  });

  it('refuses a context without orders.read', async () => {
    const partial = { ...owner, permissions: new Set(['organization.read' as const]) };
    await expectAppError(getDashboard(partial, NOW), 'FORBIDDEN');
  });

  it('refuses an unknown time zone at the database', async () => {
    const org = await createOrganization();
    await expect(
      db.organization.update({ where: { id: org.id }, data: { timezone: 'Mars/Olympus_Mons' } }),
    ).rejects.toThrow(/organizations_timezone_check/);
  });
});
