// Orders list: newest first, keyset paging over (purchasedAt, id) with the filters of the screen
// (status, channel, fulfilment, marketplace, purchase date range, ship-by, order id / SKU search),
// and counts per status for the same filters (status excluded). Inside withTenant (RLS).
//
// Counts come from order_status_counts (kept exact by triggers on orders, migration
// *_order_status_counts_rules) when the filters are among channel / fulfilment / marketplace —
// the default view and its dropdowns, a few rows read instead of a count over every order of the
// tenant (bench/orders-list.ts). With a date range, ship-by or search they are counted over the
// matching orders, which those filters' indexes bound.
import type { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { decodeKeysetCursor, encodeKeysetCursor, type KeysetPosition } from '../pagination/keyset-cursor.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZListOrdersInput, type TListOrdersFilters, type TListOrdersInput } from './schemas.ts';

export interface OrderListItem {
  id: string;
  amazonOrderId: string | null;
  channel: string;
  marketplaceId: string | null;
  status: string;
  channelStatus: string;
  fulfilmentChannel: string;
  purchasedAt: Date;
  latestShipAt: Date | null;
  totalMinor: bigint | null;
  currency: string | null;
  lineCount: number;
}

export interface OrdersPage {
  orders: OrderListItem[];
  nextCursor: string | null;
  prevCursor: string | null;
  counts: Record<string, number>;
  /** The search matched more than SEARCH_LIMIT orders: only that many are listed and counted. */
  searchTruncated: boolean;
}

export function whereOf(
  organizationId: string,
  f: TListOrdersFilters,
  withStatus: boolean,
  searchIds: string[] | null = null,
): Prisma.OrderWhereInput {
  // Soft-deleted orders (lib/privacy/purge-deleted-orders.ts) are gone for the merchant.
  const and: Prisma.OrderWhereInput[] = [{ organizationId, deletedAt: null }];
  if (withStatus && f.status) and.push({ status: f.status });
  if (f.channel) and.push({ channel: f.channel });
  if (f.fulfilment) and.push({ fulfilmentChannel: f.fulfilment });
  if (f.marketplace) and.push({ marketplaceId: f.marketplace });
  if (f.from) and.push({ purchasedAt: { gte: new Date(`${f.from}T00:00:00Z`) } });
  if (f.to) and.push({ purchasedAt: { lt: new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000) } });
  if (f.shipBy) {
    and.push({ latestShipAt: { lt: new Date(new Date(`${f.shipBy}T00:00:00Z`).getTime() + 86_400_000) } });
  }
  if (f.q) {
    // The list passes the ids searchOrderIds found; without them (the CSV export, which walks
    // every matching order anyway) the search is the plain OR.
    and.push(
      searchIds
        ? { id: { in: searchIds } }
        : { OR: [{ amazonOrderId: { startsWith: f.q } }, { lines: { some: { organizationId, sku: f.q } } }] },
    );
  }
  return { AND: and };
}

/** Most orders a search (order id prefix or SKU) lists and counts; past it the page says so. */
export const SEARCH_LIMIT = 10_000;

/**
 * The orders a search matches, each side on its own index: Amazon order id prefix
 * (`orders_amazon_order_id_prefix`, text_pattern_ops) and SKU (`order_lines (organization_id, sku)`).
 * Asked as one OR inside the page query, Postgres cannot use either index for it and filters the
 * whole tenant row by row (seconds at 1 M orders when little matches).
 */
