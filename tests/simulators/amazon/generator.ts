// Deterministic, seeded order generator for the SP-API simulator.
//
// Order i depends only on (seed, i), so the same seed gives the same orders, and a larger count
// extends a smaller one. Each order carries a lifecycle (a timeline of Orders v0 statuses) that
// the simulator evaluates against its clock: an order is invisible before its PurchaseDate, then
// moves Pending → Unshipped → Shipped (or PartiallyShipped, Canceled, …) as simulated time passes.
//
// PII is made of recognisable canary values: every buyer name, email, address line and gift
// message contains `canaryMarker(order)` = `<canary><index>Z` (e.g. `CANARY17Z`), so tests can
// grep logs, Redis and pages for `options.canary` and find any leak.
import { createHash } from 'node:crypto';

export type V0OrderStatus =
  | 'PendingAvailability'
  | 'Pending'
  | 'Unshipped'
  | 'PartiallyShipped'
  | 'Shipped'
  | 'InvoiceUnconfirmed'
  | 'Canceled'
  | 'Unfulfillable';

export const V0_ORDER_STATUSES: readonly V0OrderStatus[] = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
];

export type Region = 'na' | 'eu' | 'fe';

export interface Marketplace {
  id: string;
  region: Region;
  country: string;
  currency: string;
  salesChannel: string;
  /** Minor units per major unit (JPY: 1). */
  minor: number;
}

export const MARKETPLACES: Readonly<Record<string, Marketplace>> = {
  ATVPDKIKX0DER: {
    id: 'ATVPDKIKX0DER',
    region: 'na',
    country: 'US',
    currency: 'USD',
    salesChannel: 'Amazon.com',
    minor: 100,
  },
  A2EUQ1WTGCTBG2: {
    id: 'A2EUQ1WTGCTBG2',
    region: 'na',
    country: 'CA',
    currency: 'CAD',
    salesChannel: 'Amazon.ca',
    minor: 100,
  },
  A1AM78C64UM0Y8: {
    id: 'A1AM78C64UM0Y8',
    region: 'na',
    country: 'MX',
    currency: 'MXN',
    salesChannel: 'Amazon.com.mx',
    minor: 100,
  },
  A1F83G8C2ARO7P: {
    id: 'A1F83G8C2ARO7P',
    region: 'eu',
    country: 'GB',
    currency: 'GBP',
    salesChannel: 'Amazon.co.uk',
    minor: 100,
  },
  A1PA6795UKMFR9: {
    id: 'A1PA6795UKMFR9',
    region: 'eu',
    country: 'DE',
    currency: 'EUR',
    salesChannel: 'Amazon.de',
    minor: 100,
  },
  A13V1IB3VIYZZH: {
    id: 'A13V1IB3VIYZZH',
    region: 'eu',
    country: 'FR',
    currency: 'EUR',
    salesChannel: 'Amazon.fr',
    minor: 100,
  },
  A1VC38T7YXB528: {
    id: 'A1VC38T7YXB528',
    region: 'fe',
    country: 'JP',
    currency: 'JPY',
    salesChannel: 'Amazon.co.jp',
    minor: 1,
  },
  A39IBJ37TRP1C6: {
    id: 'A39IBJ37TRP1C6',
    region: 'fe',
    country: 'AU',
    currency: 'AUD',
    salesChannel: 'Amazon.com.au',
    minor: 100,
  },
};

export interface SimOrderItem {
  orderItemId: string;
  asin: string;
  sellerSku: string;
  title: string;
  quantityOrdered: number;
  /** Unit price in minor units. */
  unitPrice: number;
  /** Tax per unit in minor units. */
  unitTax: number;
  /** Shipping for the line, minor units. */
  shippingPrice: number;
  isGift: boolean;
  /** Restricted (OrderItem.BuyerInfo): only with an RDT with buyerInfo. */
  giftMessageText?: string;
}

