// Buyer details for the orders Packline still has to ship (merchant-fulfilled, Unshipped or
// PartiallyShipped; pii_status PENDING), straight into the PII vault (ARCHITECTURE.md §5):
// - v0: ONE Restricted Data Token for GET /orders/v0/orders with dataElements buyerInfo +
//   shippingAddress per run, then getOrders over batches of up to 50 order ids — the fewest RDT
//   and API calls;
// - 2026-01-01: getOrder with includedData RECIPIENT + BUYER per order (no RDT; the app's roles).
// Never fetched again once the vault record was anonymised. Nothing here logs or returns PII.
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Logger } from '../../logger.ts';
import { storeBuyerPiiBatch } from '../../pii/store-buyer-pii.ts';
import type { TStoreBuyerPiiInput } from '../../pii/schemas.ts';
import type { TenantContext } from '../../tenancy/tenant-context.ts';
import { z } from 'zod';
import { Z2026Order, ZRdtResponse, ZV0GetOrdersPayload } from './schemas.ts';
import { mapBounded } from './map-bounded.ts';
import type { SpApiSession } from './sp-api-session.ts';

/** getOrders accepts at most 50 AmazonOrderIds. */
export const PII_BATCH_SIZE = 50;
/** 2026-01-01 getOrder calls in flight at once (one per order; no batch operation exists). */
const RECIPIENT_FETCH_CONCURRENCY = 8;
/** At most this many orders per run (the next run continues). */
const PII_MAX_PER_RUN = 2_000;

const ELIGIBLE: readonly string[] = ['Unshipped', 'PartiallyShipped'];
const ELIGIBLE_2026: readonly string[] = ['UNSHIPPED', 'PARTIALLY_SHIPPED'];

interface Pending {
  id: string;
  amazon_order_id: string;
  purchased_at: Date;
}

const blankToNull = (v: string | undefined) => (v && v.trim() !== '' ? v : null);

