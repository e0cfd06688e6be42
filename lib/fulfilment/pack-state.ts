// What the packing station shows for one order, read inside the caller's tenant transaction:
// per order line what was ordered, picked (pick lists, lib/fulfilment/picked-quantities.ts) and
// packed (items of the order's parcels that were not voided), and the parcels themselves.
// No buyer PII: the recipient is only decrypted for the packing slip and the label.
import type { TenantTx } from '../db/tenant.ts';
import { pickedQuantitiesByLine } from './picked-quantities.ts';

export interface PackLine {
  orderLineId: string;
  channelLineId: string;
  sku: string | null;
  title: string | null;
  barcode: string | null;
  productWeightGrams: number | null;
  ordered: number;
  picked: number;
  packed: number;
  /** Picked but not yet packed: what may still be scanned into a parcel. */
  packable: number;
}

export interface PackParcel {
  id: string;
  parcelNumber: number;
  status: 'PACKING' | 'PACKED' | 'LABELLED' | 'SHIPPED' | 'VOIDED';
  weightGrams: number | null;
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
  carrier: string | null;
  serviceCode: string | null;
  trackingNumber: string | null;
  items: { orderLineId: string; quantity: number }[];
}

export interface PackState {
  order: {
    id: string;
    number: string;
    status: string;
    channel: string;
    hidePrices: boolean;
  };
  lines: PackLine[];
  /** Parcels not voided, in order. */
  parcels: PackParcel[];
  /** The parcel being filled, if any. */
  openParcel: PackParcel | null;
  /** Every ordered unit is packed. */
  complete: boolean;
}

export const orderNumberOf = (order: { amazonOrderId: string | null; id: string }) =>
  order.amazonOrderId ?? order.id;

export async function loadPackState(
  tx: TenantTx,
  organizationId: string,
  orderId: string,
): Promise<PackState | null> {
  const order = await tx.order.findFirst({
    where: { organizationId, id: orderId, deletedAt: null },
    select: {
      id: true,
      amazonOrderId: true,
      status: true,
      channel: true,
      packingSlipHidePrices: true,
      lines: {
        orderBy: { channelLineId: 'asc' },
        select: { id: true, channelLineId: true, sku: true, title: true, quantityOrdered: true },
      },
    },
  });
  if (!order) return null;
  const skus = order.lines.map((l) => l.sku).filter((s): s is string => s !== null);
  // One after another: a transaction is one connection (concurrent queries on it only queue, and
  // pg 9 refuses them; eslint.config.mjs flags Promise.all over a tx).
  const picked = await pickedQuantitiesByLine(tx, organizationId, orderId);
  const shipments = await tx.shipment.findMany({
    where: { organizationId, orderId, status: { not: 'VOIDED' } },
    orderBy: { parcelNumber: 'asc' },
    include: { items: { select: { orderLineId: true, quantity: true } } },
  });
  const products = await tx.product.findMany({
    where: { organizationId, sku: { in: skus } },
    select: { sku: true, barcode: true, weightGrams: true },
  });
  const packed = new Map<string, number>();
  for (const s of shipments) {
    for (const i of s.items) packed.set(i.orderLineId, (packed.get(i.orderLineId) ?? 0) + i.quantity);
  }
  const productBySku = new Map(products.map((p) => [p.sku, p]));
  const lines: PackLine[] = order.lines.map((l) => {
    const product = l.sku ? productBySku.get(l.sku) : undefined;
    const pickedQty = picked.get(l.id) ?? 0;
    const packedQty = packed.get(l.id) ?? 0;
    return {
      orderLineId: l.id,
      channelLineId: l.channelLineId,
      sku: l.sku,
      title: l.title,
      barcode: product?.barcode ?? null,
      productWeightGrams: product?.weightGrams ?? null,
      ordered: l.quantityOrdered,
      picked: pickedQty,
      packed: packedQty,
      packable: Math.max(0, pickedQty - packedQty),
    };
  });
  const parcels: PackParcel[] = shipments.map((s) => ({
    id: s.id,
    parcelNumber: s.parcelNumber,
    status: s.status,
    weightGrams: s.weightGrams,
    lengthMm: s.lengthMm,
    widthMm: s.widthMm,
    heightMm: s.heightMm,
    carrier: s.carrier,
    serviceCode: s.serviceCode,
    trackingNumber: s.trackingNumber,
    items: s.items,
  }));
  return {
    order: {
      id: order.id,
      number: orderNumberOf(order),
      status: order.status,
      channel: order.channel,
      hidePrices: order.packingSlipHidePrices,
    },
    lines,
    parcels,
    openParcel: parcels.find((p) => p.status === 'PACKING') ?? null,
    complete: lines.length > 0 && lines.every((l) => l.packed >= l.ordered),
  };
}
