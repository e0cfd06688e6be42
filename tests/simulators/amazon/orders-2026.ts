// Orders API 2026-01-01 handlers (orders_2026-01-01.json): searchOrders and getOrder with
// `includedData`. No `payload` wrapper; no RDT — BUYER/RECIPIENT PII depends on the app's
// restricted roles (a per-app setting in the simulator registry).
import {
  MARKETPLACES,
  lastUpdateAt,
  shippedQuantities,
  statusAt,
  type SimOrder,
  type V0OrderStatus,
} from './generator.ts';
import { orderTotalMinor, visibleOrder } from './orders-v0.ts';
import { nextPage } from './paging.ts';
import {
  OPAQUE_INVALID_INPUT,
  TWO_MINUTES,
  amount,
  csv,
  decodeToken,
  encodeToken,
  errors,
  invalidInput,
  iso,
  parseIso,
  type RequestContext,
  type SimResponse,
  type SimState,
} from './state.ts';

export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
const FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
];
const FULFILLED_BY = ['MERCHANT', 'AMAZON'];

/** v0 status → 2026 FulfillmentStatus (InvoiceUnconfirmed has shipped all items). */
export function fulfillmentStatus(s: V0OrderStatus): string {
  switch (s) {
    case 'PendingAvailability':
      return 'PENDING_AVAILABILITY';
    case 'Pending':
      return 'PENDING';
    case 'Unshipped':
      return 'UNSHIPPED';
    case 'PartiallyShipped':
      return 'PARTIALLY_SHIPPED';
    case 'Shipped':
    case 'InvoiceUnconfirmed':
      return 'SHIPPED';
    case 'Canceled':
      return 'CANCELLED';
    case 'Unfulfillable':
      return 'UNFULFILLABLE';
  }
}

const SERVICE_LEVEL: Record<SimOrder['shipmentServiceLevelCategory'], string> = {
  Expedited: 'EXPEDITED',
  NextDay: 'NEXT_DAY',
  SecondDay: 'SECOND_DAY',
  Standard: 'STANDARD',
  FreeEconomy: 'FREE_ECONOMY',
};

