// Listings Items API 2021-08-01, per shared/reference/sp-api-models/listingsItems_2021-08-01.json:
// - patchListingsItem (the operation Packline uses to push stock). Validation errors use the
//   `{"errors":[{code,message,details}]}` envelope; a valid patch answers
//   `{sku, status: 'ACCEPTED', submissionId, issues: []}`. The last fulfillment_availability
//   quantity is kept per seller + sku + marketplace so tests can read what reached "Amazon".
// - searchListingsItems (the listings import): the seller's catalogue — every SKU/ASIN/title/price
//   its generated orders sell, per marketplace, plus listings tests add — paged with an opaque
//   pageToken (pageSize ≤ 20, default 10; at most 1 000 items reachable, as Amazon documents),
//   summaries/attributes/offers/fulfillmentAvailability/issues as includedData asks. The quantity
//   is the last one patched, so a push shows in the next search.
import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MARKETPLACES, type SimOrder } from './generator.ts';
import {
  amount,
  csv,
  decodeToken,
  encodeToken,
  errors,
  invalidInput,
  iso,
  type RequestContext,
  type SimResponse,
  type SimState,
} from './state.ts';

export interface SimListingQuantity {
  sellingPartnerId: string;
  sku: string;
  marketplaceId: string;
  quantity: number;
  fulfillmentChannelCode: string;
  submissionId: string;
  /** Simulated epoch ms. */
  at: number;
}

export function listingKey(sellingPartnerId: string, sku: string, marketplaceId: string): string {
  return `${sellingPartnerId}|${marketplaceId}|${sku}`;
}

const ZPatch = z.object({
  op: z.enum(['add', 'replace', 'merge', 'delete']),
  path: z.string().regex(/^\/attributes\/[a-z0-9_]+$/),
  value: z.array(z.unknown()).optional(),
});

const ZBody = z.object({
  productType: z.string().min(1),
  patches: z.array(ZPatch).min(1),
});

const ZAvailability = z.object({
  fulfillment_channel_code: z.string().min(1),
  quantity: z.number().int().min(0),
  marketplace_id: z.string().optional(),
});

export function patchListingsItem(state: SimState, ctx: RequestContext): SimResponse {
  const sellerId = ctx.pathParams.sellerId ?? '';
  const sku = ctx.pathParams.sku ?? '';
  if (sellerId !== ctx.seller?.sellingPartnerId)
    return errors(403, {
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
      details: '',
    });
  if (!sku) return invalidInput('Missing required path parameter: sku');
  const marketplaceIds = csv(ctx.params, 'marketplaceIds');
  if (!marketplaceIds || marketplaceIds.length === 0)
    return invalidInput('Missing required query parameter: marketplaceIds');
  const unknown = marketplaceIds.filter((m) => !ctx.seller!.marketplaceIds.includes(m));
  if (unknown.length > 0) return invalidInput(`Invalid marketplaceIds: ${unknown.join(',')}`);
  let json: unknown;
  try {
    json = JSON.parse(ctx.body);
  } catch {
    return invalidInput('The request body is not valid JSON.');
  }
  const parsed = ZBody.safeParse(json);
  if (!parsed.success) {
    return errors(
      400,
      ...parsed.error.issues.map((i) => ({
        code: 'InvalidInput',
        message: `invalid value [${i.path.join('.')}]`,
        details: i.message,
      })),
    );
  }
  const submissionId = randomUUID().replace(/-/g, '');
  const issues: Record<string, unknown>[] = [];
  const quantities: { quantity: number; code: string }[] = [];
  for (const [index, patch] of parsed.data.patches.entries()) {
    if (patch.path !== '/attributes/fulfillment_availability') continue;
    if (patch.op === 'delete') continue;
    const values = z.array(ZAvailability).min(1).safeParse(patch.value);
    if (!values.success) {
      issues.push({
        code: '90220',
        message: `'fulfillment_availability' is invalid in patch ${index}.`,
        severity: 'ERROR',
        attributeNames: ['fulfillment_availability'],
        categories: ['INVALID_ATTRIBUTE'],
      });
      continue;
    }
    for (const v of values.data) quantities.push({ quantity: v.quantity, code: v.fulfillment_channel_code });
  }
  if (issues.length > 0) return { status: 200, body: { sku, status: 'INVALID', submissionId, issues } };
  for (const q of quantities) {
    for (const marketplaceId of marketplaceIds) {
      state.listingQuantities.set(listingKey(sellerId, sku, marketplaceId), {
        sellingPartnerId: sellerId,
        sku,
        marketplaceId,
        quantity: q.quantity,
        fulfillmentChannelCode: q.code,
        submissionId,
        at: ctx.now,
      });
    }
  }
  return { status: 200, body: { sku, status: 'ACCEPTED', submissionId, issues: [] } };
}

