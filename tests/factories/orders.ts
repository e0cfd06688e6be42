// Orders with buyer PII in the vault, for privacy-engine tests. Orders are written through the
// system client (as the Amazon sync would have left them); the recipient goes through the real
// vault (storeBuyerPiiBatch) so ciphertexts and blind indexes are genuine.
import { randomBytes } from 'node:crypto';
import { systemDb } from '../../lib/db/system.ts';
import type { OrderStatus } from '../../lib/db/generated/prisma/enums.ts';
import { storeBuyerPiiBatch } from '../../lib/pii/store-buyer-pii.ts';
import type { TenantContext } from '../../lib/tenancy/tenant-context.ts';
import { createOrganization } from '../factories.ts';
import { memberContext } from '../helpers/contexts.ts';

const DAY_MS = 24 * 3600 * 1000;

export const daysBefore = (now: Date, days: number): Date => new Date(now.getTime() - days * DAY_MS);

export interface TestOrderSpec {
  status?: OrderStatus;
  /** Sets completed_at directly (as stampOrderCompletion would). */
  completedAt?: Date | null;
  /** A SHIPPED status event at this time (completion derived by stampOrderCompletion). */
  shippedAt?: Date;
  cancelledAt?: Date;
  deletedAt?: Date;
  /** Default: the day before completion (else before the wall clock). */
  purchasedAt?: Date;
  /** Default: the completion itself (shipped on its last ship day), else none. */
  latestShipAt?: Date | null;
  /** An Amazon integration of the organization the order came through. */
  integrationId?: string;
  buyer?: { name?: string; email?: string; phone?: string; postcode?: string };
}

export interface TestOrder {
  id: string;
  piiRecordId: string;
  amazonOrderId: string;
}

/** An organization with a manager, an admin and a warehouse member, for privacy tests. */
export async function createPrivacyTenant() {
  const org = await createOrganization();
  return {
    org,
    manager: await memberContext(org.id, 'MANAGER'),
    admin: await memberContext(org.id, 'ADMIN'),
    warehouse: await memberContext(org.id, 'WAREHOUSE'),
  };
}

/** Creates the orders (one line each) and stores each one's recipient in the vault. */
export async function createOrdersWithPii(
  ctx: TenantContext,
  specs: readonly TestOrderSpec[],
): Promise<TestOrder[]> {
  const db = systemDb();
  const organizationId = ctx.organizationId;
  const now = new Date();
  const orders = specs.map((spec, i) => {
    const completion = spec.shippedAt ?? spec.cancelledAt ?? spec.completedAt ?? null;
    return {
      id: crypto.randomUUID(),
      organizationId,
      channel: spec.integrationId ? ('AMAZON' as const) : ('MANUAL' as const),
      integrationId: spec.integrationId ?? null,
      amazonOrderId: `T-${randomBytes(5).toString('hex')}-${i}`,
      status: spec.status ?? (spec.cancelledAt ? 'CANCELLED' : 'SHIPPED'),
      channelStatus: spec.cancelledAt ? 'Canceled' : 'Shipped',
      fulfilmentChannel: 'MERCHANT' as const,
      purchasedAt: spec.purchasedAt ?? daysBefore(completion ?? now, 1),
      latestShipAt: spec.latestShipAt === undefined ? completion : spec.latestShipAt,
      channelUpdatedAt: spec.shippedAt ?? spec.cancelledAt ?? spec.completedAt ?? now,
      totalMinor: 1999n,
      currency: 'EUR',
      piiStatus: 'PENDING' as const,
      cancelledAt: spec.cancelledAt ?? null,
      completedAt: spec.completedAt ?? null,
      deletedAt: spec.deletedAt ?? null,
    };
  });
  for (let i = 0; i < orders.length; i += 1000) {
    const chunk = orders.slice(i, i + 1000);
    await db.order.createMany({ data: chunk });
    await db.orderLine.createMany({
      data: chunk.map((o) => ({
        organizationId,
        orderId: o.id,
        channelLineId: `${o.amazonOrderId}-1`,
        sku: 'SKU-1',
        title: 'Widget',
        quantityOrdered: 1,
        quantityShipped: 1,
        itemPriceMinor: 1999n,
        currency: 'EUR',
      })),
    });
    const events = chunk.flatMap((o, j) => {
      const spec = specs[i + j]!;
      return spec.shippedAt
        ? [
            {
              organizationId,
              orderId: o.id,
              status: 'SHIPPED' as const,
              channelStatus: 'Shipped',
              occurredAt: spec.shippedAt,
            },
          ]
        : [];
    });
    if (events.length) await db.orderStatusEvent.createMany({ data: events });
    const stored = await storeBuyerPiiBatch(
      ctx,
      chunk.map((o, j) => {
        const buyer = specs[i + j]!.buyer ?? {};
        return {
          ownerType: 'order-recipient' as const,
          ownerId: o.id,
          name: buyer.name ?? `Buyer ${o.amazonOrderId}`,
          addressLine1: '1 Test Street',
          city: 'Testville',
          postcode: buyer.postcode ?? '10115',
          email: buyer.email ?? `${o.amazonOrderId.toLowerCase()}@buyer.example`,
          phone: buyer.phone ?? '+49 30 1234567',
          countryCode: 'DE',
        };
      }),
    );
    await db.$executeRaw`
      UPDATE orders o SET pii_record_id = r.id, pii_status = 'STORED'
        FROM pii_records r
       WHERE r.organization_id = o.organization_id AND r.owner_type = 'order-recipient'
         AND r.owner_id = o.id::text AND o.id = ANY(${stored.map((s) => s.ownerId)}::uuid[])`;
  }
  const rows = await db.order.findMany({
    where: { id: { in: orders.map((o) => o.id) } },
    select: { id: true, piiRecordId: true, amazonOrderId: true },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return orders.map((o) => {
    const row = byId.get(o.id)!;
    return { id: o.id, piiRecordId: row.piiRecordId!, amazonOrderId: row.amazonOrderId! };
  });
}

/** The vault row and order state the privacy tests assert on (via the system client). */
export async function privacyState(orderIds: readonly string[]) {
  return systemDb().$queryRaw<
    {
      id: string;
      pii_status: string;
      has_ciphertext: boolean;
      has_index: boolean;
      anonymised: boolean;
      lines: number;
      events: number;
      total_minor: bigint | null;
      order_exists: boolean;
    }[]
  >`
    SELECT o.id::text AS id, o.pii_status::text AS pii_status,
           (r.name IS NOT NULL OR r.address_line1 IS NOT NULL OR r.city IS NOT NULL OR r.postcode IS NOT NULL
             OR r.email IS NOT NULL OR r.phone IS NOT NULL) AS has_ciphertext,
           (r.email_index IS NOT NULL OR r.phone_index IS NOT NULL OR r.postcode_index IS NOT NULL) AS has_index,
           (r.anonymised_at IS NOT NULL) AS anonymised,
           (SELECT count(*)::int FROM order_lines l WHERE l.order_id = o.id) AS lines,
           (SELECT count(*)::int FROM order_status_events e WHERE e.order_id = o.id) AS events,
           o.total_minor, true AS order_exists
      FROM orders o LEFT JOIN pii_records r ON r.id = o.pii_record_id
     WHERE o.id = ANY(${[...orderIds]}::uuid[])
     ORDER BY array_position(${[...orderIds]}::uuid[], o.id)`;
}
