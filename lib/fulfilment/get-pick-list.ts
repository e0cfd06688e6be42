// A pick list as the screens, the PDF and the picking station read it: its tasks (one per bin,
// product and lot, in walk order) with the orders' lines in each, progress and attribution. Orders
// appear by their channel number only — a pick list carries no buyer PII.
import type { PickListKind, PickListStatus } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { withTenant } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { formatPickListNumber } from './pick-list-number.ts';
import { ZPickListIdInput } from './pick-list-schemas.ts';
import { groupIntoTasks } from './pick-walk.ts';
import { orderLabel } from './select-pick-orders.ts';

export type PickLineState = 'OPEN' | 'PICKED' | 'SHORT_REALLOCATED' | 'BACKORDERED';

export interface PickListLineView {
  id: string;
  sequence: number;
  orderId: string;
  orderLabel: string;
  orderLineId: string;
  quantity: number;
  picked: number;
  short: number;
  state: PickLineState;
  pickedBy: string | null;
  pickedAt: Date | null;
}

export interface PickTask {
  key: string;
  locationId: string;
  locationCode: string;
  productId: string;
  sku: string;
  productName: string;
  barcode: string | null;
  lotTracked: boolean;
  lotId: string | null;
  lotNumber: string | null;
  quantity: number;
  picked: number;
  short: number;
  /** Units still to pick. */
  open: number;
  lines: PickListLineView[];
}

export interface PickListView {
  id: string;
  number: string;
  kind: PickListKind;
  status: PickListStatus;
  warehouse: { id: string; code: string; name: string };
  waveCutoff: Date | null;
  createdAt: Date;
  completedAt: Date | null;
  orders: { id: string; label: string }[];
  tasks: PickTask[];
  totals: { orders: number; lines: number; units: number; picked: number; short: number; open: number };
}

/** Reads the list inside the caller's transaction (confirmPick returns the state it left). */
export async function readPickList(
  tx: TenantTx,
  organizationId: string,
  pickListId: string,
): Promise<PickListView> {
  const list = await tx.pickList.findFirst({
    where: { organizationId, id: pickListId },
    select: {
      id: true,
      number: true,
      kind: true,
      status: true,
      waveCutoff: true,
      createdAt: true,
      completedAt: true,
      warehouse: { select: { id: true, code: true, name: true } },
      orders: {
        select: { order: { select: { id: true, amazonOrderId: true } } },
        orderBy: { createdAt: 'asc' },
      },
      lines: {
        orderBy: { sequence: 'asc' },
        select: {
          id: true,
          sequence: true,
          orderId: true,
          orderLineId: true,
          productId: true,
          locationId: true,
          lotId: true,
          quantity: true,
          quantityPicked: true,
          quantityShort: true,
          pickedById: true,
          pickedAt: true,
          order: { select: { id: true, amazonOrderId: true } },
          product: { select: { sku: true, name: true, barcode: true, lotTracked: true } },
          location: { select: { code: true } },
          lot: { select: { lotNumber: true } },
        },
      },
    },
  });
  if (!list) throw new AppError('NOT_FOUND', 'pick list not found');
  const pickerIds = [...new Set(list.lines.flatMap((l) => (l.pickedById ? [l.pickedById] : [])))];
  const pickers = new Map(
    (
      await tx.membership.findMany({
        where: { organizationId, userId: { in: pickerIds } },
        select: { userId: true, user: { select: { name: true } } },
      })
    ).map((m) => [m.userId, m.user.name]),
  );
  const lastSequenceOfLine = new Map<string, number>();
  for (const l of list.lines) lastSequenceOfLine.set(l.orderLineId, l.sequence);
  const state = (l: (typeof list.lines)[number]): PickLineState => {
    if (l.quantityShort > 0) {
      return lastSequenceOfLine.get(l.orderLineId)! > l.sequence ? 'SHORT_REALLOCATED' : 'BACKORDERED';
    }
    return l.quantityPicked === l.quantity ? 'PICKED' : 'OPEN';
  };
  const tasks = groupIntoTasks(list.lines).map(({ key, lines }): PickTask => {
    const first = lines[0]!;
    const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((n, l) => n + f(l), 0);
    const quantity = sum((l) => l.quantity);
    const picked = sum((l) => l.quantityPicked);
    const short = sum((l) => l.quantityShort);
    return {
      key,
      locationId: first.locationId,
      locationCode: first.location.code,
      productId: first.productId,
      sku: first.product.sku,
      productName: first.product.name,
      barcode: first.product.barcode,
      lotTracked: first.product.lotTracked,
      lotId: first.lotId,
      lotNumber: first.lot?.lotNumber ?? null,
      quantity,
      picked,
      short,
      open: quantity - picked - short,
      lines: lines.map((l) => ({
        id: l.id,
        sequence: l.sequence,
        orderId: l.orderId,
        orderLabel: orderLabel(l.order),
        orderLineId: l.orderLineId,
        quantity: l.quantity,
        picked: l.quantityPicked,
        short: l.quantityShort,
        state: state(l),
        pickedBy: l.pickedById ? (pickers.get(l.pickedById) ?? null) : null,
        pickedAt: l.pickedAt,
      })),
    };
  });
  const total = (f: (t: PickTask) => number) => tasks.reduce((n, t) => n + f(t), 0);
  return {
    id: list.id,
    number: formatPickListNumber(list.number),
    kind: list.kind,
    status: list.status,
    warehouse: list.warehouse,
    waveCutoff: list.waveCutoff,
    createdAt: list.createdAt,
    completedAt: list.completedAt,
    orders: list.orders.map((o) => ({ id: o.order.id, label: orderLabel(o.order) })),
    tasks,
    totals: {
      orders: list.orders.length,
      lines: list.lines.length,
      units: total((t) => t.quantity),
      picked: total((t) => t.picked),
      short: total((t) => t.short),
      open: total((t) => t.open),
    },
  };
}

export async function getPickList(ctx: TenantContext, input: { pickListId: string }): Promise<PickListView> {
  assertPermission(ctx, 'fulfilment.pick');
  const { pickListId } = ZPickListIdInput.parse(input);
  return withTenant(ctx.organizationId, (tx) => readPickList(tx, ctx.organizationId, pickListId));
}
