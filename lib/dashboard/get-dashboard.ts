// The dashboard's figures (docs/decisions/0025-dashboard-figures.md): live, set-based SQL over the
// tenant's rows in one transaction (RLS applies), "today" from the organization's time zone. Each
// figure has the same definition as the screen its card links to (backorders, availability,
// buyer data due) by calling that screen's own rule instead of restating it.
import type { IntegrationStatus } from '../db/generated/prisma/enums.ts';
import { withTenant } from '../db/tenant.ts';
import { availableQuantitySql } from '../inventory/availability.ts';
import { LINE_BACKORDERED, OPEN_MERCHANT_ORDER } from '../inventory/list-backorders.ts';
import { lowStockProductIds } from '../inventory/low-stock.ts';
import { getBuyerDataDue, type BuyerDataDue } from '../privacy/retention-overview.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';

/** Days in the charts, today included. */
export const DASHBOARD_DAYS = 30;

const HOUR_MS = 3_600_000;
/** A connected integration whose last sync is older than this many sync intervals is stale. */
const STALE_INTERVALS = 3;
const MIN_STALE_MS = 15 * 60_000;

export type SyncHealth = 'ok' | 'stale' | 'error' | 'never';

export interface IntegrationHealth {
  id: string;
  sellingPartnerId: string;
  region: string;
  status: IntegrationStatus;
  health: SyncHealth;
  lastSyncAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

export interface DayFigures {
  /** The organization's calendar day, YYYY-MM-DD. */
  day: string;
  orders: number;
  shipments: number;
}

export interface Dashboard {
  timezone: string;
  /** The organization's calendar day of `now`, YYYY-MM-DD. */
  today: string;
  orders: {
    /** Open merchant orders whose ship-by is later today. */
    dueToday: number;
    /** Open merchant orders whose ship-by has passed. */
    overdue: number;
    /** Open merchant orders with lines not fully allocated (the backorders screen's rows). */
    waitingForStock: number;
  };
  stock: {
    onHand: number;
    reserved: number;
    /** Units that could be allocated now (lib/inventory/availability.ts). */
    available: number;
    /** Products with a reorder point whose available units are at or below it. */
    lowStockProducts: number;
  };
  shippedToday: { total: number; byCarrier: { carrier: string; count: number }[] };
  openReturns: number;
  picking: {
    unitsPicked: number;
    unitsShort: number;
    /** Units per hour between today's first and last pick (at least one hour); null: no picks. */
    unitsPerHour: number | null;
    /** Picked ÷ (picked + short), 0..1; null: no picks. */
    accuracy: number | null;
  };
  integrations: IntegrationHealth[];
  /** Null when the viewer may not see the privacy screen. */
  buyerDataDue: BuyerDataDue | null;
  /** One entry per day of the last DASHBOARD_DAYS days, oldest first. */
  perDay: DayFigures[];
  /** Shipments per carrier over the same days, most first. */
  shipmentsPerCarrier: { carrier: string; count: number }[];
}

const count = (v: bigint | number | null | undefined): number => Number(v ?? 0);

export function syncHealth(
  i: { status: IntegrationStatus; lastSyncAt: Date | null; syncIntervalMinutes: number },
  now: Date,
): SyncHealth {
  if (i.status === 'ERROR') return 'error';
  if (!i.lastSyncAt) return 'never';
  const staleAfter = Math.max(MIN_STALE_MS, STALE_INTERVALS * i.syncIntervalMinutes * 60_000);
  return now.getTime() - i.lastSyncAt.getTime() > staleAfter ? 'stale' : 'ok';
}

/** The `days` calendar days ending with `today` (YYYY-MM-DD), oldest first. */
export function calendarDays(today: string, days: number): string[] {
  const end = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) =>
    new Date(end - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10),
  );
}

/** Shipment counts summed per carrier, most first (ties by carrier code). */
function byCarrier(rows: readonly { carrier: string; n: bigint }[]): { carrier: string; count: number }[] {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.carrier, (totals.get(r.carrier) ?? 0) + count(r.n));
  return [...totals]
    .map(([carrier, n]) => ({ carrier, count: n }))
    .sort((a, b) => b.count - a.count || (a.carrier < b.carrier ? -1 : a.carrier > b.carrier ? 1 : 0));
}

