// Orders list: newest first, keyset paging over (purchasedAt, id) with the filters of the screen
// (status, channel, fulfilment, marketplace, purchase date range, ship-by range, order id / SKU
// search, selected ids for the export of a selection), and counts per status for the same filters
// (status excluded). Inside withTenant (RLS).
//
// Counts come from order_status_counts (kept exact by triggers on orders, migration
// *_order_status_counts_rules) when the filters are among channel / fulfilment / marketplace —
// the default view and its dropdowns, a few rows read instead of a count over every order of the
// tenant (bench/orders-list.ts). With a date range, ship-by or search they are counted over the
// matching orders, which those filters' indexes bound.
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { AppError } from '../errors/app-error.ts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../pagination/keyset-cursor.ts';
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

/** `q` as a LIKE pattern matching the ids it prefixes. */
const prefixPattern = (q: string) => `${q.replace(/[\\%_]/g, '\\$&')}%`;

/** Most orders a search (order id prefix or SKU) lists and counts; past it the page says so. */
export const SEARCH_LIMIT = 10_000;

/**
 * The orders a search matches, each side on its own index: Amazon order id prefix
 * (`orders_amazon_order_id_prefix`, text_pattern_ops) and SKU (`order_lines (organization_id, sku)`).
 * Asked as one OR inside the page query, Postgres cannot use either index for it and filters the
 * whole tenant row by row (seconds at 1 M orders when little matches).
 */
