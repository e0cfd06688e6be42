// The demo's third seeding step (docs/decisions/0023-demo-warehouse.md): a working day in the
// demo warehouse once Amazon is connected. The real order sync brings the seller's orders in
// (and allocates them against the seeded stock; scarce SKUs backorder), then the demo users run
// the real use cases: orders picked by scan, packed, labelled with the TEST carrier and
// dispatched (Amazon's confirmation queued for the worker), orders packed and labelled awaiting
// dispatch, a batch pick list half picked, one not started (the picker's to walk), an open return
// and an access request. Runs once: any pick list in the organization is the marker.
import { withTenant } from '../db/tenant.ts';
import { syncAmazonOrders, type SyncAmazonOrdersOptions } from '../channels/amazon/sync-amazon-orders.ts';
import { confirmPick } from '../fulfilment/confirm-pick.ts';
import { createPickList } from '../fulfilment/create-pick-list.ts';
import { getPickList, type PickTask } from '../fulfilment/get-pick-list.ts';
import { getPackState, scanPackItem } from '../fulfilment/pack-order.ts';
import { getOrderAllocation } from '../inventory/get-order-allocation.ts';
import { openDsr } from '../privacy/dsr.ts';
import { createReturn } from '../returns/create-return.ts';
import { createShipmentLabel } from '../shipping/create-shipment-label.ts';
import { dispatchShipments } from '../shipping/dispatch-shipments.ts';
import type { TenantContext } from '../tenancy/tenant-context.ts';
import { demoActors, type DemoActors } from './demo-actors.ts';

/** How much of the day the demo shows; the e2e stack keeps orders back for its own specs. */
export interface DemoActivityPlan {
  /** Orders picked, packed, labelled and dispatched. */
  shipped: number;
  /** Orders picked, packed and labelled, waiting for the carrier's collection. */
  labelled: number;
  /** Orders on a batch pick list whose first task is picked. */
  inProgress: number;
  /** Orders on a batch pick list nobody has started. */
  open: number;
}

export const DEV_ACTIVITY: DemoActivityPlan = { shipped: 6, labelled: 2, inProgress: 3, open: 3 };
const DAY_MS = 86_400_000;

export interface SeedDemoActivityResult {
  created: boolean;
  pickLists: number;
  shipped: number;
}

export async function seedDemoActivity(
  organizationId: string,
  input: {
    warehouseId: string;
    integrationId: string;
    sync: SyncAmazonOrdersOptions;
    plan: DemoActivityPlan;
    now?: Date;
  },
): Promise<SeedDemoActivityResult> {
  const now = input.now ?? new Date();
  const started = await withTenant(organizationId, (tx) => tx.pickList.count({ where: { organizationId } }));
  if (started > 0) return { created: false, pickLists: 0, shipped: 0 };
  const synced = await syncAmazonOrders(organizationId, input.integrationId, input.sync);
  if (synced.outcome !== 'done')
    throw new Error(`the demo's first order sync did not run: ${synced.outcome}`);

  const actors = await demoActors(organizationId);
  const { plan, warehouseId } = input;
  const queue = await awaitingOrders(organizationId);
  let pickLists = 0;
  /** Single-order pick lists for the next orders the warehouse can fill, picked in full. */
  const pickNext = async (count: number): Promise<string[]> => {
    const picked: string[] = [];
    while (picked.length < count && queue.length > 0) {
      const orderId = queue.shift()!;
      const result = await createPickList(actors.picker, {
        warehouseId,
        kind: 'SINGLE',
        orderIds: [orderId],
      });
      const list = result.pickLists[0];
      if (!list) continue; // not fully allocated (backordered): left for the backorder screen
      pickLists += 1;
      await pickTasks(
        actors.picker,
        list.id,
        (await getPickList(actors.picker, { pickListId: list.id })).tasks,
      );
      picked.push(orderId);
    }
    return picked;
  };

  const shipped = await pickNext(plan.shipped);
  const shipmentIds: string[] = [];
  for (const orderId of shipped) shipmentIds.push(await packAndLabel(actors, orderId));
  if (shipmentIds.length) await dispatchShipments(actors.picker, { shipmentIds });
  for (const orderId of await pickNext(plan.labelled)) await packAndLabel(actors, orderId);

  for (const [size, walk] of [
    [plan.inProgress, true],
    [plan.open, false],
  ] as const) {
    const orderIds = await fillable(actors.picker, queue, size);
    if (orderIds.length === 0) continue;
    const { pickLists: lists } = await createPickList(actors.picker, {
      warehouseId,
      kind: 'BATCH',
      orderIds,
    });
    pickLists += lists.length;
    const first = lists[0];
    if (walk && first) {
      const { tasks } = await getPickList(actors.picker, { pickListId: first.id });
      await pickTasks(actors.picker, first.id, tasks.slice(0, 1));
    }
  }

  await openReturn(actors, organizationId, now);
  const subject = shipped[0];
  if (subject) await openAccessRequest(actors.owner, organizationId, subject, now);
  return { created: true, pickLists, shipped: shipmentIds.length };
}

