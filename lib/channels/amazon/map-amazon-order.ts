// Amazon orders (v0 and 2026-01-01) → Packline's channel-agnostic order rows. Pure functions.
import type { FulfilmentChannel, OrderStatus } from '../../db/generated/prisma/enums.ts';
import type { T2026Order, TV0Order, TV0OrderItem, TV0OrderStatus } from './schemas.ts';

/** Amazon v0 status → Packline lifecycle. InvoiceUnconfirmed has shipped every item. */
export const AMAZON_STATUS_MAP: Record<TV0OrderStatus, OrderStatus> = {
  PendingAvailability: 'PENDING',
  Pending: 'PENDING',
  Unshipped: 'AWAITING_FULFILMENT',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  InvoiceUnconfirmed: 'SHIPPED',
  Canceled: 'CANCELLED',
  Unfulfillable: 'UNFULFILLABLE',
};

const STATUS_2026_TO_V0: Record<T2026Order['fulfillment']['fulfillmentStatus'], TV0OrderStatus> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
  UNFULFILLABLE: 'Unfulfillable',
};

/** ISO 4217 minor-unit exponents that are not 2. */
const EXPONENT: Record<string, number> = { JPY: 0, KRW: 0, CLP: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

/** "12.34" USD → 1234n. Exact (string arithmetic, no floats); extra decimals are rounded half up. */
export function toMinorUnits(amount: string, currency: string): bigint {
  const exp = EXPONENT[currency] ?? 2;
  const negative = amount.startsWith('-');
  const [intPart, frac = ''] = amount.replace('-', '').split('.') as [string, string?];
  const padded = (frac + '0'.repeat(exp + 1)).slice(0, exp + 1);
  let minor = BigInt(intPart) * 10n ** BigInt(exp) + BigInt(padded.slice(0, exp) || '0');
  if (Number(padded[exp]) >= 5) minor += 1n;
  return negative ? -minor : minor;
}

/** Buyer details need fetching only while Packline still has to ship the order. */
export function needsRecipient(fulfilment: FulfilmentChannel, channelStatus: string): boolean {
  return fulfilment === 'MERCHANT' && (channelStatus === 'Unshipped' || channelStatus === 'PartiallyShipped');
}

export interface NormalizedLine {
  channelLineId: string;
  sku: string | null;
  asin: string | null;
  title: string | null;
  quantityOrdered: number;
  quantityShipped: number;
  itemPriceMinor: bigint | null;
  itemTaxMinor: bigint | null;
  currency: string | null;
}

export interface NormalizedOrder {
  amazonOrderId: string;
  marketplaceId: string;
  status: OrderStatus;
  /** Amazon's v0 status name (2026 statuses are mapped onto it). */
  channelStatus: TV0OrderStatus;
  fulfilmentChannel: FulfilmentChannel;
  purchasedAt: Date;
  channelUpdatedAt: Date;
  earliestShipAt: Date | null;
  latestShipAt: Date | null;
  earliestDeliveryAt: Date | null;
  latestDeliveryAt: Date | null;
  shipServiceLevel: string | null;
  totalMinor: bigint | null;
  currency: string | null;
  itemsShipped: number;
  itemsUnshipped: number;
  isPrime: boolean;
  isBusiness: boolean;
  /** Lines when the response carried them (2026-01-01); v0 fetches them separately. */
  lines?: NormalizedLine[];
}

const date = (v: string | undefined): Date | null => (v ? new Date(v) : null);

export function normalizeV0Order(o: TV0Order): NormalizedOrder {
  return {
    amazonOrderId: o.AmazonOrderId,
    marketplaceId: o.MarketplaceId,
    status: AMAZON_STATUS_MAP[o.OrderStatus],
    channelStatus: o.OrderStatus,
    fulfilmentChannel: o.FulfillmentChannel === 'AFN' ? 'MARKETPLACE' : 'MERCHANT',
    purchasedAt: new Date(o.PurchaseDate),
    channelUpdatedAt: new Date(o.LastUpdateDate),
    earliestShipAt: date(o.EarliestShipDate),
    latestShipAt: date(o.LatestShipDate),
    earliestDeliveryAt: date(o.EarliestDeliveryDate),
    latestDeliveryAt: date(o.LatestDeliveryDate),
    shipServiceLevel: o.ShipServiceLevel ?? null,
    totalMinor: o.OrderTotal ? toMinorUnits(o.OrderTotal.Amount, o.OrderTotal.CurrencyCode) : null,
    currency: o.OrderTotal?.CurrencyCode ?? null,
    itemsShipped: o.NumberOfItemsShipped ?? 0,
    itemsUnshipped: o.NumberOfItemsUnshipped ?? 0,
    isPrime: o.IsPrime ?? false,
    isBusiness: o.IsBusinessOrder ?? false,
  };
}

export function normalizeV0Item(i: TV0OrderItem): NormalizedLine {
  const currency = i.ItemPrice?.CurrencyCode ?? i.ItemTax?.CurrencyCode ?? null;
  return {
    channelLineId: i.OrderItemId,
    sku: i.SellerSKU ?? null,
    asin: i.ASIN ?? null,
    title: i.Title ?? null,
    quantityOrdered: i.QuantityOrdered,
    quantityShipped: i.QuantityShipped ?? 0,
    itemPriceMinor: i.ItemPrice ? toMinorUnits(i.ItemPrice.Amount, i.ItemPrice.CurrencyCode) : null,
    itemTaxMinor: i.ItemTax ? toMinorUnits(i.ItemTax.Amount, i.ItemTax.CurrencyCode) : null,
    currency,
  };
}

export function normalize2026Order(o: T2026Order): NormalizedOrder {
  const channelStatus = STATUS_2026_TO_V0[o.fulfillment.fulfillmentStatus];
  const lines: NormalizedLine[] = o.orderItems.map((i) => {
    const unit = i.product.price?.unitPrice;
    return {
      channelLineId: i.orderItemId,
      sku: i.product.sellerSku ?? null,
      asin: i.product.asin ?? null,
      title: i.product.title ?? null,
      quantityOrdered: i.quantityOrdered,
      quantityShipped: i.fulfillment?.quantityFulfilled ?? 0,
      itemPriceMinor: unit ? toMinorUnits(unit.amount, unit.currencyCode) * BigInt(i.quantityOrdered) : null,
      itemTaxMinor: null,
      currency: unit?.currencyCode ?? null,
    };
  });
  const shipped = lines.reduce((s, l) => s + l.quantityShipped, 0);
  const ordered = lines.reduce((s, l) => s + l.quantityOrdered, 0);
  const total = o.proceeds?.grandTotal;
  return {
    amazonOrderId: o.orderId,
    marketplaceId: o.salesChannel.marketplaceId,
    status: AMAZON_STATUS_MAP[channelStatus],
    channelStatus,
    fulfilmentChannel: o.fulfillment.fulfilledBy === 'AMAZON' ? 'MARKETPLACE' : 'MERCHANT',
    purchasedAt: new Date(o.createdTime),
    channelUpdatedAt: new Date(o.lastUpdatedTime),
    earliestShipAt: date(o.fulfillment.shipByWindow?.earliestDateTime),
    latestShipAt: date(o.fulfillment.shipByWindow?.latestDateTime),
    earliestDeliveryAt: date(o.fulfillment.deliverByWindow?.earliestDateTime),
    latestDeliveryAt: date(o.fulfillment.deliverByWindow?.latestDateTime),
    shipServiceLevel: o.fulfillment.fulfillmentServiceLevel ?? null,
    totalMinor: total ? toMinorUnits(total.amount, total.currencyCode) : null,
    currency: total?.currencyCode ?? null,
    itemsShipped: shipped,
    itemsUnshipped: channelStatus === 'Canceled' ? 0 : ordered - shipped,
    isPrime: o.programs?.includes('PRIME') ?? false,
    isBusiness: false,
    lines,
  };
}