export async function fetchAmazonRecipients(
  ctx: TenantContext,
  session: SpApiSession,
  marketplaceIds: string[],
  logger: Logger,
): Promise<number> {
  const { organizationId } = ctx;
  const { integrationId } = session.input;
  const pending = await withTenant(organizationId, async (tx) => {
    // Orders whose vault record was anonymised meanwhile: never again.
    await tx.$executeRaw`
      UPDATE orders o SET pii_status = 'ANONYMISED', updated_at = now()
        FROM pii_records p
       WHERE o.organization_id = ${organizationId}::uuid AND o.integration_id = ${integrationId}::uuid
         AND o.pii_status = 'PENDING' AND p.organization_id = o.organization_id
         AND p.owner_type = 'order-recipient' AND p.owner_id = o.id::text AND p.anonymised_at IS NOT NULL`;
    return tx.$queryRaw<Pending[]>`
      SELECT id, amazon_order_id, purchased_at FROM orders
       WHERE organization_id = ${organizationId}::uuid AND integration_id = ${integrationId}::uuid
         AND pii_status = 'PENDING' AND fulfilment_channel = 'MERCHANT'
         AND channel_status IN ('Unshipped', 'PartiallyShipped')
       ORDER BY purchased_at LIMIT ${PII_MAX_PER_RUN}`;
  });
  if (pending.length === 0) return 0;

  let stored = 0;
  const save = async (records: (TStoreBuyerPiiInput & { ownerId: string })[]) => {
    if (records.length === 0) return;
    let saved;
    try {
      saved = await storeBuyerPiiBatch(ctx, records);
    } catch (error) {
      if (error instanceof AppError && error.code === 'GONE') {
        logger.warn({ integrationId }, 'a recipient was anonymised meanwhile; skipping the batch this run');
        return;
      }
      throw error;
    }
    await withTenant(organizationId, async (tx) => {
      await tx.$executeRaw`
        UPDATE orders o SET pii_status = 'STORED', pii_record_id = u.record_id, updated_at = now()
          FROM unnest(${saved.map((s) => s.ownerId)}::uuid[], ${saved.map((s) => s.recordId)}::uuid[]) AS u(order_id, record_id)
         WHERE o.organization_id = ${organizationId}::uuid AND o.id = u.order_id AND o.pii_status = 'PENDING'`;
    });
    stored += saved.length;
  };

  if (session.input.ordersApiVersion === 'V0') {
    const rdt = await session.call(
      {
        operation: 'tokens.createRestrictedDataToken',
        body: {
          restrictedResources: [
            { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
          ],
        },
      },
      ZRdtResponse,
    );
    const fetchBatch = async (batch: Pending[]) => {
      const earliest = Math.min(...batch.map((p) => p.purchased_at.getTime()));
      const collected = [];
      let next: string | undefined;
      do {
        const page = await session.call(
          {
            operation: 'orders.getOrders',
            query: next
              ? { MarketplaceIds: marketplaceIds, NextToken: next }
              : {
                  MarketplaceIds: marketplaceIds,
                  CreatedAfter: new Date(earliest - 60_000).toISOString(),
                  AmazonOrderIds: batch.map((p) => p.amazon_order_id),
                  MaxResultsPerPage: 100,
                },
            restrictedDataToken: rdt.restrictedDataToken,
          },
          ZV0GetOrdersPayload,
        );
        collected.push(...page.Orders);
        next = page.NextToken;
      } while (next);
      return collected;
    };
    const batches: Pending[][] = [];
    for (let i = 0; i < pending.length; i += PII_BATCH_SIZE)
      batches.push(pending.slice(i, i + PII_BATCH_SIZE));
    let fetching = fetchBatch(batches[0]!);
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b]!;
      const byAmazonId = new Map(batch.map((p) => [p.amazon_order_id, p]));
      const collected = await fetching;
      // The next batch is fetched while this one is encrypted and stored; a failure surfaces
      // when it is awaited (the handler only keeps it from being reported as unhandled).
      if (b + 1 < batches.length) {
        fetching = fetchBatch(batches[b + 1]!);
        fetching.catch(() => undefined);
      }
      const records = [];
      for (const o of collected) {
        const mine = byAmazonId.get(o.AmazonOrderId);
        if (!mine || o.FulfillmentChannel !== 'MFN' || !ELIGIBLE.includes(o.OrderStatus)) continue;
        const a = o.ShippingAddress;
        if (!a?.Name && !a?.AddressLine1) continue; // no role / no RDT coverage: nothing to store
        records.push({
          ownerType: 'order-recipient' as const,
          ownerId: mine.id,
          name: blankToNull(a.Name),
          addressLine1: blankToNull(a.AddressLine1),
          addressLine2: blankToNull(a.AddressLine2),
          addressLine3: blankToNull(a.AddressLine3),
          city: blankToNull(a.City),
          region: blankToNull(a.StateOrRegion),
          postcode: blankToNull(a.PostalCode),
          phone: blankToNull(a.Phone),
          email: blankToNull(o.BuyerInfo?.BuyerEmail),
          countryCode: blankToNull(a.CountryCode),
        });
      }
      await save(records);
    }
  } else {
    const ZResponse = z.object({ order: Z2026Order });
    const getOrder = (p: Pending) =>
      session.call(
        {
          operation: 'orders2026.getOrder',
          path: { orderId: p.amazon_order_id },
          query: { includedData: ['RECIPIENT', 'BUYER', 'FULFILLMENT'] },
        },
        ZResponse,
      );
    // Per batch of 50: the orders fetched a few at a time, then stored; a failed call still
    // stores what was fetched before it, then throws.
    for (let i = 0; i < pending.length; i += PII_BATCH_SIZE) {
      const batch = pending.slice(i, i + PII_BATCH_SIZE);
      const fetched = await mapBounded(batch, RECIPIENT_FETCH_CONCURRENCY, getOrder);
      const records = [];
      for (const p of batch) {
        const o = fetched.results.get(p)?.order;
        if (
          !o ||
          o.fulfillment.fulfilledBy !== 'MERCHANT' ||
          !ELIGIBLE_2026.includes(o.fulfillment.fulfillmentStatus)
        )
          continue;
        const a = o.recipient?.deliveryAddress;
        if (!a?.name && !a?.addressLine1) continue;
        records.push({
          ownerType: 'order-recipient' as const,
          ownerId: p.id,
          name: blankToNull(a.name),
          addressLine1: blankToNull(a.addressLine1),
          addressLine2: blankToNull(a.addressLine2),
          addressLine3: blankToNull(a.addressLine3),
          city: blankToNull(a.city),
          region: blankToNull(a.stateOrRegion),
          postcode: blankToNull(a.postalCode),
          phone: blankToNull(a.phone),
          email: blankToNull(o.buyer?.buyerEmail),
          countryCode: blankToNull(a.countryCode),
        });
      }
      await save(records);
      if ('error' in fetched) throw fetched.error;
    }
  }
  return stored;
}