export interface SimShipment {
  at: number;
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: string;
  items: { orderItemId: string; quantity: number }[];
}

export interface SimAddress {
  Name: string;
  AddressLine1: string;
  AddressLine2?: string;
  City: string;
  StateOrRegion: string;
  PostalCode: string;
  CountryCode: string;
  Phone: string;
  AddressType: 'Residential' | 'Commercial';
}

export interface SimOrder {
  index: number;
  amazonOrderId: string;
  sellerOrderId: string;
  sellingPartnerId: string;
  marketplaceId: string;
  fulfillmentChannel: 'MFN' | 'AFN';
  purchaseDate: number;
  /** Status changes, ascending by `at`; the first is at purchaseDate. */
  timeline: { at: number; status: V0OrderStatus }[];
  shipments: SimShipment[];
  shipServiceLevel: string;
  shipmentServiceLevelCategory: 'Expedited' | 'NextDay' | 'SecondDay' | 'Standard' | 'FreeEconomy';
  orderType: 'StandardOrder' | 'Preorder';
  paymentMethod: 'Other' | 'COD';
  isPrime: boolean;
  isBusinessOrder: boolean;
  earliestShipDate: number;
  latestShipDate: number;
  earliestDeliveryDate: number;
  latestDeliveryDate: number;
  items: SimOrderItem[];
  buyer: { BuyerName: string; BuyerEmail: string; PurchaseOrderNumber?: string; BuyerCompanyName?: string };
  address: SimAddress;
}

export interface GenerateOrdersOptions {
  seed: string | number;
  count: number;
  sellingPartnerId: string;
  /** Marketplaces to spread orders over (one region). Default: the region's first marketplace. */
  marketplaceIds: readonly string[];
  /** PurchaseDate range (epoch ms), inclusive. Orders in the future appear as the clock reaches them. */
  from: number;
  to: number;
  /** Marker for all PII values. Default `CANARY`. */
  canary?: string;
  /** Fraction of AFN (Amazon-fulfilled) orders, 0–1. Default 0.3. */
  afnShare?: number;
  /** Maximum lines per order. Default 4. */
  maxLines?: number;
  /** Index of the first order (to append more orders to an existing set). Default 0. */
  startIndex?: number;
  /** Seed of the seller's catalogue (SKUs, ASINs, prices), so batches can share one. Default `seed`. */
  catalogueSeed?: string | number;
}

export interface SimCatalogueProduct {
  title: string;
  sellerSku: string;
  asin: string;
  /** List price in US cents. */
  price: number;
}