/** Merchant-fulfilled orders waiting for fulfilment, oldest first (the order a warehouse works in). */
async function awaitingOrders(organizationId: string): Promise<string[]> {
  const orders = await withTenant(organizationId, (tx) =>
    tx.order.findMany({
      where: {
        organizationId,
        status: 'AWAITING_FULFILMENT',
        fulfilmentChannel: 'MERCHANT',
        deletedAt: null,
      },
      orderBy: [{ purchasedAt: 'asc' }, { id: 'asc' }],
      select: { id: true },
    }),
  );
  return orders.map((o) => o.id);
}

/** Up to `size` orders from the queue that the stock covers completely (one warehouse: the demo's). */
async function fillable(ctx: TenantContext, queue: string[], size: number): Promise<string[]> {
  const picked: string[] = [];
  while (picked.length < size && queue.length > 0) {
    const orderId = queue.shift()!;
    const allocation = await getOrderAllocation(ctx, { orderId });
    if (allocation.backordered === 0 && allocation.lines.every((l) => l.status === 'ALLOCATED')) {
      picked.push(orderId);
    }
  }
  return picked;
}

/** Every task of the list scanned as a picker does: bin, then item (barcode), then lot. */
async function pickTasks(picker: TenantContext, pickListId: string, tasks: readonly PickTask[]) {
  for (const task of tasks) {
    if (task.open === 0) continue;
    await confirmPick(picker, {
      pickListId,
      locationId: task.locationId,
      productId: task.productId,
      lotId: task.lotId,
      scannedBin: task.locationCode,
      scannedItem: task.barcode ?? task.sku,
      ...(task.lotNumber ? { scannedLot: task.lotNumber } : {}),
      quantity: task.open,
      scanId: crypto.randomUUID(),
    });
  }
}

/** Scan-to-pack every picked unit (the last scan closes the parcel), then buy its label. */
async function packAndLabel(actors: DemoActors, orderId: string): Promise<string> {
  const state = await getPackState(actors.picker, orderId);
  let closed: string | null = null;
  for (const line of state.lines) {
    for (let unit = 0; unit < line.packable; unit++) {
      ({ closedParcelId: closed } = await scanPackItem(actors.picker, {
        orderId,
        code: line.barcode ?? line.sku!,
      }));
    }
  }
  if (!closed) throw new Error('the demo order was not packed completely');
  await createShipmentLabel(actors.picker, { shipmentId: closed });
  return closed;
}

/**
 * A buyer of a recently shipped order sends one unit back as defective; the parcel is on its way.
 * (Shipped as Amazon reports it: the lines' shipped quantities come from the channel.)
 */
async function openReturn(actors: DemoActors, organizationId: string, now: Date) {
  const line = await withTenant(organizationId, (tx) =>
    tx.orderLine.findFirst({
      where: { organizationId, quantityShipped: { gt: 0 }, order: { fulfilmentChannel: 'MERCHANT' } },
      orderBy: [{ order: { purchasedAt: 'desc' } }, { id: 'asc' }],
      select: { id: true },
    }),
  );
  if (!line) return;
  await createReturn(actors.picker, {
    orderLineId: line.id,
    quantity: 1,
    reason: 'DEFECTIVE',
    expectedOn: new Date(now.getTime() + 3 * DAY_MS).toISOString().slice(0, 10),
  });
}

/** A buyer asks for a copy of their data (the owner logs it; 30 days to answer). */
async function openAccessRequest(owner: TenantContext, organizationId: string, orderId: string, now: Date) {
  const order = await withTenant(organizationId, (tx) =>
    tx.order.findFirstOrThrow({ where: { organizationId, id: orderId }, select: { amazonOrderId: true } }),
  );
  await openDsr(owner, { kind: 'ACCESS', lookup: { orderId: order.amazonOrderId ?? orderId } }, now);
}
