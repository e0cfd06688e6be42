// Goods-in: books good units into a location (RECEIVE on the ledger), against an expected
// delivery or blind. Lot and expiry are captured where the product demands them. Over-receipt
// against the delivery and damaged units are recorded as discrepancies (damaged units are not
// booked into stock); short receipts are recorded when the delivery is closed.
import type { ReceivingDiscrepancyKind } from '../db/generated/prisma/enums.ts';
import type { TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { actorOf } from './actor.ts';
import { runInventoryTx } from './db-errors.ts';
import { requireLocation, requireProduct } from './load.ts';
import { postMovement } from './post-movement.ts';
import { findOrCreateLot } from './resolve-lot.ts';
import { ZReceiveStockInput, type TReceiveStockInput } from './schemas.ts';
import { afterAvailabilityChange } from './on-availability-changed.ts';

export interface ReceiveStockResult {
  movements: { id: string; productId: string; lotId: string | null; quantity: number }[];
  discrepancies: { kind: ReceivingDiscrepancyKind; productId: string; quantity: number }[];
}

export async function receiveStock(
  ctx: TenantContext,
  input: TReceiveStockInput,
): Promise<ReceiveStockResult> {
  assertPermission(ctx, 'inventory.update');
  const data = ZReceiveStockInput.parse(input);
  const organizationId = ctx.organizationId;

  return runInventoryTx(ctx, async (tx) => {
    const location = await requireLocation(tx, organizationId, data.locationId);
    const delivery = data.deliveryId ? await lockOpenDelivery(tx, organizationId, data.deliveryId) : null;
    if (delivery && delivery.warehouseId !== location.warehouseId) {
      throw new AppError('BAD_REQUEST', 'the location is not in the delivery’s warehouse');
    }
    const reference = data.reference ?? (delivery ? `delivery:${delivery.id}` : null);
    const result: ReceiveStockResult = { movements: [], discrepancies: [] };

    const discrepancy = async (
      kind: ReceivingDiscrepancyKind,
      productId: string,
      lotId: string | null,
      quantity: number,
      note?: string,
    ) => {
      await tx.receivingDiscrepancy.create({
        data: {
          organizationId,
          deliveryId: delivery?.id ?? null,
          productId,
          lotId,
          kind,
          quantity,
          note: note ?? null,
          ...actorOf(ctx),
        },
      });
      result.discrepancies.push({ kind, productId, quantity });
    };

    for (const line of data.lines) {
      const product = await requireProduct(tx, organizationId, line.productId);
      const lotId = await findOrCreateLot(tx, organizationId, product, line);
      if (line.quantity > 0) {
        const movement = await postMovement(tx, ctx, {
          type: 'RECEIVE',
          productId: product.id,
          lotId,
          toLocationId: location.id,
          quantity: line.quantity,
          reference,
        });
        result.movements.push({ id: movement.id, productId: product.id, lotId, quantity: line.quantity });
      }
      if (line.damagedQuantity > 0)
        await discrepancy('DAMAGED', product.id, lotId, line.damagedQuantity, line.note);

      if (delivery) {
        const existing = await tx.inboundDeliveryLine.findFirst({
          where: { organizationId, deliveryId: delivery.id, productId: product.id },
          select: { id: true, expectedQuantity: true, receivedQuantity: true },
        });
        const expected = existing?.expectedQuantity ?? 0;
        const before = existing?.receivedQuantity ?? 0;
        const after = before + line.quantity;
        const over = Math.max(0, after - Math.max(expected, before));
        if (existing) {
          await tx.inboundDeliveryLine.update({
            where: { organizationId_id: { organizationId, id: existing.id } },
            data: {
              receivedQuantity: { increment: line.quantity },
              damagedQuantity: { increment: line.damagedQuantity },
            },
          });
        } else {
          // A product the delivery did not list: received all the same, and all of it is over.
          await tx.inboundDeliveryLine.create({
            data: {
              organizationId,
              deliveryId: delivery.id,
              productId: product.id,
              expectedQuantity: 0,
              receivedQuantity: line.quantity,
              damagedQuantity: line.damagedQuantity,
            },
          });
        }
        if (over > 0) await discrepancy('OVER', product.id, lotId, over, line.note);
      }
    }
    return result;
  }).then(afterAvailabilityChange(ctx, (r) => r.movements.map((m) => m.productId)));
}

async function lockOpenDelivery(tx: TenantTx, organizationId: string, deliveryId: string) {
  const rows = await tx.$queryRaw<{ id: string; warehouse_id: string; status: string }[]>`
    SELECT id, warehouse_id, status::text AS status FROM inbound_deliveries
     WHERE organization_id = ${organizationId}::uuid AND id = ${deliveryId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', 'delivery not found');
  if (row.status !== 'OPEN') throw new AppError('CONFLICT', 'the delivery is closed');
  return { id: row.id, warehouseId: row.warehouse_id };
}
