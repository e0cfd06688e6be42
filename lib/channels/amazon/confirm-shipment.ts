// Shipment confirmation to Amazon (issue 8 item 5): one Orders v0 confirmShipment per parcel
// (POST /orders/v0/orders/{orderId}/shipmentConfirmation) with packageReferenceId = the parcel
// number, the carrier fields Amazon expects (lib/couriers/amazon-carrier.ts), tracking number,
// ship date and the order items in THIS parcel (OrderLine.channelLineId = Amazon OrderItemId) —
// so a split shipment is two confirmations Amazon accepts, each with its own items.
//
// Run by the `writeback.confirm-shipment` job (ids only in the payload). Calls go through
// SpApiSession: the Redis token bucket for (selling partner, orders.confirmShipment), the
// disconnect fence and bounded in-call retries; the job adds bounded retries with backoff. Every
// attempt is counted on the shipment and a failure is recorded there (status FAILED + the error
// class and code, never a body), where the shipments screen shows it with a retry button.
// Afterwards the order is read back from Amazon (getOrder) and upserted like the sync does, so
// its status (Shipped / PartiallyShipped) comes from Amazon, not from our guess.
import { z } from 'zod';
import { amazonCarrierFor } from '../../couriers/amazon-carrier.ts';
import type { Carrier } from '../../couriers/courier-adapter.ts';
import { readCredential } from '../../credentials/read-credential.ts';
import { withTenant } from '../../db/tenant.ts';
import type { Logger } from '../../logger.ts';
import { upsertAmazonOrders } from '../../orders/upsert-channel-orders.ts';
import { stampOrderCompletion } from '../../privacy/order-completion.ts';
import { systemContext } from '../../tenancy/tenant-context.ts';
import { AMAZON_REFRESH_TOKEN_KIND, INTEGRATION_SYSTEM_PERMISSIONS } from './integration-constants.ts';
import { normalizeV0Order } from './map-amazon-order.ts';
import { ZAmazonRegion, ZV0Order } from './schemas.ts';
import { SpApiSession, type SpApiSessionOptions } from './sp-api-session.ts';

export const CONFIRM_SHIPMENT_OPERATION = 'orders.confirmShipment' as const;

/** amazon-sp-api answers a 204 with `{ success: true }`. */
const ZConfirmShipmentResult = z.object({ success: z.literal(true) });

export type ConfirmShipmentResult =
  | { outcome: 'confirmed'; orderStatus: string | null }
  | {
      outcome: 'skipped';
      reason:
        'not-found' | 'not-amazon' | 'not-shipped' | 'already-confirmed' | 'disconnected' | 'no-credentials';
    };

export interface ConfirmShipmentOptions {
  logger: Logger;
  signal?: AbortSignal;
  session?: Omit<SpApiSessionOptions, 'logger' | 'signal'>;
}

interface ShipmentRow {
  parcel_number: number;
  status: string;
  confirmation_status: string | null;
  carrier: string | null;
  service_code: string | null;
  tracking_number: string | null;
  shipped_at: Date | null;
  amazon_order_id: string | null;
  marketplace_id: string | null;
  integration_id: string | null;
  selling_partner_id: string | null;
  region: string | null;
  integration_status: string | null;
}

