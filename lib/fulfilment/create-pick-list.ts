// Creating pick lists (issue 8, item 1): from chosen orders or a filter, one warehouse.
// SINGLE = one order; BATCH = many orders in one list, lines grouped by bin and product (one
// visit per bin); WAVE = the orders split by ship-by cutoff (the hour their latest ship date falls
// in), one list per cutoff. Lines are the orders' current stock allocations in this warehouse,
// in walk order (the bins' pick sequence). Orders that cannot be picked are reported with why.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { PickListKind } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { auditBase } from '../inventory/actor.ts';
import { runInventoryTx } from '../inventory/db-errors.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { loadPickAllocations } from './load-pick-allocations.ts';
import { formatPickListNumber, nextPickListNumber } from './pick-list-number.ts';
import { ZCreatePickListInput, type TCreatePickListInput } from './pick-list-schemas.ts';
import { sortByWalkPath } from './pick-walk.ts';
import {
  classifyOrders,
  findOrdersByFilter,
  type PickOrder,
  type SkippedOrder,
} from './select-pick-orders.ts';

export interface CreatedPickList {
  id: string;
  number: string;
  kind: PickListKind;
  waveCutoff: Date | null;
  orders: number;
  lines: number;
  units: number;
}

export interface CreatePickListResult {
  pickLists: CreatedPickList[];
  skipped: SkippedOrder[];
}

const HOUR_MS = 3600_000;

/** The wave an order belongs to: the start of the hour of its latest ship date (null: none given). */
const cutoffOf = (o: PickOrder): number | null =>
  o.latestShipAt ? Math.floor(o.latestShipAt.getTime() / HOUR_MS) * HOUR_MS : null;

function groupForKind(
  kind: PickListKind,
  orders: PickOrder[],
): { cutoff: Date | null; orders: PickOrder[] }[] {
  if (kind !== 'WAVE') return [{ cutoff: null, orders }];
  const waves = new Map<number | null, PickOrder[]>();
  for (const o of orders) {
    const key = cutoffOf(o);
    waves.set(key, [...(waves.get(key) ?? []), o]);
  }
  return [...waves.entries()]
    .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([cutoff, group]) => ({ cutoff: cutoff === null ? null : new Date(cutoff), orders: group }));
}

async function insertPickList(
  tx: TenantTx,
  ctx: TenantContext,
  input: { warehouseId: string; kind: PickListKind; cutoff: Date | null; orders: PickOrder[] },
): Promise<CreatedPickList> {
  const organizationId = ctx.organizationId;
  const lines = sortByWalkPath(
    await loadPickAllocations(tx, organizationId, input.warehouseId, input.orders),
  );
  const number = await nextPickListNumber(tx, organizationId);
  const list = await tx.pickList.create({
    data: {
      organizationId,
      number,
      kind: input.kind,
      warehouseId: input.warehouseId,
      waveCutoff: input.cutoff,
      createdById: ctx.actor.type === 'USER' ? ctx.actor.id : null,
    },
    select: { id: true },
  });
  await tx.pickListOrder.createMany({
    data: input.orders.map((o) => ({ organizationId, pickListId: list.id, orderId: o.id })),
  });
  await tx.pickListLine.createMany({
    data: lines.map((l, i) => ({
      organizationId,
      pickListId: list.id,
      orderId: l.orderId,
      orderLineId: l.orderLineId,
      productId: l.productId,
      locationId: l.locationId,
      lotId: l.lotId,
      stockLevelId: l.stockLevelId,
      quantity: l.quantity,
      sequence: i + 1,
    })),
  });
  const created: CreatedPickList = {
    id: list.id,
    number: formatPickListNumber(number),
    kind: input.kind,
    waveCutoff: input.cutoff,
    orders: input.orders.length,
    lines: lines.length,
    units: lines.reduce((n, l) => n + l.quantity, 0),
  };
  await recordAuditEvent(tx, {
    ...auditBase(ctx),
    action: 'fulfilment.pick_list.created',
    targetType: 'pick_list',
    targetId: list.id,
    metadata: { number: created.number, kind: created.kind, orders: created.orders, lines: created.lines },
  });
  return created;
}

export async function createPickList(
  ctx: TenantContext,
  input: TCreatePickListInput,
): Promise<CreatePickListResult> {
  assertPermission(ctx, 'fulfilment.pick');
  const data = ZCreatePickListInput.parse(input);
  const organizationId = ctx.organizationId;
  return runInventoryTx(ctx, async (tx) => {
    const warehouse = await tx.warehouse.findFirst({
      where: { organizationId, id: data.warehouseId },
      select: { id: true },
    });
    if (!warehouse) throw new AppError('NOT_FOUND', 'warehouse not found');
    const orderIds =
      data.orderIds ?? (await findOrdersByFilter(tx, organizationId, warehouse.id, data.filter));
    if (orderIds.length === 0)
      throw new AppError('UNPROCESSABLE', 'no orders are ready to pick in this warehouse');
    const { pickable, skipped } = await classifyOrders(
      tx,
      organizationId,
      warehouse.id,
      orderIds,
      data.allowPartial,
    );
    if (pickable.length === 0) return { pickLists: [], skipped };
    const pickLists: CreatedPickList[] = [];
    for (const group of groupForKind(data.kind, pickable)) {
      pickLists.push(
        await insertPickList(tx, ctx, {
          warehouseId: warehouse.id,
          kind: data.kind,
          cutoff: group.cutoff,
          orders: group.orders,
        }),
      );
    }
    return { pickLists, skipped };
  });
}
