// Order export as CSV (privacy engine §6, "no bulk PII export"): the orders screen's filters,
// one row per order line (an order without lines gets one row), streamed page by page so a large
// export never sits in memory or holds one long transaction. It contains NO buyer PII: ids,
// channel, status, dates, the lines' SKU / quantities / prices and the recipient's country code
// (kept in clear in the vault, docs/pii-vault.md) — never names, addresses, phones or emails,
// which stay behind the purpose-bound vault. Cells are formula-neutralised (lib/csv/write-csv.ts). Audited.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { csvHeader, csvRows } from '../csv/write-csv.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { conditionsOf } from './list-orders.ts';
import { ZListOrdersFilters, type TListOrdersFilters } from './schemas.ts';

export const ORDER_EXPORT_COLUMNS = [
  'order_id',
  'amazon_order_id',
  'channel',
  'marketplace_id',
  'status',
  'channel_status',
  'fulfilment_channel',
  'purchased_at',
  'latest_ship_at',
  'completed_at',
  'cancelled_at',
  'ship_country_code',
  'order_total_minor',
  'order_currency',
  'line_sku',
  'line_asin',
  'line_quantity_ordered',
  'line_quantity_shipped',
  'line_item_price_minor',
  'line_item_tax_minor',
  'line_currency',
] as const;

export const ORDER_EXPORT_PAGE = 1_000;

const ORDER_SELECT = {
  id: true,
  amazonOrderId: true,
  channel: true,
  marketplaceId: true,
  status: true,
  channelStatus: true,
  fulfilmentChannel: true,
  purchasedAt: true,
  latestShipAt: true,
  completedAt: true,
  cancelledAt: true,
  totalMinor: true,
  currency: true,
  piiRecordId: true,
  lines: {
    orderBy: { channelLineId: 'asc' },
    select: {
      sku: true,
      asin: true,
      quantityOrdered: true,
      quantityShipped: true,
      itemPriceMinor: true,
      itemTaxMinor: true,
      currency: true,
    },
  },
} as const satisfies Prisma.OrderSelect;

type ExportedOrder = Prisma.OrderGetPayload<{ select: typeof ORDER_SELECT }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function orderRows(o: ExportedOrder, countryCode: string | null): unknown[][] {
  const head = [
    o.id,
    o.amazonOrderId,
    o.channel,
    o.marketplaceId,
    o.status,
    o.channelStatus,
    o.fulfilmentChannel,
    iso(o.purchasedAt),
    iso(o.latestShipAt),
    iso(o.completedAt),
    iso(o.cancelledAt),
    countryCode,
    o.totalMinor?.toString() ?? null,
    o.currency,
  ];
  const lines = o.lines.length > 0 ? o.lines : [null];
  return lines.map((l) => [
    ...head,
    l?.sku ?? null,
    l?.asin ?? null,
    l?.quantityOrdered ?? null,
    l?.quantityShipped ?? null,
    l?.itemPriceMinor?.toString() ?? null,
    l?.itemTaxMinor?.toString() ?? null,
    l?.currency ?? null,
  ]);
}

/** One page after `cursor` (newest first), with each order's country code from the vault row. */
async function readPage(
  ctx: TenantContext,
  filters: TListOrdersFilters,
  cursor: { purchasedAt: Date; id: string } | null,
) {
  const { organizationId } = ctx;
  return withTenant(organizationId, async (tx) => {
    // The page's ids in the list's own filter SQL (keyset on (purchased_at, id)), then the rows.
    const after = cursor
      ? Prisma.sql`AND (o.purchased_at, o.id) < (${cursor.purchasedAt}::timestamptz, ${cursor.id}::uuid)`
      : Prisma.empty;
    const page = await tx.$queryRaw<{ id: string }[]>`
      SELECT o.id FROM orders o
       WHERE ${conditionsOf(organizationId, filters, true, null)} ${after}
       ORDER BY o.purchased_at DESC, o.id DESC
       LIMIT ${ORDER_EXPORT_PAGE}`;
    const found = await tx.order.findMany({
      where: { organizationId, id: { in: page.map((r) => r.id) } },
      select: ORDER_SELECT,
    });
    const byId = new Map(found.map((o) => [o.id, o]));
    const orders = page.flatMap((r) => byId.get(r.id) ?? []);
    const piiIds = orders.flatMap((o) => (o.piiRecordId ? [o.piiRecordId] : []));
    // The clear country code only: no encrypted column is selected.
    const countries = piiIds.length
      ? await tx.piiRecord.findMany({
          where: { organizationId, id: { in: piiIds } },
          select: { id: true, countryCode: true },
        })
      : [];
    return { orders, countryOf: new Map(countries.map((c) => [c.id, c.countryCode])) };
  });
}

/**
 * Validates and audits the export, then returns the CSV as a stream of UTF-8 chunks (one per
 * page). Bad filters → BAD_REQUEST before anything is streamed.
 */
export async function exportOrdersCsv(
  ctx: TenantContext,
  input: unknown,
): Promise<ReadableStream<Uint8Array>> {
  assertPermission(ctx, 'orders.read');
  const filters = ZListOrdersFilters.parse(input);
  await withTenant(ctx.organizationId, (tx) =>
    recordAuditEvent(tx, {
      organizationId: ctx.organizationId,
      actorType: ctx.actor.type,
      actorId: ctx.actor.id,
      ip: ctx.ip,
      requestId: ctx.requestId,
      action: 'orders.exported',
      targetType: 'organization',
      targetId: ctx.organizationId,
      metadata: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    }),
  );
  const encoder = new TextEncoder();
  let cursor: { purchasedAt: Date; id: string } | null = null;
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { orders, countryOf } = await readPage(ctx, filters, cursor);
      const text =
        (header ? csvHeader(ORDER_EXPORT_COLUMNS) : '') +
        csvRows(
          orders.flatMap((o) => orderRows(o, o.piiRecordId ? (countryOf.get(o.piiRecordId) ?? null) : null)),
        );
      header = false;
      if (text) controller.enqueue(encoder.encode(text));
      const last = orders.at(-1);
      if (!last || orders.length < ORDER_EXPORT_PAGE) controller.close();
      else cursor = { purchasedAt: last.purchasedAt, id: last.id };
    },
  });
}

/** The HTTP response for an export: a CSV attachment, never cached. */
export function ordersCsvResponse(stream: ReadableStream<Uint8Array>): Response {
  const day = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="orders-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** Reads a whole export stream into a string (tests, small exports). */
export async function readCsvStream(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