async function searchOrderIds(tx: TenantTx, organizationId: string, q: string) {
  const prefix = prefixPattern(q);
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

/**
 * The screen's filters as SQL over `orders o`, for the list and the CSV export
 * (lib/orders/export-orders.ts). The search is the ids searchOrderIds found (the list), or without
 * them the plain OR (the export, which walks every matching order anyway). Written by hand so
 * that the list's page is one statement with its line counts and a keyset bound that is a
 * row-value comparison — an index range in Postgres.
 */
export function conditionsOf(
  organizationId: string,
  f: TListOrdersFilters,
  withStatus: boolean,
  searchIds: string[] | null,
): Prisma.Sql {
  const day = (d: string, plusDays = 0) =>
    new Date(new Date(`${d}T00:00:00Z`).getTime() + plusDays * 86_400_000);
  // Soft-deleted orders (lib/privacy/purge-deleted-orders.ts) are gone for the merchant.
  const and: Prisma.Sql[] = [
    Prisma.sql`o.organization_id = ${organizationId}::uuid`,
    Prisma.sql`o.deleted_at IS NULL`,
  ];
  if (withStatus && f.status) and.push(Prisma.sql`o.status = ${f.status}::"OrderStatus"`);
  if (f.channel) and.push(Prisma.sql`o.channel = ${f.channel}::"OrderChannel"`);
  if (f.fulfilment) and.push(Prisma.sql`o.fulfilment_channel = ${f.fulfilment}::"FulfilmentChannel"`);
  if (f.marketplace) and.push(Prisma.sql`o.marketplace_id = ${f.marketplace}`);
  if (f.from) and.push(Prisma.sql`o.purchased_at >= ${day(f.from)}::timestamptz`);
  if (f.to) and.push(Prisma.sql`o.purchased_at < ${day(f.to, 1)}::timestamptz`);
  if (f.shipByFrom) and.push(Prisma.sql`o.latest_ship_at >= ${day(f.shipByFrom)}::timestamptz`);
  if (f.shipBy) and.push(Prisma.sql`o.latest_ship_at < ${day(f.shipBy, 1)}::timestamptz`);
  if (f.ids) and.push(Prisma.sql`o.id = ANY(${f.ids}::uuid[])`);
  if (f.q) {
    and.push(
      searchIds
        ? Prisma.sql`o.id = ANY(${searchIds}::uuid[])`
        : Prisma.sql`(o.amazon_order_id LIKE ${prefixPattern(f.q)} OR EXISTS (
            SELECT 1 FROM order_lines l
             WHERE l.organization_id = o.organization_id AND l.order_id = o.id AND l.sku = ${f.q}))`,
    );
  }
  return Prisma.join(and, ' AND ');
}

async function countByStatus(
  tx: TenantTx,
  organizationId: string,
  f: TListOrdersFilters,
  searchIds: string[] | null,
): Promise<Record<string, number>> {
  let rows: { status: string; n: number }[];
  if (!f.from && !f.to && !f.shipByFrom && !f.shipBy && !f.ids && !f.q) {
    const channel = f.channel ? Prisma.sql`AND channel = ${f.channel}::"OrderChannel"` : Prisma.empty;
    const fulfilment = f.fulfilment
      ? Prisma.sql`AND fulfilment_channel = ${f.fulfilment}::"FulfilmentChannel"`
      : Prisma.empty;
    const marketplace = f.marketplace ? Prisma.sql`AND marketplace_id = ${f.marketplace}` : Prisma.empty;
    rows = await tx.$queryRaw`
      SELECT status::text AS status, sum(count)::int AS n FROM order_status_counts
       WHERE organization_id = ${organizationId}::uuid ${channel} ${fulfilment} ${marketplace}
       GROUP BY status`;
  } else {
    rows = await tx.$queryRaw`
      SELECT o.status::text AS status, count(*)::int AS n FROM orders o
       WHERE ${conditionsOf(organizationId, f, false, searchIds)}
       GROUP BY o.status`;
  }
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function listOrders(ctx: TenantContext, input: TListOrdersInput): Promise<OrdersPage> {
  assertPermission(ctx, 'orders.read');
  const parsed = ZListOrdersInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'invalid order filters');
  const { after, before, limit, ...filters } = parsed.data;
  const { organizationId } = ctx;
  const afterPos = decodeKeysetCursor(after);
  const beforePos = afterPos ? null : decodeKeysetCursor(before);

  return withTenant(organizationId, async (tx) => {
    const search = filters.q ? await searchOrderIds(tx, organizationId, filters.q) : null;
    const counts = await countByStatus(tx, organizationId, filters, search?.ids ?? null);
    // Nothing matches (known from the counts): skip the page query, which for a combination of
    // channel / fulfilment / marketplace matching no order would walk the tenant's whole index.
    const matching = filters.status
      ? (counts[filters.status] ?? 0)
      : Object.values(counts).reduce((a, b) => a + b, 0);
    let rows: OrderListItem[] = [];
    let hasMore = false;
    if (matching > 0) {
      // Going back (before): the rows just newer than the cursor, oldest first, then reversed.
      const pos = beforePos ?? afterPos;
      const back = Boolean(beforePos);
      // Row-value comparison: an index range on (organization_id[, status], purchased_at, id), so a
      // deep page starts its scan at the cursor.
      const keyset = pos
        ? back
          ? Prisma.sql`AND (o.purchased_at, o.id) > (${pos.createdAt}::timestamptz, ${pos.id}::uuid)`
          : Prisma.sql`AND (o.purchased_at, o.id) < (${pos.createdAt}::timestamptz, ${pos.id}::uuid)`
        : Prisma.empty;
      const order = back
        ? Prisma.sql`o.purchased_at ASC, o.id ASC`
        : Prisma.sql`o.purchased_at DESC, o.id DESC`;
      // One statement with the page's line counts (a correlated count per listed row, on
      // order_lines' (organization_id, order_id, …) key). Prisma's `_count` relation select joined a
      // count over every row of order_lines instead — 1.5–2.6 s per page at 1 M orders.
      const found = await tx.$queryRaw<OrderListItem[]>`
        SELECT o.id, o.amazon_order_id AS "amazonOrderId", o.channel::text AS channel,
               o.marketplace_id AS "marketplaceId", o.status::text AS status,
               o.channel_status AS "channelStatus", o.fulfilment_channel::text AS "fulfilmentChannel",
               o.purchased_at AS "purchasedAt", o.latest_ship_at AS "latestShipAt",
               o.total_minor AS "totalMinor", o.currency,
               (SELECT count(*) FROM order_lines l
                 WHERE l.organization_id = o.organization_id AND l.order_id = o.id)::int AS "lineCount"
          FROM orders o
         WHERE ${conditionsOf(organizationId, filters, true, search?.ids ?? null)} ${keyset}
         ORDER BY ${order}
         LIMIT ${limit + 1}`;
      hasMore = found.length > limit;
      rows = back ? found.slice(0, limit).reverse() : found.slice(0, limit);
    }
    const first = rows[0];
    const last = rows.at(-1);
    const cursorOf = (r: { purchasedAt: Date; id: string }) =>
      encodeKeysetCursor({ createdAt: r.purchasedAt, id: r.id });
    return {
      orders: rows,
      nextCursor: last && (beforePos ? true : hasMore) ? cursorOf(last) : null,
      prevCursor: first && (beforePos ? hasMore : Boolean(afterPos)) ? cursorOf(first) : null,
      counts,
      searchTruncated: search?.truncated ?? false,
    };
  });
}
