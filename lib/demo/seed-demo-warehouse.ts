// The demo's second seeding step (docs/decisions/0023-demo-warehouse.md): the demo warehouse, its
// bins in walk order, a product for every SKU the connected seller sells, stock received and put
// away, and a cycle count waiting for the manager — all through the real use cases with the demo
// users as actors (the manager sets the warehouse up, the picker receives, puts away and counts),
// so every figure is a ledger figure (docs/decisions/0005-stock-ledger.md). Runs once: the
// warehouse code is the marker, and a second run (or a concurrent one) changes nothing.
import { createProduct } from '../catalogue/create-product.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { createCountTask } from '../inventory/create-count-task.ts';
import { getCountTaskOrThrow } from '../inventory/get-count-task.ts';
import { listLocationStock } from '../inventory/list-location-stock.ts';
import { putAwayStock } from '../inventory/put-away-stock.ts';
import { receiveStock } from '../inventory/receive-stock.ts';
import { submitCount } from '../inventory/submit-count.ts';
import { bulkCreateLocations } from '../warehouse/bulk-create-locations.ts';
import { createLocation } from '../warehouse/create-location.ts';
import { createWarehouse } from '../warehouse/create-warehouse.ts';
import { connectDemoCourier } from './connect-demo-courier.ts';
import { demoActors, type DemoActors } from './demo-actors.ts';
import {
  DEMO_BIN_RANGES,
  DEMO_DOCK_BINS,
  DEMO_RECEIVING_BIN,
  DEMO_WAREHOUSE,
  demoProductPlans,
  type DemoProductPlan,
} from './demo-warehouse-plan.ts';

/** The bin whose count waits for the manager's approval (the picker found two extra units). */
export const DEMO_COUNTED_BIN = 'B-01-1';
const DAY_MS = 86_400_000;

export interface SeedDemoWarehouseResult {
  created: boolean;
  warehouseId: string;
}

export async function seedDemoWarehouse(
  organizationId: string,
  catalogue: readonly { sellerSku: string; title: string }[],
  now: Date = new Date(),
): Promise<SeedDemoWarehouseResult> {
  const actors = await demoActors(organizationId);
  let warehouseId: string;
  try {
    warehouseId = (await createWarehouse(actors.manager, DEMO_WAREHOUSE)).id;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'CONFLICT')) throw error;
    const existing = await withTenant(organizationId, (tx) =>
      tx.warehouse.findFirstOrThrow({
        where: { organizationId, code: DEMO_WAREHOUSE.code },
        select: { id: true },
      }),
    );
    return { created: false, warehouseId: existing.id };
  }
  // The sender address labels need (the demo business address), and the TEST carrier.
  await connectDemoCourier(organizationId);
  const bins = await createBins(actors, warehouseId);
  const plans = demoProductPlans(catalogue);
  await stockProducts(actors, bins, plans, now);
  await countWaitingForApproval(actors, warehouseId, bins.get(DEMO_COUNTED_BIN)!);
  return { created: true, warehouseId };
}

async function createBins(actors: DemoActors, warehouseId: string): Promise<Map<string, string>> {
  for (const range of DEMO_BIN_RANGES) {
    await bulkCreateLocations(actors.manager, {
      warehouseId,
      pattern: range.pattern,
      type: range.type,
      segmentFields: [...range.segmentFields],
    });
  }
  for (const dock of DEMO_DOCK_BINS) await createLocation(actors.manager, { warehouseId, ...dock });
  const { organizationId } = actors.manager;
  const rows = await withTenant(organizationId, (tx) =>
    tx.location.findMany({ where: { organizationId, warehouseId }, select: { id: true, code: true } }),
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Units of a product per lot (one entry with no lot for untracked products). */
function lotSplit(plan: DemoProductPlan, units: number, now: Date) {
  if (plan.lots.length === 0) return [{ units, lot: {} }];
  let left = units;
  return plan.lots.map((lot, i) => {
    const share = i === plan.lots.length - 1 ? left : Math.round(units * lot.share);
    left -= share;
    const expiresOn =
      lot.expiresInDays === null
        ? undefined
        : new Date(now.getTime() + lot.expiresInDays * DAY_MS).toISOString().slice(0, 10);
    return { units: share, lot: { lotNumber: lot.lotNumber, ...(expiresOn ? { expiresOn } : {}) } };
  });
}

/** Products, one goods-in receipt into the receiving bin, then put-away to pick faces and bulk. */
async function stockProducts(
  actors: DemoActors,
  bins: Map<string, string>,
  plans: readonly DemoProductPlan[],
  now: Date,
): Promise<void> {
  const receiving = bins.get(DEMO_RECEIVING_BIN)!;
  const products = new Map<string, string>();
  for (const plan of plans) {
    const product = await createProduct(actors.manager, {
      sku: plan.sku,
      name: plan.name,
      barcode: plan.barcode,
      weightGrams: plan.weightGrams,
      lengthMm: plan.dimensionsMm[0],
      widthMm: plan.dimensionsMm[1],
      heightMm: plan.dimensionsMm[2],
      lotTracked: plan.lotTracked,
      expiryTracked: plan.expiryTracked,
      expiryExclusionDays: plan.expiryExclusionDays,
    });
    products.set(plan.sku, product.id);
  }
  await receiveStock(actors.picker, {
    locationId: receiving,
    reference: 'PO-DEMO-0001',
    lines: plans.flatMap((plan) =>
      lotSplit(plan, plan.pickFaceUnits + plan.bulkUnits, now).map((part) => ({
        productId: products.get(plan.sku)!,
        quantity: part.units,
        ...part.lot,
      })),
    ),
  });
  for (const plan of plans) {
    const productId = products.get(plan.sku)!;
    const destinations: [string, number][] = [[plan.pickFace, plan.pickFaceUnits]];
    if (plan.bulk) destinations.push([plan.bulk, plan.bulkUnits]);
    for (const [code, units] of destinations) {
      for (const part of lotSplit(plan, units, now)) {
        if (part.units === 0) continue;
        await putAwayStock(actors.picker, {
          fromLocationId: receiving,
          toLocationId: bins.get(code)!,
          productId,
          quantity: part.units,
          ...('lotNumber' in part.lot ? { lotNumber: part.lot.lotNumber } : {}),
          reference: 'PO-DEMO-0001',
        });
      }
    }
  }
}

/** The manager asks for a count of a bulk bin; the picker counts it and finds two extra units. */
async function countWaitingForApproval(actors: DemoActors, warehouseId: string, locationId: string) {
  const { id: countTaskId } = await createCountTask(actors.manager, { warehouseId, locationId });
  const stock = await listLocationStock(actors.manager, { locationId });
  const task = await getCountTaskOrThrow(actors.picker, { countTaskId });
  await submitCount(actors.picker, {
    countTaskId,
    lines: task.lines.map((line, i) => {
      const level = stock.find((s) => s.productId === line.productId && s.lotId === line.lotId);
      return { lineId: line.lineId, countedQuantity: (level?.onHand ?? 0) + (i === 0 ? 2 : 0) };
    }),
  });
}