async function searchOrderIds(tx: TenantTx, organizationId: string, q: string) {
  const prefix = `${q.replace(/[\\%_]/g, '\\$&')}%`;
  // The explicit range (~>=~ / ~<~ are text_pattern_ops' operators) keeps the prefix index usable
  // in a generic plan, where `LIKE $1` alone cannot be turned into an index range.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM orders
     WHERE organization_id = ${organizationId}::uuid
       AND amazon_order_id ~>=~ ${q} AND amazon_order_id ~<~ (${q} || chr(1114111))
       AND amazon_order_id LIKE ${prefix}
    UNION
    SELECT order_id FROM order_lines WHERE organization_id = ${organizationId}::uuid AND sku = ${q}
    LIMIT ${SEARCH_LIMIT + 1}`;
  return { ids: rows.slice(0, SEARCH_LIMIT).map((r) => r.id), truncated: rows.length > SEARCH_LIMIT };
}

async function countByStatus(
  tx: TenantTx,
  organizationId: string,
  f: TListOrdersFilters,
  searchIds: string[] | null,
): Promise<Record<string, number>> {
  if (!f.from && !f.to && !f.shipBy && !f.q) {
    const kept = await tx.orderStatusCount.groupBy({
      by: ['status'],
      where: {
        organizationId,
        ...(f.channel ? { channel: f.channel } : {}),
        ...(f.fulfilment ? { fulfilmentChannel: f.fulfilment } : {}),
        ...(f.marketplace ? { marketplaceId: f.marketplace } : {}),
      },
      _sum: { count: true },
    });
    return Object.fromEntries(kept.map((g) => [g.status, g._sum.count ?? 0]));
  }
  const grouped = await tx.order.groupBy({
    by: ['status'],
    where: whereOf(organizationId, f, false, searchIds),
    _count: { _all: true },
  });
  return Object.fromEntries(grouped.map((g) => [g.status, g._count._all]));
}

const select = {
  id: true,
  amazonOrderId: true,
  channel: true,
  marketplaceId: true,
  status: true,
  channelStatus: true,
  fulfilmentChannel: true,
  purchasedAt: true,
  latestShipAt: true,
  totalMinor: true,
  currency: true,
} as const;

export async function listOrders(ctx: TenantContext, input: TListOrdersInput): Promise<OrdersPage> {
  assertPermission(ctx, 'orders.read');
  const parsed = ZListOrdersInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'invalid order filters');
  const { after, before, limit, ...filters } = parsed.data;
  const { organizationId } = ctx;
  const afterPos = decodeKeysetCursor(after);
  const beforePos = afterPos ? null : decodeKeysetCursor(before);
  // Prisma has no row-value comparison ((purchased_at, id) < (…)); the OR alone is not an index
  // range, so the redundant `purchasedAt <=` / `>=` bound is what lets a deep page start its index
  // scan at the cursor instead of walking every newer order.
  const pos = (p: KeysetPosition, dir: 'lt' | 'gt'): Prisma.OrderWhereInput => ({
    AND: [
      { purchasedAt: { [dir === 'lt' ? 'lte' : 'gte']: p.createdAt } },
      { OR: [{ purchasedAt: { [dir]: p.createdAt } }, { purchasedAt: p.createdAt, id: { [dir]: p.id } }] },
    ],
  });

  return withTenant(organizationId, async (tx) => {
    const search = filters.q ? await searchOrderIds(tx, organizationId, filters.q) : null;
    const base = whereOf(organizationId, filters, true, search?.ids ?? null);
    const counts = await countByStatus(tx, organizationId, filters, search?.ids ?? null);
    // Nothing matches (known from the counts): skip the page query, which for a combination of
    // channel / fulfilment / marketplace matching no order would walk the tenant's whole index.
    const matching = filters.status
      ? (counts[filters.status] ?? 0)
      : Object.values(counts).reduce((a, b) => a + b, 0);
    let rows: Awaited<ReturnType<typeof tx.order.findMany<{ select: typeof select }>>> = [];
    let hasMore = false;
    if (matching > 0 && beforePos) {
      // Going back: the rows just newer than the cursor, oldest first, then reversed.
      const found = await tx.order.findMany({
        where: { AND: [base, pos(beforePos, 'gt')] },
        orderBy: [{ purchasedAt: 'asc' }, { id: 'asc' }],
        take: limit + 1,
        select,
      });
      hasMore = found.length > limit;
      rows = found.slice(0, limit).reverse();
    } else if (matching > 0) {
      const found = await tx.order.findMany({
        where: afterPos ? { AND: [base, pos(afterPos, 'lt')] } : base,
        orderBy: [{ purchasedAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select,
      });
      hasMore = found.length > limit;
      rows = found.slice(0, limit);
    }
    // Line counts for this page only. (Prisma's `_count` relation select joins a count over every
    // row of order_lines — measured at 1.5–2.6 s per page at 1 M orders, bench/orders-list.ts.)
    const lineCounts = rows.length
      ? await tx.orderLine.groupBy({
          by: ['orderId'],
          where: { organizationId, orderId: { in: rows.map((r) => r.id) } },
          _count: { _all: true },
        })
      : [];
    const linesOf = new Map(lineCounts.map((g) => [g.orderId, g._count._all]));
    const first = rows[0];
    const last = rows.at(-1);
    const cursorOf = (r: { purchasedAt: Date; id: string }) =>
      encodeKeysetCursor({ createdAt: r.purchasedAt, id: r.id });
    return {
      orders: rows.map((r) => ({ ...r, lineCount: linesOf.get(r.id) ?? 0 })),
      nextCursor: last && (beforePos ? true : hasMore) ? cursorOf(last) : null,
      prevCursor: first && (beforePos ? hasMore : Boolean(afterPos)) ? cursorOf(first) : null,
      counts,
      searchTruncated: search?.truncated ?? false,
    };
  });
}