export function render2026Order(
  order: SimOrder,
  now: number,
  included: ReadonlySet<string>,
  roles: readonly string[],
) {
  const market = MARKETPLACES[order.marketplaceId]!;
  const money = (minor: number) => ({ amount: amount(minor, market.minor), currencyCode: market.currency });
  const status = statusAt(order, now)!;
  const shipped = shippedQuantities(order, now);
  const out: Record<string, unknown> = {
    orderId: order.amazonOrderId,
    orderAliases: [{ aliasId: order.sellerOrderId, aliasType: 'SELLER_ORDER_ID' }],
    createdTime: iso(order.purchaseDate),
    lastUpdatedTime: iso(lastUpdateAt(order, now)),
    programs: order.isPrime ? ['PRIME'] : [],
    salesChannel: {
      channelName: 'AMAZON',
      marketplaceId: order.marketplaceId,
      marketplaceName: market.salesChannel,
    },
  };
  if (included.has('BUYER') && roles.includes('buyerInfo')) {
    out.buyer = {
      buyerName: order.buyer.BuyerName,
      ...(order.fulfillmentChannel === 'MFN' ? { buyerEmail: order.buyer.BuyerEmail } : {}),
      ...(order.buyer.BuyerCompanyName ? { buyerCompanyName: order.buyer.BuyerCompanyName } : {}),
      ...(order.buyer.PurchaseOrderNumber
        ? { buyerPurchaseOrderNumber: order.buyer.PurchaseOrderNumber }
        : {}),
    };
  }
  if (included.has('RECIPIENT')) {
    const a = order.address;
    const coarse = {
      city: a.City,
      stateOrRegion: a.StateOrRegion,
      postalCode: a.PostalCode,
      countryCode: a.CountryCode,
    };
    out.recipient = {
      deliveryAddress: roles.includes('shippingAddress')
        ? {
            name: a.Name,
            addressLine1: a.AddressLine1,
            ...(a.AddressLine2 ? { addressLine2: a.AddressLine2 } : {}),
            ...coarse,
            ...(order.fulfillmentChannel === 'MFN' ? { phone: a.Phone } : {}),
            addressType: a.AddressType === 'Commercial' ? 'COMMERCIAL' : 'RESIDENTIAL',
          }
        : coarse,
    };
  }
  if (included.has('PROCEEDS') && status !== 'Pending' && status !== 'PendingAvailability') {
    out.proceeds = { grandTotal: money(orderTotalMinor(order)) };
  }
  if (included.has('FULFILLMENT')) {
    out.fulfillment = {
      fulfillmentStatus: fulfillmentStatus(status),
      fulfilledBy: order.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT',
      fulfillmentServiceLevel: SERVICE_LEVEL[order.shipmentServiceLevelCategory],
      shipByWindow: {
        earliestDateTime: iso(order.earliestShipDate),
        latestDateTime: iso(order.latestShipDate),
      },
      deliverByWindow: {
        earliestDateTime: iso(order.earliestDeliveryDate),
        latestDateTime: iso(order.latestDeliveryDate),
      },
    };
  }
  if (included.has('PACKAGES') && order.fulfillmentChannel === 'MFN') {
    out.packages = order.shipments
      .filter((s) => s.at <= now)
      .map((s) => ({
        packageReferenceId: s.packageReferenceId,
        createdTime: iso(s.at),
        packageStatus: { status: 'SHIPPED' },
        carrier: s.carrierName ?? s.carrierCode,
        shipTime: s.shipDate,
        ...(s.shippingMethod ? { shippingService: s.shippingMethod } : {}),
        trackingNumber: s.trackingNumber,
        packageItems: s.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      }));
  }
  out.orderItems = order.items.map((i) => {
    const item: Record<string, unknown> = {
      orderItemId: i.orderItemId,
      quantityOrdered: i.quantityOrdered,
      product: {
        asin: i.asin,
        title: i.title,
        sellerSku: i.sellerSku,
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
        ...(status !== 'Pending' && status !== 'PendingAvailability'
          ? { price: { unitPrice: money(i.unitPrice) } }
          : {}),
      },
    };
    if (included.has('FULFILLMENT')) {
      const q = status === 'Canceled' ? 0 : i.quantityOrdered - (shipped.get(i.orderItemId) ?? 0);
      item.fulfillment = { quantityFulfilled: shipped.get(i.orderItemId) ?? 0, quantityUnfulfilled: q };
    }
    if (included.has('PROCEEDS') && status !== 'Pending' && status !== 'PendingAvailability') {
      item.proceeds = {
        proceedsTotal: money((i.unitPrice + i.unitTax) * i.quantityOrdered + i.shippingPrice),
      };
    }
    return item;
  });
  return out;
}

function parseIncluded(ctx: RequestContext): Set<string> | SimResponse {
  const list = csv(ctx.params, 'includedData') ?? [];
  const bad = list.find((v) => !(INCLUDED_DATA as readonly string[]).includes(v));
  if (bad !== undefined) return invalidInput(`${bad} is not a valid value for includedData.`);
  return new Set(list);
}

interface SearchQuery {
  marketplaceIds: string[];
  by: 'created' | 'updated';
  after: number;
  before: number;
  statuses?: string[];
  fulfilledBy?: string[];
  pageSize: number;
}

interface SearchToken {
  t: 'v2026-orders';
  s: string;
  q: SearchQuery;
  k: [number, string];
  e: number;
}