/** One listing of the seller's catalogue in one marketplace. */
export interface SimListing {
  sellingPartnerId: string;
  marketplaceId: string;
  sku: string;
  asin: string;
  title: string;
  productType: string;
  /** B2C offer price, minor units of the marketplace's currency. */
  priceMinor: number;
  /** DEFAULT (merchant-fulfilled) quantity until a patch replaces it. */
  quantity: number;
  /** Simulated epoch ms. */
  createdAt: number;
  updatedAt: number;
  /**
   * Merged over the rendered item (top level): lets a test send what Amazon's model forbids,
   * e.g. `{ offers: [{ price: { amount: 'n/a' } }] }`.
   */
  override?: Record<string, unknown>;
}

const DAY = 24 * 3600_000;

/** A stable 0–199 quantity per seller + sku, so every run of a seed sees the same stock. */
function seededQuantity(sellingPartnerId: string, sku: string): number {
  return createHash('sha256').update(`${sellingPartnerId}|${sku}`).digest().readUInt32BE(0) % 200;
}

/** Adds the listings an order's items sell (first sighting wins: price and title of that order). */
export function addListingsFromOrder(state: SimState, order: SimOrder): void {
  for (const item of order.items) {
    const key = listingKey(order.sellingPartnerId, item.sellerSku, order.marketplaceId);
    if (state.listings.has(key)) continue;
    const createdAt = order.purchaseDate - 90 * DAY;
    state.listings.set(key, {
      sellingPartnerId: order.sellingPartnerId,
      marketplaceId: order.marketplaceId,
      sku: item.sellerSku,
      asin: item.asin,
      title: item.title,
      productType: 'PRODUCT',
      priceMinor: item.unitPrice,
      quantity: seededQuantity(order.sellingPartnerId, item.sellerSku),
      createdAt,
      updatedAt: createdAt,
    });
  }
}

const INCLUDED_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
type IncludedData = (typeof INCLUDED_DATA)[number];
const SORT_BY = ['sku', 'createdDate', 'lastUpdatedDate'] as const;
const MAX_REACHABLE = 1_000;

interface SearchCursor {
  sellerId: string;
  marketplaceIds: string[];
  sortBy: (typeof SORT_BY)[number];
  sortOrder: 'ASC' | 'DESC';
  offset: number;
}

function currentQuantity(state: SimState, l: SimListing): number {
  return (
    state.listingQuantities.get(listingKey(l.sellingPartnerId, l.sku, l.marketplaceId))?.quantity ??
    l.quantity
  );
}

function renderItem(state: SimState, sku: string, listings: SimListing[], included: Set<IncludedData>) {
  const item: Record<string, unknown> = { sku };
  const statuses = (l: SimListing) =>
    currentQuantity(state, l) > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'];
  if (included.has('summaries')) {
    item.summaries = listings.map((l) => ({
      marketplaceId: l.marketplaceId,
      asin: l.asin,
      productType: l.productType,
      conditionType: 'new_new',
      status: statuses(l),
      itemName: l.title,
      createdDate: iso(l.createdAt),
      lastUpdatedDate: iso(l.updatedAt),
    }));
  }
  if (included.has('attributes')) {
    item.attributes = {
      item_name: listings.map((l) => ({
        value: l.title,
        language_tag: 'en_US',
        marketplace_id: l.marketplaceId,
      })),
      condition_type: listings.map((l) => ({ value: 'new_new', marketplace_id: l.marketplaceId })),
      fulfillment_availability: [
        { fulfillment_channel_code: 'DEFAULT', quantity: currentQuantity(state, listings[0]!) },
      ],
    };
  }
  if (included.has('offers')) {
    item.offers = listings.map((l) => {
      const market = MARKETPLACES[l.marketplaceId]!;
      return {
        marketplaceId: l.marketplaceId,
        offerType: 'B2C',
        price: { currencyCode: market.currency, amount: amount(l.priceMinor, market.minor) },
      };
    });
  }
  // Not per marketplace in Amazon's model: the quantity of the (first) requested marketplace.
  if (included.has('fulfillmentAvailability'))
    item.fulfillmentAvailability = [
      { fulfillmentChannelCode: 'DEFAULT', quantity: currentQuantity(state, listings[0]!) },
    ];
  if (included.has('issues')) item.issues = [];
  return { ...item, ...listings.find((l) => l.override)?.override };
}