export async function confirmShipmentToAmazon(
  organizationId: string,
  shipmentId: string,
  options: ConfirmShipmentOptions,
): Promise<ConfirmShipmentResult> {
  const loaded = await withTenant(organizationId, async (tx) => {
    const [row] = await tx.$queryRaw<ShipmentRow[]>`
      SELECT s.parcel_number, s.status::text AS status, s.confirmation_status::text AS confirmation_status,
             s.carrier, s.service_code, s.tracking_number, s.shipped_at,
             o.amazon_order_id, o.marketplace_id, o.integration_id,
             i.selling_partner_id, i.region, i.status::text AS integration_status
        FROM shipments s
        JOIN orders o ON o.organization_id = s.organization_id AND o.id = s.order_id
        LEFT JOIN amazon_integrations i ON i.organization_id = o.organization_id AND i.id = o.integration_id
       WHERE s.organization_id = ${organizationId}::uuid AND s.id = ${shipmentId}::uuid`;
    const items = await tx.$queryRaw<{ channel_line_id: string; quantity: number }[]>`
      SELECT l.channel_line_id, si.quantity
        FROM shipment_items si
        JOIN order_lines l ON l.organization_id = si.organization_id AND l.id = si.order_line_id
       WHERE si.organization_id = ${organizationId}::uuid AND si.shipment_id = ${shipmentId}::uuid
       ORDER BY l.channel_line_id`;
    return row ? { row, items } : null;
  });
  if (!loaded) return { outcome: 'skipped', reason: 'not-found' };
  const { row, items } = loaded;
  if (!row.amazon_order_id || !row.integration_id || !row.selling_partner_id) {
    return { outcome: 'skipped', reason: 'not-amazon' };
  }
  if (row.confirmation_status === 'CONFIRMED') return { outcome: 'skipped', reason: 'already-confirmed' };
  if (row.status !== 'SHIPPED' || !row.tracking_number || !row.carrier || !row.shipped_at) {
    return { outcome: 'skipped', reason: 'not-shipped' };
  }
  if (row.integration_status === 'DISCONNECTED') {
    await recordAttempt(organizationId, shipmentId, 'the Amazon integration is disconnected');
    return { outcome: 'skipped', reason: 'disconnected' };
  }
  const ctx = systemContext(organizationId, INTEGRATION_SYSTEM_PERMISSIONS);
  const refreshToken = await readCredential(ctx, {
    kind: AMAZON_REFRESH_TOKEN_KIND,
    ownerId: row.integration_id,
  });
  if (!refreshToken) return { outcome: 'skipped', reason: 'no-credentials' };

  const session = new SpApiSession(
    {
      organizationId,
      integrationId: row.integration_id,
      sellingPartnerId: row.selling_partner_id,
      region: ZAmazonRegion.parse(row.region),
      // confirmShipment exists only in Orders v0; getOrder afterwards uses v0 too.
      ordersApiVersion: 'V0',
      refreshToken,
    },
    { ...options.session, logger: options.logger, ...(options.signal ? { signal: options.signal } : {}) },
  );
  const carrier = amazonCarrierFor(row.carrier as Carrier, row.service_code ?? '');
  try {
    await session.call(
      {
        operation: CONFIRM_SHIPMENT_OPERATION,
        path: { orderId: row.amazon_order_id },
        body: {
          marketplaceId: row.marketplace_id,
          packageDetail: {
            packageReferenceId: String(row.parcel_number),
            carrierCode: carrier.carrierCode,
            ...(carrier.carrierCode === 'Other' ? { carrierName: carrier.carrierName } : {}),
            shippingMethod: carrier.shippingMethod,
            trackingNumber: row.tracking_number,
            shipDate: row.shipped_at.toISOString(),
            orderItems: items.map((i) => ({ orderItemId: i.channel_line_id, quantity: i.quantity })),
          },
        },
      },
      ZConfirmShipmentResult,
    );
  } catch (error) {
    await recordAttempt(organizationId, shipmentId, describeError(error));
    throw error;
  }
  await withTenant(
    organizationId,
    (tx) => tx.$executeRaw`
      UPDATE shipments
         SET confirmation_status = 'CONFIRMED', confirmation_error = NULL, confirmed_at = now(),
             confirmation_attempts = confirmation_attempts + 1, updated_at = now()
       WHERE organization_id = ${organizationId}::uuid AND id = ${shipmentId}::uuid`,
  );
  const orderStatus = await refreshOrderFromAmazon(
    session,
    organizationId,
    row.integration_id,
    row.amazon_order_id,
  );
  return { outcome: 'confirmed', orderStatus };
}

/** The order as Amazon now has it (Shipped / PartiallyShipped), upserted as the sync would. */
async function refreshOrderFromAmazon(
  session: SpApiSession,
  organizationId: string,
  integrationId: string,
  amazonOrderId: string,
): Promise<string | null> {
  const order = await session.call(
    { operation: 'orders.getOrder', path: { orderId: amazonOrderId } },
    ZV0Order,
  );
  return withTenant(organizationId, async (tx) => {
    const [upserted] = await upsertAmazonOrders(tx, organizationId, integrationId, [normalizeV0Order(order)]);
    await stampOrderCompletion(tx, organizationId);
    return upserted?.channelStatus ?? null;
  });
}

/** The error shown on the shipment: a class and code, never a response body. */
function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 500);
  return 'UnknownError';
}

async function recordAttempt(organizationId: string, shipmentId: string, message: string): Promise<void> {
  await withTenant(
    organizationId,
    (tx) => tx.$executeRaw`
      UPDATE shipments
         SET confirmation_status = 'FAILED', confirmation_error = ${message},
             confirmation_attempts = confirmation_attempts + 1, updated_at = now()
       WHERE organization_id = ${organizationId}::uuid AND id = ${shipmentId}::uuid
         AND confirmation_status IS DISTINCT FROM 'CONFIRMED'`,
  );
}
