// The shipments list: parcels with their order number, contents (SKU × quantity), carrier,
// service, tracking, labels on file and Amazon confirmation state. No buyer PII (the country only, kept in clear).
import { withTenant } from '../db/tenant.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListShipmentsInput, type TListShipmentsInput } from './schemas.ts';

export async function listShipments(ctx: TenantContext, input: TListShipmentsInput = {}) {
  assertPermission(ctx, 'orders.read');
  const data = ZListShipmentsInput.parse(input);
  const { organizationId } = ctx;
  const rows = await withTenant(organizationId, (tx) =>
    tx.shipment.findMany({
      where: {
        organizationId,
        ...(data.status ? { status: data.status } : {}),
        ...(data.confirmation ? { confirmationStatus: data.confirmation } : {}),
        ...(data.orderId ? { orderId: data.orderId } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: data.limit,
      select: {
        id: true,
        orderId: true,
        parcelNumber: true,
        status: true,
        weightGrams: true,
        carrier: true,
        serviceCode: true,
        trackingNumber: true,
        packedAt: true,
        labelledAt: true,
        shippedAt: true,
        voidedAt: true,
        confirmationStatus: true,
        confirmationError: true,
        confirmationAttempts: true,
        confirmedAt: true,
        createdAt: true,
        order: { select: { amazonOrderId: true, channel: true } },
        labels: { select: { format: true } },
        items: { select: { quantity: true, orderLine: { select: { sku: true } } } },
      },
    }),
  );
  return rows.map(({ order, labels, items, ...s }) => ({
    ...s,
    orderNumber: order.amazonOrderId ?? s.orderId,
    channel: order.channel,
    labelFormats: labels.map((l) => l.format),
    units: items.reduce((n, i) => n + i.quantity, 0),
    /** What the parcel holds: a split shipment's parcels each list their own lines. */
    contents: items.map((i) => ({ sku: i.orderLine.sku, quantity: i.quantity })),
  }));
}

export type ShipmentListRow = Awaited<ReturnType<typeof listShipments>>[number];
