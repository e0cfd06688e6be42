// Scan-verified picking (issue 8, item 2): the picker scanned the bin, the item (and the lot) of a
// task and took `quantity` units. In ONE transaction: the scans are checked against the task
// ("expected X, got Y"), the units are spread over the task's open lines in walk order, each
// line's allocation is consumed (DEALLOCATE + PICK, reference pick-list:<id>), and with `short`
// the rest is recorded short: its reservation at the bin is released, the missing units are
// adjusted out (reason SHORT_PICK — the stock is evidently not there) and the orders are
// re-allocated from other bins — never from the bin just found short, even if its books still
// show free units there — and that bin gets a blind cycle count (unless one is already open);
// what was found becomes new lines at the end of the list, what was not shows as backordered.
// The list completes when every line is picked or short.
//
// Double submits: the pick list row is locked first (one confirmation per list at a time), and a
// confirmation whose scanId is already recorded on a line returns the current state unchanged.
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import {
  consumeAllocationForPick,
  releaseAllocationAtLevel,
} from '../inventory/consume-allocation-for-pick.ts';
import { requestLocationCount } from '../inventory/create-count-task.ts';
import { runInventoryTx } from '../inventory/db-errors.ts';
import { onAvailabilityChanged } from '../inventory/on-availability-changed.ts';
import { lockStockLevel, postMovement } from '../inventory/post-movement.ts';
import { reserveOrderStock } from '../inventory/reserve-stock.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { readPickList, type PickListView } from './get-pick-list.ts';
import { ZConfirmPickInput, type TConfirmPickInput } from './pick-list-schemas.ts';
import { appendReallocatedLines } from './append-reallocated-lines.ts';
import { verifyPickScans } from './verify-pick-scan.ts';

export const SHORT_PICK_REASON = 'SHORT_PICK';

export interface ConfirmPickResult {
  /** False when this scanId had already been recorded (a resubmission): nothing changed. */
  applied: boolean;
  pickList: PickListView;
}

async function lockPickList(tx: TenantTx, organizationId: string, pickListId: string) {
  const rows = await tx.$queryRaw<{ id: string; status: string; warehouse_id: string }[]>`
    SELECT id, status::text, warehouse_id FROM pick_lists
     WHERE organization_id = ${organizationId}::uuid AND id = ${pickListId}::uuid FOR UPDATE`;
  const list = rows[0];
  if (!list) throw new AppError('NOT_FOUND', 'pick list not found');
  return list;
}

async function alreadyRecorded(tx: TenantTx, organizationId: string, pickListId: string, scanId: string) {
  const line = await tx.pickListLine.findFirst({
    where: { organizationId, pickListId, lastScanId: scanId },
    select: { id: true },
  });
  return line !== null;
}