/** The products a simulated seller sells: the SKUs its generated orders use. */
export function sellerCatalogue(catalogueSeed: string | number): SimCatalogueProduct[] {
  return PRODUCTS.map((title, n) => {
    const rand = mulberry32(seedFor(catalogueSeed, 'sku', n));
    return {
      title,
      sellerSku: `PL-${String(n + 1).padStart(3, '0')}-${digits(rand, 3)}`,
      asin: `B0${Array.from({ length: 8 }, () => pick(rand, [...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'])).join('')}`,
      price: between(rand, 399, 8999),
    };
  });
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The marker every PII value of this order contains. */
export function canaryMarker(order: Pick<SimOrder, 'index'>, canary = 'CANARY'): string {
  return `${canary}${order.index}Z`;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedFor(...parts: (string | number)[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Tim'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Berners',
];
const CITIES: Record<string, { city: string; region: string; postal: string }[]> = {
  US: [
    { city: 'Seattle', region: 'WA', postal: '98101' },
    { city: 'Austin', region: 'TX', postal: '73301' },
    { city: 'Boston', region: 'MA', postal: '02108' },
  ],
  CA: [{ city: 'Toronto', region: 'ON', postal: 'M5H 2N2' }],
  MX: [{ city: 'Ciudad de México', region: 'CDMX', postal: '06000' }],
  GB: [
    { city: 'London', region: 'Greater London', postal: 'EC1A 1BB' },
    { city: 'Leeds', region: 'West Yorkshire', postal: 'LS1 1UR' },
  ],
  DE: [{ city: 'Berlin', region: 'Berlin', postal: '10115' }],
  FR: [{ city: 'Paris', region: 'Île-de-France', postal: '75001' }],
  JP: [{ city: 'Shibuya', region: 'Tokyo', postal: '150-0002' }],
  AU: [{ city: 'Sydney', region: 'NSW', postal: '2000' }],
};
const PRODUCTS = [
  'Packing tape 48mm x 66m',
  'Shipping boxes 30x20x15 (pack of 25)',
  'Thermal labels 100x150',
  'Bubble wrap roll 50cm',
  'Barcode scanner USB',
  'Label printer 4x6',
  'Stretch film 500mm',
  'Kraft paper void fill',
];
const ID_PREFIX: Record<Region, string[]> = {
  na: ['111', '112', '113', '114', '701'],
  eu: ['202', '203', '204', '205'],
  fe: ['249', '250', '503'],
};

type Story =
  | 'mfn-wait'
  | 'mfn-ship'
  | 'mfn-partial'
  | 'mfn-invoice'
  | 'afn'
  | 'afn-unfulfillable'
  | 'cancel'
  | 'cancel-unshipped'
  | 'pending-long'
  | 'preorder';

function digits(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(rand() * 10).toString();
  return s;
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function between(rand: () => number, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

function chooseStory(rand: () => number, afn: boolean, lines: number): Story {
  const r = rand();
  if (afn) {
    if (r < 0.06) return 'afn-unfulfillable';
    if (r < 0.14) return 'cancel';
    if (r < 0.18) return 'pending-long';
    return 'afn';
  }
  if (r < 0.45) return 'mfn-wait';
  if (r < 0.65) return 'mfn-ship';
  if (r < 0.72) return lines > 1 ? 'mfn-partial' : 'mfn-wait';
  if (r < 0.76) return 'mfn-invoice';
  if (r < 0.84) return 'cancel';
  if (r < 0.88) return 'cancel-unshipped';
  if (r < 0.93) return 'pending-long';
  return 'preorder';
}

/** Generates orders [startIndex, startIndex + count) for one selling partner. */
export function generateOrders(options: GenerateOrdersOptions): SimOrder[] {
  const canary = options.canary ?? 'CANARY';
  const afnShare = options.afnShare ?? 0.3;
  const maxLines = Math.max(1, options.maxLines ?? 4);
  const start = options.startIndex ?? 0;
  if (options.marketplaceIds.length === 0) throw new Error('generateOrders needs at least one marketplace');
  const markets = options.marketplaceIds.map((id) => {
    const m = MARKETPLACES[id];
    if (!m) throw new Error(`unknown marketplace ${id}`);
    return m;
  });
  const catalogue = sellerCatalogue(options.catalogueSeed ?? options.seed);
  const orders: SimOrder[] = [];
  const seen = new Set<string>();
  for (let index = start; index < start + options.count; index++) {
    const rand = mulberry32(seedFor(options.seed, options.sellingPartnerId, index));
    const market = pick(rand, markets);
    let amazonOrderId: string;
    do {
      amazonOrderId = `${pick(rand, ID_PREFIX[market.region])}-${digits(rand, 7)}-${digits(rand, 7)}`;
    } while (seen.has(amazonOrderId));
    seen.add(amazonOrderId);
    const afn = rand() < afnShare;
    const lines = between(rand, 1, maxLines);
    // Whole seconds, as Amazon's timestamps are.
    const purchaseDate =
      Math.floor((options.from + rand() * Math.max(1, options.to - options.from)) / 1000) * 1000;
    const scale = market.minor === 1 ? 1.5 : 0.01; // JPY prices in whole yen
    const items: SimOrderItem[] = [];
    const used = new Set<number>();
    for (let l = 0; l < lines; l++) {
      let p = between(rand, 0, catalogue.length - 1);
      while (used.has(p)) p = (p + 1) % catalogue.length;
      used.add(p);
      const product = catalogue[p]!;
      const unitPrice = Math.round(product.price * scale * market.minor);
      const isGift = rand() < 0.1;
      items.push({
        orderItemId: digits(rand, 14),
        asin: product.asin,
        sellerSku: product.sellerSku,
        title: product.title,
        quantityOrdered: between(rand, 1, 3),
        unitPrice,
        unitTax: Math.round(unitPrice * 0.1),
        shippingPrice: l === 0 ? Math.round(4.99 * market.minor) : 0,
        isGift,
        ...(isGift ? { giftMessageText: `Happy birthday from ${canaryMarker({ index }, canary)}` } : {}),
      });
    }
    const story = chooseStory(rand, afn, lines);
    const marker = canaryMarker({ index }, canary);
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const place = pick(rand, CITIES[market.country] ?? CITIES.US!);
    const isBusinessOrder = rand() < 0.1;
    const order: SimOrder = {
      index,
      amazonOrderId,
      sellerOrderId: amazonOrderId,
      sellingPartnerId: options.sellingPartnerId,
      marketplaceId: market.id,
      fulfillmentChannel: afn ? 'AFN' : 'MFN',
      purchaseDate,
      timeline: [],
      shipments: [],
      shipServiceLevel: 'Std Dom',
      shipmentServiceLevelCategory: pick(rand, [
        'Standard',
        'Standard',
        'Expedited',
        'NextDay',
        'SecondDay',
        'FreeEconomy',
      ] as const),
      orderType: story === 'preorder' ? 'Preorder' : 'StandardOrder',
      paymentMethod: market.country === 'MX' && rand() < 0.2 ? 'COD' : 'Other',
      isPrime: rand() < 0.4,
      isBusinessOrder,
      earliestShipDate: purchaseDate + 6 * HOUR,
      latestShipDate: purchaseDate + 2 * DAY,
      earliestDeliveryDate: purchaseDate + 2 * DAY,
      latestDeliveryDate: purchaseDate + 6 * DAY,
      items,
      buyer: {
        BuyerName: `${first} ${marker} ${last}`,
        BuyerEmail: `${marker.toLowerCase()}.${digits(rand, 6)}@marketplace.amazon.com`,
        ...(isBusinessOrder
          ? { PurchaseOrderNumber: `PO-${marker}`, BuyerCompanyName: `${marker} Trading Ltd` }
          : {}),
      },
      address: {
        Name: `${first} ${marker} ${last}`,
        AddressLine1: `${between(rand, 1, 999)} ${marker} Street`,
        ...(rand() < 0.3 ? { AddressLine2: `Flat ${between(rand, 1, 40)}` } : {}),
        City: place.city,
        StateOrRegion: place.region,
        PostalCode: place.postal,
        CountryCode: market.country,
        Phone: `+1 555 01${digits(rand, 2)} ${digits(rand, 4)}`,
        AddressType: isBusinessOrder ? 'Commercial' : 'Residential',
      },
    };
    buildLifecycle(order, story, rand);
    orders.push(order);
  }
  return orders;
}

function shipAll(order: SimOrder, at: number, rand: () => number): SimShipment {
  return {
    at,
    packageReferenceId: String(order.shipments.length + 1),
    carrierCode: order.fulfillmentChannel === 'AFN' ? 'AMZN_US' : 'UPS',
    trackingNumber: `1Z${digits(rand, 16)}`,
    shipDate: new Date(at).toISOString(),
    items: order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })),
  };
}

function buildLifecycle(order: SimOrder, story: Story, rand: () => number): void {
  const p = order.purchaseDate;
  const t = order.timeline;
  const unshippedAt = p + between(rand, 5, 30) * MINUTE;
  switch (story) {
    case 'mfn-wait':
      t.push({ at: p, status: 'Pending' }, { at: unshippedAt, status: 'Unshipped' });
      break;
    case 'mfn-ship':
    case 'afn': {
      const shippedAt = unshippedAt + between(rand, 2, 36) * HOUR;
      t.push(
        { at: p, status: 'Pending' },
        { at: unshippedAt, status: 'Unshipped' },
        { at: shippedAt, status: 'Shipped' },
      );
      order.shipments.push(shipAll(order, shippedAt, rand));
      break;
    }
    case 'mfn-partial': {
      const at = unshippedAt + between(rand, 2, 24) * HOUR;
      t.push(
        { at: p, status: 'Pending' },
        { at: unshippedAt, status: 'Unshipped' },
        { at, status: 'PartiallyShipped' },
      );
      const first = order.items[0]!;
      order.shipments.push({
        ...shipAll(order, at, rand),
        items: [{ orderItemId: first.orderItemId, quantity: first.quantityOrdered }],
      });
      break;
    }
    case 'mfn-invoice': {
      const at = unshippedAt + between(rand, 2, 24) * HOUR;
      t.push(
        { at: p, status: 'Pending' },
        { at: unshippedAt, status: 'Unshipped' },
        { at, status: 'InvoiceUnconfirmed' },
        { at: at + between(rand, 1, 48) * HOUR, status: 'Shipped' },
      );
      order.shipments.push(shipAll(order, at, rand));
      break;
    }
    case 'afn-unfulfillable':
      t.push({ at: p, status: 'Pending' }, { at: unshippedAt, status: 'Unfulfillable' });
      break;
    case 'cancel':
      t.push({ at: p, status: 'Pending' }, { at: p + between(rand, 10, 120) * MINUTE, status: 'Canceled' });
      break;
    case 'cancel-unshipped':
      t.push(
        { at: p, status: 'Pending' },
        { at: unshippedAt, status: 'Unshipped' },
        { at: unshippedAt + between(rand, 1, 12) * HOUR, status: 'Canceled' },
      );
      break;
    case 'pending-long':
      t.push({ at: p, status: 'Pending' });
      break;
    case 'preorder': {
      const release = p + between(rand, 2, 10) * DAY;
      t.push(
        { at: p, status: 'PendingAvailability' },
        { at: release, status: 'Pending' },
        { at: release + between(rand, 5, 30) * MINUTE, status: 'Unshipped' },
      );
      order.earliestShipDate = release + 6 * HOUR;
      order.latestShipDate = release + 2 * DAY;
      order.earliestDeliveryDate = release + 2 * DAY;
      order.latestDeliveryDate = release + 6 * DAY;
      break;
    }
  }
}

/** The order's status at `now`, or undefined when it was not yet placed. */
export function statusAt(order: SimOrder, now: number): V0OrderStatus | undefined {
  let status: V0OrderStatus | undefined;
  for (const e of order.timeline) {
    if (e.at > now) break;
    status = e.status;
  }
  return status;
}

/** Last change visible at `now` (status change or shipment). */
export function lastUpdateAt(order: SimOrder, now: number): number {
  let last = order.purchaseDate;
  for (const e of order.timeline) if (e.at <= now && e.at > last) last = e.at;
  for (const s of order.shipments) if (s.at <= now && s.at > last) last = s.at;
  return last;
}

/** Units of each item shipped by `now`. */
export function shippedQuantities(order: SimOrder, now: number): Map<string, number> {
  const q = new Map<string, number>(order.items.map((i) => [i.orderItemId, 0]));
  for (const s of order.shipments) {
    if (s.at > now) continue;
    for (const i of s.items) q.set(i.orderItemId, (q.get(i.orderItemId) ?? 0) + i.quantity);
  }
  return q;
}
