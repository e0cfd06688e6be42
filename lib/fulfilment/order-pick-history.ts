// The order detail's pick history: every pick list the order was on (number, kind, status, when
// created and completed) with this order's lines on it — bin, SKU, lot, units picked and short,
// picked by whom and when. Pickers are members of the organization; nothing of the buyer is read.
import { z } from 'zod';
import type { PickListKind, PickListStatus } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { formatPickListNumber } from './pick-list-number.ts';

const ZOrderPickHistoryInput = z.strictObject({ orderId: z.uuid() });

export interface OrderPickLine {
  id: string;
  sku: string;
  locationCode: string;
  lotNumber: string | null;
  quantity: number;
  picked: number;
  short: number;
  pickedBy: string | null;
  pickedAt: Date | null;
}

export interface OrderPickHistoryEntry {
  pickListId: string;
  number: string;
  kind: PickListKind;
  status: PickListStatus;
  createdAt: Date;
  completedAt: Date | null;
  cancelledAt: Date | null;
  lines: OrderPickLine[];
}

/** Oldest pick list first; lines in walk order. */
export async function getOrderPickHistory(
  ctx: TenantContext,
  input: { orderId: string },
): Promise<OrderPickHistoryEntry[]> {
  assertPermission(ctx, 'orders.read');
  const { orderId } = ZOrderPickHistoryInput.parse(input);
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    const lists = await tx.pickList.findMany({
      where: { organizationId, orders: { some: { organizationId, orderId } } },
      orderBy: { number: 'asc' },
      select: {
        id: true,
        number: true,
        kind: true,
        status: true,
        createdAt: true,
        completedAt: true,
        cancelledAt: true,
        lines: {
          where: { organizationId, orderId },
          orderBy: { sequence: 'asc' },
          select: {
            id: true,
            quantity: true,
            quantityPicked: true,
            quantityShort: true,
            pickedById: true,
            pickedAt: true,
            product: { select: { sku: true } },
            location: { select: { code: true } },
            lot: { select: { lotNumber: true } },
          },
        },
      },
    });
    const pickerIds = [...new Set(lists.flatMap((p) => p.lines.flatMap((l) => l.pickedById ?? [])))];
    const pickers = new Map(
      pickerIds.length === 0
        ? []
        : (
            await tx.membership.findMany({
              where: { organizationId, userId: { in: pickerIds } },
              select: { userId: true, user: { select: { name: true } } },
            })
          ).map((m) => [m.userId, m.user.name]),
    );
    return lists.map((p) => ({
      pickListId: p.id,
      number: formatPickListNumber(p.number),
      kind: p.kind,
      status: p.status,
      createdAt: p.createdAt,
      completedAt: p.completedAt,
      cancelledAt: p.cancelledAt,
      lines: p.lines.map((l) => ({
        id: l.id,
        sku: l.product.sku,
        locationCode: l.location.code,
        lotNumber: l.lot?.lotNumber ?? null,
        quantity: l.quantity,
        picked: l.quantityPicked,
        short: l.quantityShort,
        pickedBy: l.pickedById ? (pickers.get(l.pickedById) ?? null) : null,
        pickedAt: l.pickedAt,
      })),
    }));
  });
}