export function searchListingsItems(state: SimState, ctx: RequestContext): SimResponse {
  const sellerId = ctx.pathParams.sellerId ?? '';
  if (sellerId !== ctx.seller?.sellingPartnerId)
    return errors(403, {
      code: 'Unauthorized',
      message: 'Access to requested resource is denied.',
      details: '',
    });
  const marketplaceIds = csv(ctx.params, 'marketplaceIds');
  if (!marketplaceIds || marketplaceIds.length === 0)
    return invalidInput('Missing required query parameter: marketplaceIds');
  const unknown = marketplaceIds.filter((m) => !ctx.seller!.marketplaceIds.includes(m));
  if (unknown.length > 0) return invalidInput(`Invalid marketplaceIds: ${unknown.join(',')}`);
  const includedRaw = csv(ctx.params, 'includedData') ?? ['summaries'];
  const badIncluded = includedRaw.filter((v) => !(INCLUDED_DATA as readonly string[]).includes(v));
  if (badIncluded.length > 0) return invalidInput(`Invalid includedData: ${badIncluded.join(',')}`);
  const included = new Set(includedRaw as IncludedData[]);
  const pageSizeRaw = ctx.params.get('pageSize');
  const pageSize = pageSizeRaw === null ? 10 : Number(pageSizeRaw);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20)
    return invalidInput('pageSize must be an integer between 1 and 20');

  let cursor: SearchCursor;
  const pageToken = ctx.params.get('pageToken');
  if (pageToken !== null) {
    const decoded = decodeToken<SearchCursor>(state, pageToken);
    // A token only continues the search it came from.
    if (
      !decoded ||
      decoded.sellerId !== sellerId ||
      decoded.marketplaceIds.join(',') !== marketplaceIds.join(',')
    )
      return invalidInput('Invalid pageToken');
    cursor = decoded;
  } else {
    const sortBy = ctx.params.get('sortBy') ?? 'lastUpdatedDate';
    const sortOrder = ctx.params.get('sortOrder') ?? 'DESC';
    if (!(SORT_BY as readonly string[]).includes(sortBy)) return invalidInput(`Invalid sortBy: ${sortBy}`);
    if (sortOrder !== 'ASC' && sortOrder !== 'DESC') return invalidInput(`Invalid sortOrder: ${sortOrder}`);
    cursor = { sellerId, marketplaceIds, sortBy: sortBy as SearchCursor['sortBy'], sortOrder, offset: 0 };
  }

  // One item per SKU listed in any requested marketplace, in the requested marketplaces' order.
  const bySku = new Map<string, SimListing[]>();
  for (const marketplaceId of marketplaceIds) {
    for (const l of state.listings.values()) {
      if (l.sellingPartnerId !== sellerId || l.marketplaceId !== marketplaceId) continue;
      if (l.createdAt > ctx.now) continue;
      const group = bySku.get(l.sku) ?? [];
      group.push(l);
      bySku.set(l.sku, group);
    }
  }
  const key = (ls: SimListing[]): string | number =>
    cursor.sortBy === 'sku'
      ? ls[0]!.sku
      : cursor.sortBy === 'createdDate'
        ? Math.min(...ls.map((l) => l.createdAt))
        : Math.max(...ls.map((l) => l.updatedAt));
  const sorted = [...bySku.entries()].sort(([skuA, a], [skuB, b]) => {
    const ka = key(a);
    const kb = key(b);
    const order = ka < kb ? -1 : ka > kb ? 1 : skuA < skuB ? -1 : skuA > skuB ? 1 : 0;
    return cursor.sortOrder === 'ASC' ? order : -order;
  });
  const end = Math.min(cursor.offset + pageSize, sorted.length, MAX_REACHABLE);
  const page = sorted.slice(cursor.offset, end);
  const pagination: Record<string, string> = {};
  if (end < Math.min(sorted.length, MAX_REACHABLE))
    pagination.nextToken = encodeToken(state, { ...cursor, offset: end });
  if (cursor.offset > 0)
    pagination.previousToken = encodeToken(state, {
      ...cursor,
      offset: Math.max(0, cursor.offset - pageSize),
    });
  return {
    status: 200,
    body: {
      numberOfResults: sorted.length,
      ...(Object.keys(pagination).length > 0 ? { pagination } : {}),
      items: page.map(([sku, listings]) => renderItem(state, sku, listings, included)),
    },
  };
}