/** The permissions the dashboard's figures need (a narrower grant sees the page without them). */
export const DASHBOARD_PERMISSIONS = [
  'organization.read',
  'orders.read',
  'inventory.read',
  'integrations.read',
] as const;

export const canSeeDashboard = (ctx: TenantContext): boolean =>
  DASHBOARD_PERMISSIONS.every((permission) => ctx.permissions.has(permission));

export async function getDashboard(ctx: TenantContext, now: Date): Promise<Dashboard> {
  for (const permission of DASHBOARD_PERMISSIONS) assertPermission(ctx, permission);
  const orgId = ctx.organizationId;
  const buyerDataDue = ctx.permissions.has('privacy.manage') ? await getBuyerDataDue(ctx, now) : null;

  const figures = await withTenant(orgId, async (tx) => {
    // Those guesses also price the statements high enough to trigger JIT compilation, which then
    // costs more than the queries themselves (about a second under load at 1 M orders).
    await tx.$queryRaw`SELECT set_config('jit', 'off', true)`;
    // The organization's day boundaries, computed by PostgreSQL's time zone rules (DST included).
    const [clock] = await tx.$queryRaw<
      { timezone: string; today: string; day_start: Date; day_end: Date; since: Date }[]
    >`
      SELECT o.timezone, to_char(d.local_day, 'YYYY-MM-DD') AS today,
             d.local_day AT TIME ZONE o.timezone AS day_start,
             (d.local_day + interval '1 day') AT TIME ZONE o.timezone AS day_end,
             (d.local_day - make_interval(days => ${DASHBOARD_DAYS - 1}::int)) AT TIME ZONE o.timezone AS since
        FROM organizations o,
             LATERAL (SELECT date_trunc('day', ${now}::timestamptz AT TIME ZONE o.timezone) AS local_day) d
       WHERE o.id = ${orgId}::uuid`;
    if (!clock) throw new Error('organization not found in its own tenant context');
    const { timezone, day_start: dayStart, day_end: dayEnd, since } = clock;

    // One after another: a transaction is one connection (eslint.config.mjs flags Promise.all over a tx).
    const [due] = await tx.$queryRaw<{ due_today: bigint; overdue: bigint }[]>`
      SELECT count(*) FILTER (WHERE o.latest_ship_at >= ${now}::timestamptz) AS due_today,
             count(*) FILTER (WHERE o.latest_ship_at < ${now}::timestamptz) AS overdue
        FROM orders o
       WHERE o.organization_id = ${orgId}::uuid AND ${OPEN_MERCHANT_ORDER}
         AND o.latest_ship_at < ${dayEnd}::timestamptz`;
    // LATERAL … LIMIT 1 keeps a nested loop from the open orders into their lines: under RLS the
    // enum filters are not leakproof, so the planner guesses half the table is open (decision 0025).
    const [waiting] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM orders o
       CROSS JOIN LATERAL (
             SELECT 1 FROM order_lines l
              WHERE l.organization_id = o.organization_id AND l.order_id = o.id AND ${LINE_BACKORDERED}
              LIMIT 1) backordered
       WHERE o.organization_id = ${orgId}::uuid AND ${OPEN_MERCHANT_ORDER}`;
    const [stock] = await tx.$queryRaw<
      { on_hand: bigint | null; reserved: bigint | null; available: bigint | null }[]
    >`
      SELECT sum(s.quantity) AS on_hand, sum(s.reserved_quantity) AS reserved,
             sum(${availableQuantitySql(now)}) AS available
        FROM stock_levels s
        JOIN locations loc ON loc.organization_id = s.organization_id AND loc.id = s.location_id
        JOIN products p ON p.organization_id = s.organization_id AND p.id = s.product_id
        LEFT JOIN lots lot ON lot.organization_id = s.organization_id AND lot.id = s.lot_id
       WHERE s.organization_id = ${orgId}::uuid`;
    const [low] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (${lowStockProductIds(orgId, now)}) AS low`;
    const [returns] = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM return_authorizations
       WHERE organization_id = ${orgId}::uuid AND status <> 'CLOSED'`;
    const [picks] = await tx.$queryRaw<
      { picked: bigint | null; short: bigint | null; first: Date | null; last: Date | null }[]
    >`
      SELECT sum(quantity_picked) AS picked, sum(quantity_short) AS short,
             min(picked_at) AS first, max(picked_at) AS last
        FROM pick_list_lines
       WHERE organization_id = ${orgId}::uuid
         AND picked_at >= ${dayStart}::timestamptz AND picked_at < ${dayEnd}::timestamptz`;
    // Index-only scans of orders_live_purchased_at and shipments_shipped (the migration *_dashboard).
    const ordersPerDay = await tx.$queryRaw<{ day: string; n: bigint }[]>`
      SELECT to_char(purchased_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, count(*) AS n
        FROM orders
       WHERE organization_id = ${orgId}::uuid AND deleted_at IS NULL
         AND purchased_at >= ${since}::timestamptz AND purchased_at < ${dayEnd}::timestamptz
       GROUP BY 1`;
    const shipped = await tx.$queryRaw<{ day: string; carrier: string; n: bigint }[]>`
      SELECT to_char(shipped_at AT TIME ZONE ${timezone}, 'YYYY-MM-DD') AS day, coalesce(carrier, '') AS carrier,
             count(*) AS n
        FROM shipments
       WHERE organization_id = ${orgId}::uuid AND status = 'SHIPPED'
         AND shipped_at >= ${since}::timestamptz AND shipped_at < ${dayEnd}::timestamptz
       GROUP BY 1, 2`;
    const integrations = await tx.amazonIntegration.findMany({
      where: { organizationId: orgId, status: { not: 'DISCONNECTED' } },
      orderBy: [{ connectedAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        sellingPartnerId: true,
        region: true,
        status: true,
        syncIntervalMinutes: true,
        lastSyncAt: true,
        lastError: true,
        lastErrorAt: true,
      },
    });
    return { clock, due, waiting, stock, low, returns, picks, ordersPerDay, shipped, integrations };
  });

  const { clock, due, waiting, stock, low, returns, picks, ordersPerDay, shipped } = figures;
  const unitsPicked = count(picks?.picked);
  const unitsShort = count(picks?.short);
  const pickHours =
    picks?.first && picks.last ? Math.max(1, (picks.last.getTime() - picks.first.getTime()) / HOUR_MS) : null;
  const shippedToday = shipped.filter((r) => r.day === clock.today);
  return {
    timezone: clock.timezone,
    today: clock.today,
    orders: {
      dueToday: count(due?.due_today),
      overdue: count(due?.overdue),
      waitingForStock: count(waiting?.n),
    },
    stock: {
      onHand: count(stock?.on_hand),
      reserved: count(stock?.reserved),
      available: count(stock?.available),
      lowStockProducts: count(low?.n),
    },
    shippedToday: {
      total: shippedToday.reduce((sum, r) => sum + count(r.n), 0),
      byCarrier: byCarrier(shippedToday),
    },
    openReturns: count(returns?.n),
    picking: {
      unitsPicked,
      unitsShort,
      unitsPerHour: pickHours === null ? null : unitsPicked / pickHours,
      accuracy: unitsPicked + unitsShort > 0 ? unitsPicked / (unitsPicked + unitsShort) : null,
    },
    integrations: figures.integrations.map(({ syncIntervalMinutes, ...i }) => ({
      ...i,
      health: syncHealth({ ...i, syncIntervalMinutes }, now),
    })),
    buyerDataDue,
    perDay: calendarDays(clock.today, DASHBOARD_DAYS).map((day) => ({
      day,
      orders: count(ordersPerDay.find((r) => r.day === day)?.n),
      shipments: shipped.filter((r) => r.day === day).reduce((sum, r) => sum + count(r.n), 0),
    })),
    shipmentsPerCarrier: byCarrier(shipped),
  };
}