export async function confirmPick(ctx: TenantContext, input: TConfirmPickInput): Promise<ConfirmPickResult> {
  assertPermission(ctx, 'fulfilment.pick');
  const data = ZConfirmPickInput.parse(input);
  const organizationId = ctx.organizationId;
  const reference = `pick-list:${data.pickListId}`;
  const result = await runInventoryTx(ctx, async (tx) => {
    const list = await lockPickList(tx, organizationId, data.pickListId);
    if (await alreadyRecorded(tx, organizationId, list.id, data.scanId)) {
      return { applied: false, pickList: await readPickList(tx, organizationId, list.id) };
    }
    if (list.status === 'COMPLETED' || list.status === 'CANCELLED') {
      throw new AppError('CONFLICT', `the pick list is ${list.status.toLowerCase()}`);
    }
    const lines = await tx.pickListLine.findMany({
      where: {
        organizationId,
        pickListId: list.id,
        locationId: data.locationId,
        productId: data.productId,
        lotId: data.lotId,
      },
      orderBy: { sequence: 'asc' },
      select: {
        id: true,
        orderId: true,
        orderLineId: true,
        stockLevelId: true,
        quantity: true,
        quantityPicked: true,
        quantityShort: true,
        product: { select: { sku: true, barcode: true } },
        location: { select: { code: true } },
        lot: { select: { lotNumber: true } },
      },
    });
    const first = lines[0];
    if (!first) throw new AppError('NOT_FOUND', 'no such pick on this list');
    const refused = verifyPickScans(
      {
        binCode: first.location.code,
        sku: first.product.sku,
        barcode: first.product.barcode,
        lotNumber: first.lot?.lotNumber ?? null,
      },
      { bin: data.scannedBin, item: data.scannedItem, lot: data.scannedLot },
    );
    if (refused) throw new AppError('UNPROCESSABLE', refused);
    const open = lines
      .map((l) => ({ ...l, open: l.quantity - l.quantityPicked - l.quantityShort }))
      .filter((l) => l.open > 0);
    const openTotal = open.reduce((n, l) => n + l.open, 0);
    if (openTotal === 0) throw new AppError('CONFLICT', 'this pick is already done');
    if (data.quantity > openTotal) {
      throw new AppError('UNPROCESSABLE', `Too many: expected at most ${openTotal}, got ${data.quantity}`);
    }
    // Orders first, in id order (allocation's lock order), then stock rows inside the helpers.
    const orderIds = [...new Set(open.map((l) => l.orderId))].sort();
    await tx.$queryRaw`
      SELECT id FROM orders WHERE organization_id = ${organizationId}::uuid AND id = ANY(${orderIds}::uuid[])
       ORDER BY id FOR UPDATE`;

    let left = data.quantity;
    let shortTotal = 0;
    const shortLines: typeof open = [];
    const now = new Date();
    for (const line of open) {
      const take = Math.min(line.open, left);
      left -= take;
      const at = { orderId: line.orderId, orderLineId: line.orderLineId, stockLevelId: line.stockLevelId };
      if (take > 0) await consumeAllocationForPick(tx, ctx, at, take, reference);
      const short = data.short ? line.open - take : 0;
      if (short > 0) {
        await releaseAllocationAtLevel(tx, ctx, at, short, reference);
        shortTotal += short;
        shortLines.push(line);
      }
      if (take === 0 && short === 0) continue;
      await tx.pickListLine.update({
        where: { id: line.id },
        data: {
          quantityPicked: { increment: take },
          quantityShort: { increment: short },
          version: { increment: 1 },
          lastScanId: data.scanId,
          pickedById: ctx.actor.id,
          pickedAt: now,
        },
        select: { id: true },
      });
    }
    if (shortTotal > 0) {
      await adjustOutMissing(
        tx,
        ctx,
        { ...first, locationId: data.locationId, productId: data.productId, lotId: data.lotId },
        shortTotal,
        reference,
      );
      // Every line of this task is at the same stock level (location + product + lot).
      const excludeStockLevelIds = [...new Set(shortLines.map((l) => l.stockLevelId))];
      const shortOrderIds = [...new Set(shortLines.map((l) => l.orderId))].sort();
      for (const orderId of shortOrderIds) {
        await reserveOrderStock(tx, ctx, orderId, now, { excludeStockLevelIds });
      }
      await requestLocationCount(tx, ctx, data.locationId, SHORT_PICK_REASON);
      await appendReallocatedLines(
        tx,
        organizationId,
        { id: list.id, warehouseId: list.warehouse_id },
        shortLines,
      );
    }
    await settleStatus(tx, organizationId, list.id, now);
    return { applied: true, pickList: await readPickList(tx, organizationId, list.id) };
  });
  if (result.applied) await onAvailabilityChanged(ctx, [data.productId]);
  return result;
}

/**
 * The units not found leave the books at that bin (ADJUST, SHORT_PICK). At most what is on hand
 * and not reserved for other orders: a bin cannot go negative, and other orders' reservations
 * there are theirs to discover.
 */
async function adjustOutMissing(
  tx: TenantTx,
  ctx: TenantContext,
  key: { locationId: string; productId: string; lotId: string | null },
  missing: number,
  reference: string,
): Promise<void> {
  const level = await lockStockLevel(tx, ctx.organizationId, key);
  const quantity = Math.min(missing, level.quantity - level.reservedQuantity);
  if (quantity <= 0) return;
  await postMovement(tx, ctx, {
    type: 'ADJUST',
    productId: key.productId,
    lotId: key.lotId,
    fromLocationId: key.locationId,
    quantity,
    reasonCode: SHORT_PICK_REASON,
    reference,
  });
}

/** OPEN → IN_PROGRESS on the first confirmation; COMPLETED (orders released from the list) when nothing is open. */
async function settleStatus(
  tx: TenantTx,
  organizationId: string,
  pickListId: string,
  now: Date,
): Promise<void> {
  const rows = await tx.$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS open FROM pick_list_lines
     WHERE organization_id = ${organizationId}::uuid AND pick_list_id = ${pickListId}::uuid
       AND quantity_picked + quantity_short < quantity`;
  const done = (rows[0]?.open ?? 0) === 0;
  await tx.pickList.update({
    where: { id: pickListId },
    data: done ? { status: 'COMPLETED', completedAt: now } : { status: 'IN_PROGRESS' },
    select: { id: true },
  });
  if (done) {
    await tx.pickListOrder.updateMany({ where: { organizationId, pickListId }, data: { active: false } });
  }
}