function parseSearch(ctx: RequestContext): SearchQuery | SimResponse {
  const p = ctx.params;
  const seller = ctx.seller!;
  const marketplaceIds = csv(p, 'marketplaceIds') ?? seller.marketplaceIds;
  if (marketplaceIds.length > 50) return invalidInput('marketplaceIds cannot contain more than 50 values.');
  const badMarket = marketplaceIds.find((id) => !seller.marketplaceIds.includes(id));
  if (badMarket !== undefined) return invalidInput(`Invalid marketplaceId: ${badMarket}.`);
  const dates: Record<string, number | undefined> = {};
  for (const n of ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore']) {
    const v = p.get(n);
    if (v === null) continue;
    const t = parseIso(v);
    if (t === undefined) return invalidInput(`${n} is not a valid ISO 8601 date-time: ${v}`);
    dates[n] = t;
  }
  const { createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore } = dates;
  if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
    return invalidInput('You must provide exactly one of createdAfter and lastUpdatedAfter.');
  }
  if (createdAfter !== undefined && lastUpdatedBefore !== undefined) {
    return invalidInput(
      'If createdAfter is provided, neither lastUpdatedAfter nor lastUpdatedBefore may be provided.',
    );
  }
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
    return invalidInput(
      'If lastUpdatedAfter is provided, neither createdAfter nor createdBefore may be provided.',
    );
  }
  const latest = ctx.now - TWO_MINUTES;
  const by = createdAfter !== undefined ? 'created' : 'updated';
  const after = (createdAfter ?? lastUpdatedAfter)!;
  const before = by === 'created' ? createdBefore : lastUpdatedBefore;
  if ((before !== undefined && (before > latest || before < after)) || after > ctx.now)
    return invalidInput(OPAQUE_INVALID_INPUT);
  const statuses = csv(p, 'fulfillmentStatuses');
  const badStatus = statuses?.find((s) => !FULFILLMENT_STATUSES.includes(s));
  if (badStatus !== undefined)
    return invalidInput(`${badStatus} is not a valid value for fulfillmentStatuses.`);
  const fulfilledBy = csv(p, 'fulfilledBy');
  const badBy = fulfilledBy?.find((s) => !FULFILLED_BY.includes(s));
  if (badBy !== undefined) return invalidInput(`${badBy} is not a valid value for fulfilledBy.`);
  let pageSize = 100;
  const mr = p.get('maxResultsPerPage');
  if (mr !== null) {
    if (!/^\d+$/.test(mr) || Number(mr) < 1 || Number(mr) > 100) {
      return invalidInput('maxResultsPerPage must be an integer between 1 and 100.');
    }
    pageSize = Number(mr);
  }
  return {
    marketplaceIds,
    by,
    after,
    before: before ?? latest,
    ...(statuses ? { statuses } : {}),
    ...(fulfilledBy ? { fulfilledBy } : {}),
    pageSize,
  };
}

export function searchOrders(state: SimState, ctx: RequestContext): SimResponse {
  const seller = ctx.seller!;
  const included = parseIncluded(ctx);
  if (!(included instanceof Set)) return included;
  let q: SearchQuery;
  let cursor: [number, string] | undefined;
  const token = ctx.params.get('paginationToken');
  if (token !== null) {
    const t = decodeToken<SearchToken>(state, token);
    if (!t || t.t !== 'v2026-orders' || t.s !== seller.sellingPartnerId)
      return invalidInput('Invalid paginationToken.');
    if (t.e <= ctx.now) return invalidInput('The paginationToken has expired.');
    q = t.q;
    cursor = t.k;
  } else {
    const parsed = parseSearch(ctx);
    if ('status' in parsed) return parsed;
    q = parsed;
  }
  const key = (o: SimOrder) => (q.by === 'created' ? o.purchaseDate : lastUpdateAt(o, ctx.now));
  const keyOf = (o: SimOrder): number | null => {
    if (o.purchaseDate > ctx.now || !q.marketplaceIds.includes(o.marketplaceId)) return null;
    const k = key(o);
    if (k < q.after || k > q.before) return null;
    if (q.statuses && !q.statuses.includes(fulfillmentStatus(statusAt(o, ctx.now)!))) return null;
    if (q.fulfilledBy && !q.fulfilledBy.includes(o.fulfillmentChannel === 'AFN' ? 'AMAZON' : 'MERCHANT'))
      return null;
    return k;
  };
  const { page, more } = nextPage(
    state.ordersBySeller.get(seller.sellingPartnerId) ?? [],
    keyOf,
    cursor,
    q.pageSize,
  );
  const roles = ctx.app?.restrictedRoles ?? [];
  const body: Record<string, unknown> = {
    orders: page.map(({ o }) => render2026Order(o, ctx.now, included, roles)),
  };
  if (more) {
    const last = page[page.length - 1]!;
    const t: SearchToken = {
      t: 'v2026-orders',
      s: seller.sellingPartnerId,
      q,
      k: [last.k, last.o.amazonOrderId],
      e: ctx.now + state.paginationTokenTtlMs,
    };
    body.pagination = { nextToken: encodeToken(state, t) };
  }
  body[q.by === 'created' ? 'createdBefore' : 'lastUpdatedBefore'] = iso(q.before);
  return { status: 200, body };
}

export function getOrder2026(state: SimState, ctx: RequestContext): SimResponse {
  const included = parseIncluded(ctx);
  if (!(included instanceof Set)) return included;
  const id = ctx.pathParams.orderId ?? '';
  const order = visibleOrder(state, ctx, id);
  if (!order) return errors(404, { code: 'NotFound', message: `Order ${id} was not found.`, details: '' });
  return {
    status: 200,
    body: { order: render2026Order(order, ctx.now, included, ctx.app?.restrictedRoles ?? []) },
  };
}
