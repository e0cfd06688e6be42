// Buyer details for the orders Packline still has to ship (merchant-fulfilled, Unshipped or
// PartiallyShipped; pii_status PENDING), straight into the PII vault (ARCHITECTURE.md §5):
// - v0: ONE Restricted Data Token for GET /orders/v0/orders with dataElements buyerInfo +
//   shippingAddress per run (renewed only if it nears expiry), then getOrders over batches of up
//   to 50 order ids — the fewest RDT and API calls;
// - 2026-01-01: getOrder with includedData RECIPIENT + BUYER per order (no RDT; the app's roles).
// The sync offers each page's candidates once the page is settled, so buyer details arrive while
// the next pages are read (full units of two batches only); `finish` fetches the remainder and
// whatever earlier runs left PENDING. Each unit is stored in one transaction with its orders'
// pii_status. Never fetched again once the vault record was anonymised. Nothing here logs or
// returns PII.
import { withTenant } from '../../db/tenant.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Logger } from '../../logger.ts';
import { storeBuyerPiiBatch } from '../../pii/store-buyer-pii.ts';
import type { TStoreBuyerPiiInput } from '../../pii/schemas.ts';
import type { TenantContext } from '../../tenancy/tenant-context.ts';
import { z } from 'zod';
import { Z2026Order, ZRdtResponse, ZV0GetOrdersPayload } from './schemas.ts';
import { mapBounded } from './map-bounded.ts';
import { RestrictedDataTokenError, type SpApiSession } from './sp-api-session.ts';

/** getOrders accepts at most 50 AmazonOrderIds. */
export const PII_BATCH_SIZE = 50;
/** Orders fetched (two getOrders batches in v0) and then stored in one transaction. */
const UNIT = 2 * PII_BATCH_SIZE;
/** 2026-01-01 getOrder calls in flight at once (one per order; no batch operation exists). */
const RECIPIENT_FETCH_CONCURRENCY = 8;
/** At most this many orders per run (the next run continues). */
const PII_MAX_PER_RUN = 2_000;
/** An RDT with less life left than this is replaced before a call. */
const RDT_RENEW_BEFORE_MS = 60_000;

const ELIGIBLE: readonly string[] = ['Unshipped', 'PartiallyShipped'];
const ELIGIBLE_2026: readonly string[] = ['UNSHIPPED', 'PARTIALLY_SHIPPED'];

/** An order as the sync committed it. */
export interface RecipientCandidate {
  id: string;
  amazonOrderId: string;
  purchasedAt: Date;
  piiStatus: string;
}

type Pending = Pick<RecipientCandidate, 'id' | 'amazonOrderId' | 'purchasedAt'>;
type RecipientRecord = TStoreBuyerPiiInput & { ownerId: string };

/**
 * Whether the sync should fetch this order's buyer details: the page's upsert set `pii_status`
 * PENDING exactly for the orders that need them (needsRecipient in map-amazon-order.ts) and have
 * none stored or anonymised.
 */
const needsBuyerDetails = (o: RecipientCandidate): boolean => o.piiStatus === 'PENDING';

const blankToNull = (v: string | undefined) => (v && v.trim() !== '' ? v : null);

export class RecipientFetcher {
  private readonly queue: Pending[] = [];
  private offered = 0;
  private stored = 0;
  private rdt: { token: string; expiresAt: number } | null = null;
  /** The last unit's fetch, and its store: units are fetched one after another, each stored
   * while the next is fetched. */
  private fetching: Promise<unknown> = Promise.resolve();
  private storing: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly ctx: TenantContext,
    private readonly session: SpApiSession,
    private readonly marketplaceIds: string[],
    private readonly logger: Logger,
    /** The clock the RDT's lifetime is judged by (tests align it with the simulator's). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Orders of a settled page: those that need buyer details are fetched in full units in the
   * background. Throws the failure of an earlier unit, so the run stops at its next page.
   */
  offer(orders: readonly RecipientCandidate[]): void {
    this.throwIfFailed();
    for (const o of orders) {
      if (this.offered >= PII_MAX_PER_RUN) break;
      if (!needsBuyerDetails(o)) continue;
      this.queue.push(o);
      this.offered += 1;
    }
    while (this.queue.length >= UNIT) this.start(this.queue.splice(0, UNIT));
  }

