// Orders API v0 handlers (ordersV0.json): getOrders, getOrder, getOrderItems, getOrderAddress,
// getOrderBuyerInfo, confirmShipment. Successful reads wrap results in `payload`; errors use the
// `{"errors":[{code,message,details}]}` envelope.
import { z } from 'zod';
import { nextPage } from './paging.ts';
import {
  MARKETPLACES,
  V0_ORDER_STATUSES,
  lastUpdateAt,
  shippedQuantities,
  statusAt,
  type SimOrder,
  type V0OrderStatus,
} from './generator.ts';
import {
  OPAQUE_INVALID_INPUT,
  ORDER_ID_3_7_7,
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

const FULFILLMENT_CHANNELS = ['AFN', 'MFN'];
const PAYMENT_METHODS = ['COD', 'CVS', 'Other'];
const EASY_SHIP = [
  'PendingSchedule',
  'PendingPickUp',
  'PendingDropOff',
  'LabelCanceled',
  'PickedUp',
  'DroppedOff',
  'AtOriginFC',
  'AtDestinationFC',
  'Delivered',
  'RejectedByBuyer',
  'Undeliverable',
  'ReturningToSeller',
  'ReturnedToSeller',
  'Lost',
  'OutForDelivery',
  'Damaged',
];
const E_INVOICE = ['NotRequired', 'NotFound', 'Processing', 'Errored', 'Accepted'];
export const NEXT_TOKEN_UNDECODABLE =
  'We could not decode your NextToken. Possible reasons include: a transmission error, improper quoting or a truncation problem.';
export const NEXT_TOKEN_EXPIRED = 'The NextToken has expired. Please make a new request without NextToken.';
const ADDRESS_STATUSES: ReadonlySet<V0OrderStatus> = new Set([
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
]);
const NO_PRICE_STATUSES: ReadonlySet<V0OrderStatus> = new Set(['Pending', 'PendingAvailability']);

export interface PiiGrant {
  address: boolean;
  buyer: boolean;
  relayEmail: boolean;
}

/** What PII a request may see (v0): RDT data elements, else the configured LWA-token behaviour. */
export function v0PiiGrant(
  state: SimState,
  ctx: RequestContext,
  kind: 'order' | 'address' | 'buyerInfo',
): PiiGrant {
  if (ctx.token?.kind === 'rdt') {
    const els = ctx.rdtElements ?? new Set();
    if (kind === 'address') return { address: true, buyer: false, relayEmail: false };
    if (kind === 'buyerInfo') return { address: false, buyer: true, relayEmail: false };
    return { address: els.has('shippingAddress'), buyer: els.has('buyerInfo'), relayEmail: false };
  }
  const roles = ctx.app?.restrictedRoles ?? [];
  if (state.piiWithoutRdt === 'full') {
    return {
      address: roles.includes('shippingAddress'),
      buyer: roles.includes('buyerInfo'),
      relayEmail: false,
    };
  }
  return { address: false, buyer: false, relayEmail: state.piiWithoutRdt === 'relay-email' };
}

function money(order: SimOrder, minorUnits: number) {
  const m = MARKETPLACES[order.marketplaceId]!;
  return { CurrencyCode: m.currency, Amount: amount(minorUnits, m.minor) };
}

export function orderTotalMinor(order: SimOrder): number {
  return order.items.reduce((s, i) => s + (i.unitPrice + i.unitTax) * i.quantityOrdered + i.shippingPrice, 0);
}

function v0Address(order: SimOrder, now: number, full: boolean) {
  const a = order.address;
  if (!full)
    return {
      City: a.City,
      StateOrRegion: a.StateOrRegion,
      PostalCode: a.PostalCode,
      CountryCode: a.CountryCode,
    };
  const status = statusAt(order, now);
  // Phone suppressed for all AFN orders, and for shipped MFN orders past LatestDeliveryDate.
  const suppressPhone =
    order.fulfillmentChannel === 'AFN' || (status === 'Shipped' && now > order.latestDeliveryDate);
  const { Phone, ...rest } = a;
  return suppressPhone ? rest : { ...rest, Phone };
}

function v0BuyerInfo(order: SimOrder, grant: PiiGrant) {
  if (grant.buyer) return { ...order.buyer };
  if (grant.relayEmail) return { BuyerEmail: order.buyer.BuyerEmail };
  return {};
}

/** An Orders v0 `Order` as seen at `now` with the given PII grant. */
export function renderV0Order(order: SimOrder, now: number, grant: PiiGrant): Record<string, unknown> {
  const status = statusAt(order, now)!;
  const shipped = shippedQuantities(order, now);
  const nShipped = [...shipped.values()].reduce((s, q) => s + q, 0);
  const nOrdered = order.items.reduce((s, i) => s + i.quantityOrdered, 0);
  const market = MARKETPLACES[order.marketplaceId]!;
  const out: Record<string, unknown> = {
    AmazonOrderId: order.amazonOrderId,
    SellerOrderId: order.sellerOrderId,
    PurchaseDate: iso(order.purchaseDate),
    LastUpdateDate: iso(lastUpdateAt(order, now)),
    OrderStatus: status,
    FulfillmentChannel: order.fulfillmentChannel,
    SalesChannel: market.salesChannel,
    ShipServiceLevel: order.shipServiceLevel,
  };
  if (!NO_PRICE_STATUSES.has(status) && status !== 'Canceled')
    out.OrderTotal = money(order, orderTotalMinor(order));
  Object.assign(out, {
    NumberOfItemsShipped: nShipped,
    NumberOfItemsUnshipped: status === 'Canceled' ? 0 : nOrdered - nShipped,
    PaymentMethod: order.paymentMethod,
    PaymentMethodDetails: [order.paymentMethod === 'COD' ? 'CashOnDelivery' : 'Standard'],
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: order.shipmentServiceLevelCategory,
    OrderType: order.orderType,
    EarliestShipDate: iso(order.earliestShipDate),
    LatestShipDate: iso(order.latestShipDate),
    EarliestDeliveryDate: iso(order.earliestDeliveryDate),
    LatestDeliveryDate: iso(order.latestDeliveryDate),
    IsBusinessOrder: order.isBusinessOrder,
    IsPrime: order.isPrime,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    AutomatedShippingSettings: { HasAutomatedShippingSettings: false },
  });
  if (ADDRESS_STATUSES.has(status)) out.ShippingAddress = v0Address(order, now, grant.address);
  out.BuyerInfo = v0BuyerInfo(order, grant);
  return out;
}

function renderV0Item(order: SimOrder, item: SimOrder['items'][number], now: number, buyerInfo: boolean) {
  const status = statusAt(order, now)!;
  const shipped = shippedQuantities(order, now).get(item.orderItemId) ?? 0;
  const out: Record<string, unknown> = {
    ASIN: item.asin,
    SellerSKU: item.sellerSku,
    OrderItemId: item.orderItemId,
    Title: item.title,
    QuantityOrdered: item.quantityOrdered,
    QuantityShipped: shipped,
    ProductInfo: { NumberOfItems: '1' },
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
    IsTransparency: false,
    SerialNumberRequired: false,
  };
  // Pending: "does not return information about pricing, taxes, shipping charges, gift status or promotions".
  if (!NO_PRICE_STATUSES.has(status)) {
    Object.assign(out, {
      ItemPrice: money(order, item.unitPrice * item.quantityOrdered),
      ShippingPrice: money(order, item.shippingPrice),
      ItemTax: money(order, item.unitTax * item.quantityOrdered),
      ShippingTax: money(order, 0),
      ShippingDiscount: money(order, 0),
      ShippingDiscountTax: money(order, 0),
      PromotionDiscount: money(order, 0),
      PromotionDiscountTax: money(order, 0),
      PromotionIds: [],
      IsGift: item.isGift ? 'true' : 'false',
    });
    if (buyerInfo && item.giftMessageText)
      out.BuyerInfo = { GiftMessageText: item.giftMessageText, GiftWrapLevel: 'Classic' };
  }
  out.BuyerRequestedCancel = { IsBuyerRequestedCancel: 'false' };
  return out;
}

/** Orders of the caller's selling partner visible at `now`. */
export function visibleOrder(state: SimState, ctx: RequestContext, orderId: string): SimOrder | undefined {
  const order = state.ordersById.get(orderId);
  if (!order || order.sellingPartnerId !== ctx.seller?.sellingPartnerId) return undefined;
  if (order.purchaseDate > ctx.now) return undefined;
  if (MARKETPLACES[order.marketplaceId]?.region !== ctx.seller.region) return undefined;
  return order;
}

interface GetOrdersQuery {
  marketplaceIds: string[];
  by: 'created' | 'updated';
  after: number;
  before: number;
  statuses?: string[];
  channels?: string[];
  payments?: string[];
  buyerEmail?: string;
  sellerOrderId?: string;
  orderIds?: string[];
  easyShip?: string[];
  eInvoice?: string[];
  pageSize: number;
}

interface GetOrdersToken {
  t: 'v0-orders';
  s: string;
  q: GetOrdersQuery;
  /** Cursor: sort key + order id of the last order returned. */
  k: [number, string];
  e: number;
}

function checkEnum(
  name: string,
  values: string[] | undefined,
  allowed: readonly string[],
): SimResponse | undefined {
  const bad = values?.find((v) => !allowed.includes(v));
  return bad === undefined ? undefined : invalidInput(`${bad} is not a valid value for ${name}.`);
}

function parseGetOrders(ctx: RequestContext): GetOrdersQuery | SimResponse {
  const p = ctx.params;
  const marketplaceIds = csv(p, 'MarketplaceIds');
  if (!marketplaceIds || marketplaceIds.length === 0) return invalidInput('MarketplaceIds is required.');
  if (marketplaceIds.length > 50) return invalidInput('MarketplaceIds cannot contain more than 50 values.');
  for (const id of marketplaceIds) {
    if (!ctx.seller?.marketplaceIds.includes(id)) return invalidInput(`Invalid MarketplaceId: ${id}.`);
  }
  const raw = (n: string) => p.get(n) ?? undefined;
  const dates: Record<string, number | undefined> = {};
  for (const n of ['CreatedAfter', 'CreatedBefore', 'LastUpdatedAfter', 'LastUpdatedBefore']) {
    const v = raw(n);
    if (v === undefined) continue;
    const t = parseIso(v);
    if (t === undefined) return invalidInput(`${n} is not a valid ISO 8601 date-time: ${v}`);
    dates[n] = t;
  }
  const { CreatedAfter, CreatedBefore, LastUpdatedAfter, LastUpdatedBefore } = dates;
  if (CreatedAfter === undefined && LastUpdatedAfter === undefined) {
    return invalidInput(
      'Either the CreatedAfter parameter or the LastUpdatedAfter parameter is required. Both cannot be empty.',
    );
  }
  if (CreatedAfter !== undefined && (LastUpdatedAfter !== undefined || LastUpdatedBefore !== undefined)) {
    return invalidInput('LastUpdatedAfter and LastUpdatedBefore cannot be set when CreatedAfter is set.');
  }
  if (LastUpdatedAfter !== undefined && CreatedBefore !== undefined) {
    return invalidInput('CreatedAfter or CreatedBefore cannot be set when LastUpdatedAfter is set.');
  }
  const latest = ctx.now - TWO_MINUTES;
  const by = CreatedAfter !== undefined ? 'created' : 'updated';
  const after = (CreatedAfter ?? LastUpdatedAfter)!;
  const explicitBefore = by === 'created' ? CreatedBefore : LastUpdatedBefore;
  // Amazon's opaque error for a *Before less than two minutes before now (or before *After).
  if (explicitBefore !== undefined && (explicitBefore > latest || explicitBefore < after)) {
    return invalidInput(OPAQUE_INVALID_INPUT);
  }
  // An *After in the future is rejected; one within the last two minutes gives an empty window.
  if (after > ctx.now) return invalidInput(OPAQUE_INVALID_INPUT);
  const statuses = csv(p, 'OrderStatuses');
  const channels = csv(p, 'FulfillmentChannels');
  const payments = csv(p, 'PaymentMethods');
  const easyShip = csv(p, 'EasyShipShipmentStatuses');
  const eInvoice = csv(p, 'ElectronicInvoiceStatuses');
  const bad =
    checkEnum('OrderStatuses', statuses, V0_ORDER_STATUSES) ??
    checkEnum('FulfillmentChannels', channels, FULFILLMENT_CHANNELS) ??
    checkEnum('PaymentMethods', payments, PAYMENT_METHODS) ??
    checkEnum('EasyShipShipmentStatuses', easyShip, EASY_SHIP) ??
    checkEnum('ElectronicInvoiceStatuses', eInvoice, E_INVOICE);
  if (bad) return bad;
  const sellerOrderId = raw('SellerOrderId');
  const buyerEmail = raw('BuyerEmail');
  if (
    sellerOrderId !== undefined &&
    (channels || statuses || payments || buyerEmail !== undefined || by === 'updated')
  ) {
    return invalidInput(
      'If SellerOrderId is specified, then FulfillmentChannels, OrderStatuses, PaymentMethod, LastUpdatedAfter, LastUpdatedBefore, and BuyerEmail cannot be specified.',
    );
  }
  const orderIds = csv(p, 'AmazonOrderIds');
  if (orderIds && orderIds.length > 50)
    return invalidInput('AmazonOrderIds cannot contain more than 50 values.');
  const badId = orderIds?.find((id) => !ORDER_ID_3_7_7.test(id));
  if (badId !== undefined) return invalidInput(`Invalid AmazonOrderId: ${badId}.`);
  let pageSize = 100;
  const mr = raw('MaxResultsPerPage');
  if (mr !== undefined) {
    if (!/^\d+$/.test(mr) || Number(mr) < 1 || Number(mr) > 100) {
      return invalidInput('MaxResultsPerPage must be an integer between 1 and 100.');
    }
    pageSize = Number(mr);
  }
  return {
    marketplaceIds,
    by,
    after,
    before: explicitBefore ?? latest,
    ...(statuses ? { statuses } : {}),
    ...(channels ? { channels } : {}),
    ...(payments ? { payments } : {}),
    ...(buyerEmail !== undefined ? { buyerEmail } : {}),
    ...(sellerOrderId !== undefined ? { sellerOrderId } : {}),
    ...(orderIds ? { orderIds } : {}),
    ...(easyShip ? { easyShip } : {}),
    ...(eInvoice ? { eInvoice } : {}),
    pageSize,
  };
}

/** The order's sort key (purchase or last-update time) when it matches the query, else null. */
function matchKey(order: SimOrder, q: GetOrdersQuery, now: number): number | null {
  if (order.purchaseDate > now) return null;
  if (!q.marketplaceIds.includes(order.marketplaceId)) return null;
  const key = q.by === 'created' ? order.purchaseDate : lastUpdateAt(order, now);
  if (key < q.after || key > q.before) return null;
  if (q.statuses && !q.statuses.includes(statusAt(order, now)!)) return null;
  if (q.channels && !q.channels.includes(order.fulfillmentChannel)) return null;
  if (q.payments && !q.payments.includes(order.paymentMethod)) return null;
  if (q.buyerEmail !== undefined && q.buyerEmail !== order.buyer.BuyerEmail) return null;
  if (q.sellerOrderId !== undefined && q.sellerOrderId !== order.sellerOrderId) return null;
  if (q.orderIds && !q.orderIds.includes(order.amazonOrderId)) return null;
  // The generator makes no EasyShip (India) or electronic-invoice (Brazil) orders.
  if (q.easyShip || q.eInvoice) return null;
  return key;
}

export function getOrders(state: SimState, ctx: RequestContext): SimResponse {
  const seller = ctx.seller!;
  let q: GetOrdersQuery;
  let cursor: [number, string] | undefined;
  const nextToken = ctx.params.get('NextToken');
  if (nextToken !== null) {
    // NextToken carries the original query: other filters in the request do not change it.
    if (!csv(ctx.params, 'MarketplaceIds')?.length) return invalidInput('MarketplaceIds is required.');
    const t = decodeToken<GetOrdersToken>(state, nextToken);
    if (!t || t.t !== 'v0-orders' || t.s !== seller.sellingPartnerId)
      return invalidInput(NEXT_TOKEN_UNDECODABLE);
    if (t.e <= ctx.now) return invalidInput(NEXT_TOKEN_EXPIRED);
    q = t.q;
    cursor = t.k;
  } else {
    const parsed = parseGetOrders(ctx);
    if ('status' in parsed) return parsed;
    q = parsed;
  }
  // AmazonOrderIds: look the ids up instead of scanning the seller's orders.
  const candidates = q.orderIds
    ? [...new Set(q.orderIds)].flatMap((id) => {
        const o = state.ordersById.get(id);
        return o && o.sellingPartnerId === seller.sellingPartnerId ? [o] : [];
      })
    : (state.ordersBySeller.get(seller.sellingPartnerId) ?? []);
  const { page, more } = nextPage(candidates, (o) => matchKey(o, q, ctx.now), cursor, q.pageSize);
  const grant = v0PiiGrant(state, ctx, 'order');
  const payload: Record<string, unknown> = { Orders: page.map(({ o }) => renderV0Order(o, ctx.now, grant)) };
  if (more) {
    const last = page[page.length - 1]!;
    const token: GetOrdersToken = {
      t: 'v0-orders',
      s: seller.sellingPartnerId,
      q,
      k: [last.k, last.o.amazonOrderId],
      e: ctx.now + state.nextTokenTtlMs,
    };
    payload.NextToken = encodeToken(state, token);
  }
  payload[q.by === 'created' ? 'CreatedBefore' : 'LastUpdatedBefore'] = iso(q.before);
  return { status: 200, body: { payload } };
}

function orderIdParam(ctx: RequestContext): string | SimResponse {
  const id = ctx.pathParams.orderId ?? '';
  if (!ORDER_ID_3_7_7.test(id)) return invalidInput(`Invalid orderId: ${id}.`);
  return id;
}

const notFound = (id: string) =>
  errors(404, { code: 'NotFound', message: `Order ${id} was not found.`, details: '' });

export function getOrder(state: SimState, ctx: RequestContext): SimResponse {
  const id = orderIdParam(ctx);
  if (typeof id !== 'string') return id;
  const order = visibleOrder(state, ctx, id);
  // A well-formed but unknown id is 200 {"payload":{}} (amzn/selling-partner-api-models#2939).
  if (!order) return { status: 200, body: { payload: {} } };
  return { status: 200, body: { payload: renderV0Order(order, ctx.now, v0PiiGrant(state, ctx, 'order')) } };
}

interface ItemsToken {
  t: 'v0-items';
  s: string;
  o: string;
  i: number;
  e: number;
}

export function getOrderItems(state: SimState, ctx: RequestContext): SimResponse {
  const id = orderIdParam(ctx);
  if (typeof id !== 'string') return id;
  const order = visibleOrder(state, ctx, id);
  if (!order) return notFound(id);
  let offset = 0;
  const nextToken = ctx.params.get('NextToken');
  if (nextToken !== null) {
    const t = decodeToken<ItemsToken>(state, nextToken);
    if (!t || t.t !== 'v0-items' || t.o !== id || t.s !== order.sellingPartnerId)
      return invalidInput(NEXT_TOKEN_UNDECODABLE);
    if (t.e <= ctx.now) return invalidInput(NEXT_TOKEN_EXPIRED);
    offset = t.i;
  }
  const grant = v0PiiGrant(state, ctx, 'order');
  const items = order.items.slice(offset, offset + state.orderItemsPageSize);
  const payload: Record<string, unknown> = {
    AmazonOrderId: id,
    OrderItems: items.map((i) => renderV0Item(order, i, ctx.now, grant.buyer)),
  };
  if (offset + items.length < order.items.length) {
    const token: ItemsToken = {
      t: 'v0-items',
      s: order.sellingPartnerId,
      o: id,
      i: offset + items.length,
      e: ctx.now + state.nextTokenTtlMs,
    };
    payload.NextToken = encodeToken(state, token);
  }
  return { status: 200, body: { payload } };
}

export function getOrderAddress(state: SimState, ctx: RequestContext): SimResponse {
  const id = orderIdParam(ctx);
  if (typeof id !== 'string') return id;
  const order = visibleOrder(state, ctx, id);
  if (!order) return notFound(id);
  const grant = v0PiiGrant(state, ctx, 'address');
  const payload: Record<string, unknown> = { AmazonOrderId: id };
  if (ADDRESS_STATUSES.has(statusAt(order, ctx.now)!)) {
    if (grant.address && order.buyer.BuyerCompanyName)
      payload.BuyerCompanyName = order.buyer.BuyerCompanyName;
    payload.ShippingAddress = v0Address(order, ctx.now, grant.address);
  }
  return { status: 200, body: { payload } };
}

export function getOrderBuyerInfo(state: SimState, ctx: RequestContext): SimResponse {
  const id = orderIdParam(ctx);
  if (typeof id !== 'string') return id;
  const order = visibleOrder(state, ctx, id);
  if (!order) return notFound(id);
  const grant = v0PiiGrant(state, ctx, 'buyerInfo');
  const { BuyerCompanyName: _company, ...buyer } = order.buyer;
  const payload = grant.buyer
    ? { AmazonOrderId: id, ...buyer }
    : grant.relayEmail
      ? { AmazonOrderId: id, BuyerEmail: order.buyer.BuyerEmail }
      : { AmazonOrderId: id };
  return { status: 200, body: { payload } };
}

const ZConfirmShipment = z.object({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.enum(['DirectPayment']).optional(),
  packageDetail: z.object({
    packageReferenceId: z.string(),
    carrierCode: z.string().min(1),
    carrierName: z.string().optional(),
    shippingMethod: z.string().optional(),
    trackingNumber: z.string().min(1),
    shipDate: z.string(),
    shipFromSupplySourceId: z.string().optional(),
    orderItems: z
      .array(
        z.object({
          orderItemId: z.string().min(1),
          quantity: z.number().int().min(1),
          transparencyCodes: z.array(z.string()).optional(),
        }),
      )
      .min(1),
  }),
});

export function confirmShipment(state: SimState, ctx: RequestContext): SimResponse {
  const id = orderIdParam(ctx);
  if (typeof id !== 'string') return id;
  let json: unknown;
  try {
    json = JSON.parse(ctx.body);
  } catch {
    return invalidInput('The request body is not valid JSON.');
  }
  const parsed = ZConfirmShipment.safeParse(json, { reportInput: true });
  if (!parsed.success) {
    return errors(
      400,
      ...parsed.error.issues.map((i) => ({
        code: 'InvalidInput',
        message:
          i.code === 'invalid_type' && i.input !== undefined
            ? `invalid type [${i.path.join('.')}]`
            : `${i.path.join('.') || 'body'} is ${i.input === undefined ? 'required' : 'invalid'}: ${i.message}`,
        details: '',
      })),
    );
  }
  const body = parsed.data;
  const pkg = body.packageDetail;
  if (!/^[1-9]\d*$/.test(pkg.packageReferenceId)) {
    return invalidInput('PackageReferenceId: is invalid, must be a positive numeric value.');
  }
  if (pkg.carrierCode === 'Other' && !pkg.carrierName) {
    return invalidInput('carrierName is required when carrierCode is Other.');
  }
  const shipDate = parseIso(pkg.shipDate);
  if (shipDate === undefined || !pkg.shipDate.includes('T')) {
    return invalidInput(`shipDate is not a valid ISO 8601 date-time: ${pkg.shipDate}`);
  }
  const order = visibleOrder(state, ctx, id);
  if (!order) return notFound(id);
  if (body.marketplaceId !== order.marketplaceId)
    return invalidInput(`Invalid marketplaceId ${body.marketplaceId} for order ${id}.`);
  if (order.fulfillmentChannel !== 'MFN')
    return invalidInput(`Order ${id} is fulfilled by Amazon and cannot be confirmed.`);
  const status = statusAt(order, ctx.now)!;
  if (status !== 'Unshipped' && status !== 'PartiallyShipped') {
    return invalidInput(
      `Order ${id} has status ${status}; only Unshipped or PartiallyShipped orders can be confirmed.`,
    );
  }
  const shipped = shippedQuantities(order, ctx.now);
  const requested = new Map<string, number>();
  for (const line of pkg.orderItems) {
    const item = order.items.find((i) => i.orderItemId === line.orderItemId);
    if (!item) {
      return invalidInput(
        'OrderItemId is invalid, please obtain the value through the getOrderItems API or Manage Orders page',
        line.orderItemId,
      );
    }
    requested.set(line.orderItemId, (requested.get(line.orderItemId) ?? 0) + line.quantity);
  }
  for (const [itemId, qty] of requested) {
    const item = order.items.find((i) => i.orderItemId === itemId)!;
    const unshipped = item.quantityOrdered - (shipped.get(itemId) ?? 0);
    if (qty > unshipped) {
      return invalidInput(
        `Quantity ${qty} for OrderItemId ${itemId} exceeds the unshipped quantity ${unshipped}.`,
      );
    }
  }
  order.shipments.push({
    at: ctx.now,
    packageReferenceId: pkg.packageReferenceId,
    carrierCode: pkg.carrierCode,
    ...(pkg.carrierName ? { carrierName: pkg.carrierName } : {}),
    ...(pkg.shippingMethod ? { shippingMethod: pkg.shippingMethod } : {}),
    trackingNumber: pkg.trackingNumber,
    shipDate: pkg.shipDate,
    items: [...requested].map(([orderItemId, quantity]) => ({ orderItemId, quantity })),
  });
  // The seller took over: scheduled lifecycle events after now no longer apply.
  order.timeline = order.timeline.filter((e) => e.at <= ctx.now);
  order.shipments = order.shipments.filter((s) => s.at <= ctx.now);
  const after = shippedQuantities(order, ctx.now);
  const allShipped = order.items.every((i) => (after.get(i.orderItemId) ?? 0) >= i.quantityOrdered);
  order.timeline.push({ at: ctx.now, status: allShipped ? 'Shipped' : 'PartiallyShipped' });
  return { status: 204 };
}