  /**
   * Fetches what is left (this run's last partial unit, then what earlier runs left PENDING, up
   * to the per-run cap); resolves with the number of records stored, or throws the first failure
   * once every unit has ended.
   */
  async finish(): Promise<number> {
    while (this.queue.length > 0) this.start(this.queue.splice(0, UNIT));
    await this.storing;
    this.throwIfFailed();
    const left = await this.pendingFromEarlierRuns(PII_MAX_PER_RUN - this.offered);
    for (let i = 0; i < left.length; i += UNIT) this.start(left.slice(i, i + UNIT));
    await this.storing;
    this.throwIfFailed();
    return this.stored;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /** Resolves once the units under way have ended (a failure is thrown by `offer` or `finish`). */
  async idle(): Promise<void> {
    await this.storing;
  }

  /** After a failure of the run: starts nothing more and resolves once the units under way end. */
  async stop(): Promise<void> {
    this.failure ??= { error: new Error('the sync run stopped') };
    this.queue.length = 0;
    await this.storing;
  }

  private start(unit: Pending[]): void {
    const fetched = this.fetching.then(() => (this.failure ? null : this.fetchUnit(unit)));
    this.fetching = fetched.catch(() => undefined);
    const before = this.storing;
    this.storing = fetched
      .then(async (records) => {
        await before;
        if (records && !this.failure) await this.save(records);
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      });
  }

  /** PENDING eligible orders this run did not offer (a killed run's); marks anonymised ones. */
  private async pendingFromEarlierRuns(limit: number): Promise<Pending[]> {
    if (limit <= 0) return [];
    const { organizationId } = this.ctx;
    const { integrationId } = this.session.input;
    return withTenant(organizationId, async (tx) => {
      // Orders whose vault record was anonymised meanwhile: never again.
      await tx.$executeRaw`
        UPDATE orders o SET pii_status = 'ANONYMISED', updated_at = now()
          FROM pii_records p
         WHERE o.organization_id = ${organizationId}::uuid AND o.integration_id = ${integrationId}::uuid
           AND o.pii_status = 'PENDING' AND p.organization_id = o.organization_id
           AND p.owner_type = 'order-recipient' AND p.owner_id = o.id::text AND p.anonymised_at IS NOT NULL`;
      const rows = await tx.$queryRaw<{ id: string; amazon_order_id: string; purchased_at: Date }[]>`
        SELECT id, amazon_order_id, purchased_at FROM orders
         WHERE organization_id = ${organizationId}::uuid AND integration_id = ${integrationId}::uuid
           AND pii_status = 'PENDING' AND fulfilment_channel = 'MERCHANT'
           AND channel_status IN ('Unshipped', 'PartiallyShipped')
         ORDER BY purchased_at LIMIT ${limit}`;
      return rows.map((r) => ({ id: r.id, amazonOrderId: r.amazon_order_id, purchasedAt: r.purchased_at }));
    });
  }

  /** A unit's records; a failed call still stores what was fetched before it, then throws. */
  private async fetchUnit(unit: Pending[]): Promise<RecipientRecord[]> {
    if (this.session.input.ordersApiVersion !== 'V0') return this.fetch2026(unit);
    const records: RecipientRecord[] = [];
    try {
      for (let i = 0; i < unit.length; i += PII_BATCH_SIZE)
        records.push(...(await this.fetchV0(unit.slice(i, i + PII_BATCH_SIZE))));
    } catch (error) {
      await this.save(records);
      throw error;
    }
    return records;
  }

  private async restrictedDataToken(): Promise<string> {
    if (this.rdt && this.rdt.expiresAt - this.now().getTime() > RDT_RENEW_BEFORE_MS) return this.rdt.token;
    const requestedAt = this.now().getTime();
    const rdt = await this.session.call(
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
    this.rdt = { token: rdt.restrictedDataToken, expiresAt: requestedAt + rdt.expiresIn * 1000 };
    return this.rdt.token;
  }

  private async fetchV0(batch: Pending[]): Promise<RecipientRecord[]> {
    const byAmazonId = new Map(batch.map((p) => [p.amazonOrderId, p]));
    const earliest = Math.min(...batch.map((p) => p.purchasedAt.getTime()));
    const records: RecipientRecord[] = [];
    let next: string | undefined;
    do {
      const query = next
        ? { MarketplaceIds: this.marketplaceIds, NextToken: next }
        : {
            MarketplaceIds: this.marketplaceIds,
            CreatedAfter: new Date(earliest - 60_000).toISOString(),
            AmazonOrderIds: batch.map((p) => p.amazonOrderId),
            MaxResultsPerPage: 100,
          };
      const call = async () =>
        this.session.call(
          { operation: 'orders.getOrders', query, restrictedDataToken: await this.restrictedDataToken() },
          ZV0GetOrdersPayload,
        );
      // An RDT Amazon no longer accepts (expired early, clocks apart) is replaced once.
      const page = await call().catch((error: unknown) => {
        if (!(error instanceof RestrictedDataTokenError)) throw error;
        this.rdt = null;
        return call();
      });
      for (const o of page.Orders) {
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
      next = page.NextToken;
    } while (next);
    return records;
  }

  /** The orders fetched a few at a time; a failed call still stores what was fetched before it. */
  private async fetch2026(unit: Pending[]): Promise<RecipientRecord[]> {
    const ZResponse = z.object({ order: Z2026Order });
    const fetched = await mapBounded(unit, RECIPIENT_FETCH_CONCURRENCY, (p) =>
      this.session.call(
        {
          operation: 'orders2026.getOrder',
          path: { orderId: p.amazonOrderId },
          query: { includedData: ['RECIPIENT', 'BUYER', 'FULFILLMENT'] },
        },
        ZResponse,
      ),
    );
    const records: RecipientRecord[] = [];
    for (const p of unit) {
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
    if ('error' in fetched) {
      await this.save(records);
      throw fetched.error;
    }
    return records;
  }

  /** One transaction: the vault records and the orders that now point at them. */
  private async save(records: RecipientRecord[]): Promise<void> {
    if (records.length === 0) return;
    const { organizationId } = this.ctx;
    try {
      const saved = await storeBuyerPiiBatch(this.ctx, records, {
        onStored: async (tx, stored) => {
          await tx.$executeRaw`
            UPDATE orders o SET pii_status = 'STORED', pii_record_id = u.record_id, updated_at = now()
              FROM unnest(${stored.map((s) => s.ownerId)}::uuid[], ${stored.map((s) => s.recordId)}::uuid[]) AS u(order_id, record_id)
             WHERE o.organization_id = ${organizationId}::uuid AND o.id = u.order_id AND o.pii_status = 'PENDING'`;
        },
      });
      this.stored += saved.length;
    } catch (error) {
      if (error instanceof AppError && error.code === 'GONE') {
        this.logger.warn(
          { integrationId: this.session.input.integrationId },
          'a recipient was anonymised meanwhile; skipping these recipients this run',
        );
        return;
      }
      throw error;
    }
  }
}
