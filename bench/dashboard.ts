// npm run bench:dashboard — the dashboard's data (lib/dashboard/get-dashboard.ts) at 1 000 000
// orders in one tenant, as p50/p95 latency against hand-written SQL computing the same figures in
// the same run (aim: p95 <= 100 ms). Not a timed test: it prints figures and the ratio.
//
// - A scratch database migrated for the run and dropped after (never the dev database).
// - Bulk-loaded with set-based SQL as the table owner, then ANALYZE: 1 000 000 orders (one line
//   each) over two years, every third of the newest 6 000 still open with ship-by dates around today, the rest
//   shipped (one parcel each, three carriers) or cancelled; 5 000 products (half watched with a
//   reorder point) stocked in 10 000 bins by RECEIVE movements; 2 000 picks today (2 % short);
//   2 000 open returns; two Amazon integrations. Then VACUUM ANALYZE, as autovacuum would have.
// - getDashboard runs exactly as the page calls it: an OWNER's context (every figure, buyer data
//   due included), withTenant (RLS). The baseline is one hand-written statement for the same
//   figures, in a transaction with the same tenant setting (and JIT off, as getDashboard sets it)
//   over a raw pg connection as the app role. Both must give the same figures before anything is timed.
// - Rounds alternate Packline / baseline; after a warm-up, p50 and p95 over ROUNDS calls each.
import pg from 'pg';

/** `--name=value` from the command line (npm run bench:x -- --orders=300). */
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const ORDERS = arg('orders', 1_000_000);
const ROUNDS = arg('rounds', 60);
const WARMUP = 3;
/** Every third of the newest OPEN orders (about four days) is still open. */
const OPEN = 6_000;
const NOW = new Date('2026-12-07T15:00:00Z');
const TZ = 'Europe/London';

const fmtMs = (n: number) => n.toFixed(2).padStart(8);
const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** The organization's day ($1 org, $2 now), as the first statement of both sides. */
const CLOCK = `
  SELECT o.timezone AS tz, d.local_day AT TIME ZONE o.timezone AS day_start,
         (d.local_day + interval '1 day') AT TIME ZONE o.timezone AS day_end,
         (d.local_day - interval '29 days') AT TIME ZONE o.timezone AS since
    FROM organizations o, LATERAL (SELECT date_trunc('day', $2::timestamptz AT TIME ZONE o.timezone) AS local_day) d
   WHERE o.id = $1`;

/**
 * The same figures as getDashboard, written by hand as one statement: $1 org, $2 now, $3 day start,
 * $4 day end, $5 chart start, $6 time zone (bounds as values: under RLS a bound computed in the
 * statement is a non-leakproof expression and cannot drive an index).
 */
const BASELINE = `
  WITH open_orders AS (
    SELECT * FROM orders WHERE organization_id = $1 AND fulfilment_channel = 'MERCHANT' AND deleted_at IS NULL
       AND status IN ('PENDING', 'AWAITING_FULFILMENT', 'PARTIALLY_SHIPPED')
  ), avail AS (
    SELECT s.product_id,
           CASE WHEN loc.type IN ('PICK_FACE', 'BULK') AND (NOT p.expiry_tracked
                     OR lot.expires_on > ($2::timestamptz AT TIME ZONE 'UTC')::date + p.expiry_exclusion_days)
                THEN greatest(0, s.quantity - s.reserved_quantity) ELSE 0 END AS available,
           s.quantity, s.reserved_quantity
      FROM stock_levels s JOIN locations loc ON loc.id = s.location_id JOIN products p ON p.id = s.product_id
      LEFT JOIN lots lot ON lot.id = s.lot_id
     WHERE s.organization_id = $1
  ), shipped AS (
    SELECT to_char(shipped_at AT TIME ZONE $6, 'YYYY-MM-DD') AS day, coalesce(carrier, '') AS carrier, count(*)::int AS n
      FROM shipments WHERE organization_id = $1 AND status = 'SHIPPED' AND shipped_at >= $5 AND shipped_at < $4
     GROUP BY 1, 2
  )
  SELECT
    (SELECT count(*) FROM open_orders WHERE latest_ship_at >= $2 AND latest_ship_at < $4)::int AS due_today,
    (SELECT count(*) FROM open_orders WHERE latest_ship_at < $2)::int AS overdue,
    (SELECT count(*) FROM open_orders o CROSS JOIN LATERAL (
       SELECT 1 FROM order_lines l WHERE l.organization_id = $1 AND l.order_id = o.id
          AND l.quantity_ordered - l.quantity_shipped > coalesce(
                (SELECT sum(quantity) FROM stock_allocations a WHERE a.organization_id = $1 AND a.order_line_id = l.id), 0)
        LIMIT 1) b)::int AS waiting,
    (SELECT coalesce(sum(quantity), 0) FROM avail)::int AS on_hand,
    (SELECT coalesce(sum(reserved_quantity), 0) FROM avail)::int AS reserved,
    (SELECT coalesce(sum(available), 0) FROM avail)::int AS available,
    (SELECT count(*) FROM products p LEFT JOIN (SELECT product_id, sum(available) AS n FROM avail GROUP BY 1) a
          ON a.product_id = p.id
      WHERE p.organization_id = $1 AND p.reorder_point IS NOT NULL AND coalesce(a.n, 0) <= p.reorder_point)::int AS low,
    (SELECT coalesce(json_agg(x ORDER BY x.n DESC, x.carrier), '[]') FROM (
       SELECT carrier, sum(n)::int AS n FROM shipped WHERE day = to_char($3::timestamptz AT TIME ZONE $6, 'YYYY-MM-DD')
        GROUP BY 1) x) AS shipped_today,
    (SELECT count(*) FROM return_authorizations WHERE organization_id = $1 AND status <> 'CLOSED')::int AS returns,
    (SELECT json_build_object('picked', coalesce(sum(quantity_picked), 0), 'short', coalesce(sum(quantity_short), 0))
       FROM pick_list_lines WHERE organization_id = $1 AND picked_at >= $3 AND picked_at < $4) AS picks,
    (SELECT json_agg(x ORDER BY x.day) FROM (
       SELECT to_char(g, 'YYYY-MM-DD') AS day, coalesce(o.n, 0) AS orders, coalesce(s.n, 0) AS shipments
         FROM generate_series($5::timestamptz AT TIME ZONE $6, $3::timestamptz AT TIME ZONE $6, interval '1 day') AS g
         LEFT JOIN (SELECT to_char(purchased_at AT TIME ZONE $6, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM orders
                     WHERE organization_id = $1 AND deleted_at IS NULL AND purchased_at >= $5 AND purchased_at < $4
                     GROUP BY 1) o ON o.day = to_char(g, 'YYYY-MM-DD')
         LEFT JOIN (SELECT day, sum(n)::int AS n FROM shipped GROUP BY 1) s ON s.day = to_char(g, 'YYYY-MM-DD')) x) AS per_day,
    (SELECT count(*) FROM amazon_integrations WHERE organization_id = $1 AND status <> 'DISCONNECTED')::int AS integrations`;

interface BaselineRow {
  due_today: number;
  overdue: number;
  waiting: number;
  on_hand: number;
  reserved: number;
  available: number;
  low: number;
  shipped_today: { carrier: string; n: number }[];
  returns: number;
  picks: { picked: number; short: number };
  per_day: { day: string; orders: number; shipments: number }[];
  integrations: number;
}

async function main(): Promise<void> {
  const { setupScratchDatabase } = await import('../tests/helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase('bench_dashboard');
  } catch (error) {
    console.log(`dashboard benchmark skipped: no local PostgreSQL (${(error as Error).message})`);
    return;
  }
  const { getEnv } = await import('../lib/env.ts');
  const { disconnectSystemDb } = await import('../lib/db/system.ts');
  const { disconnectAppDb } = await import('../lib/db/client.ts');
  const { userContext } = await import('../lib/tenancy/tenant-context.ts');
  const { getDashboard } = await import('../lib/dashboard/get-dashboard.ts');
  const { createOrganization, createUser, addMember } = await import('../tests/factories.ts');

  try {
    const org = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'OWNER');
    const ctx = userContext({ organizationId: org.id, userId: user.id, role: 'OWNER' });

    const owner = new pg.Client({ connectionString: getEnv().DATABASE_OWNER_URL });
    owner.on('error', () => {});
    await owner.connect();
    // The tables FORCE row-level security: the owner loads as the tenant.
    await owner.query(`SELECT set_config('app.organization_id', $1, false)`, [org.id]);
    const loadStart = performance.now();
    const load = async (sql: string, values: unknown[] = []) => owner.query(sql, [org.id, ...values]);
    await load(`UPDATE organizations SET timezone = $2 WHERE id = $1`, [TZ]);
    // Orders: g = 1 is the newest (one every 63 s back from now); the newest OPEN are open, every
    // fifth is marketplace-fulfilled, every fiftieth older one cancelled, the rest shipped.
    await load(
      `INSERT INTO orders (id, organization_id, channel, amazon_order_id, status, channel_status, fulfilment_channel,
                           purchased_at, channel_updated_at, latest_ship_at, items_unshipped, created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, 'MANUAL', 'B-' || g,
              (CASE WHEN g <= $4 AND g % 3 = 0 THEN 'AWAITING_FULFILMENT' WHEN g % 50 = 0 THEN 'CANCELLED' ELSE 'SHIPPED' END)::"OrderStatus",
              'x', (CASE WHEN g % 5 = 0 THEN 'MARKETPLACE' ELSE 'MERCHANT' END)::"FulfilmentChannel",
              ts, ts, ts + interval '1 day', 1, now(), now()
         FROM generate_series(1, $2::int) AS g,
              LATERAL (SELECT $3::timestamptz - g * interval '63 seconds' AS ts) t`,
      [ORDERS, NOW, OPEN],
    );
    await load(
      `INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, quantity_ordered, quantity_shipped,
                                created_at, updated_at)
       SELECT app_uuid_v7(), organization_id, id, '1', 'SKU-' || (abs(hashtext(id::text)) % 5000), 1,
              CASE WHEN status = 'SHIPPED' THEN 1 ELSE 0 END, now(), now()
         FROM orders WHERE organization_id = $1::uuid`,
    );
    await load(
      `INSERT INTO shipments (id, organization_id, order_id, parcel_number, status, carrier, shipped_at, created_at, updated_at)
       SELECT app_uuid_v7(), organization_id, id, 1, 'SHIPPED',
              (ARRAY['DHL', 'DPD', 'ROYAL_MAIL'])[1 + abs(hashtext(id::text)) % 3], purchased_at + interval '3 hours', now(), now()
         FROM orders WHERE organization_id = $1::uuid AND status = 'SHIPPED' AND fulfilment_channel = 'MERCHANT'`,
    );
    // Catalogue and stock: 5 000 products, half watched; two bins each, stocked through the ledger.
    await load(
      `INSERT INTO products (id, organization_id, sku, name, reorder_point, created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, 'SKU-' || i, 'Product ' || i, CASE WHEN i % 2 = 0 THEN i % 40 END, now(), now()
         FROM generate_series(0, 4999) AS i`,
    );
    await load(
      `INSERT INTO warehouses (id, organization_id, code, name, created_at, updated_at)
       VALUES (app_uuid_v7(), $1::uuid, 'MAIN', 'Main', now(), now())`,
    );
    await load(
      `INSERT INTO locations (id, organization_id, warehouse_id, code, type, pick_sequence, created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, w.id, 'B-' || i,
              (CASE WHEN i % 10 = 0 THEN 'RECEIVING' WHEN i % 2 = 0 THEN 'BULK' ELSE 'PICK_FACE' END)::location_type, i, now(), now()
         FROM generate_series(0, 9999) AS i, warehouses w WHERE w.organization_id = $1::uuid`,
    );
    await load(
      `INSERT INTO stock_movements (id, organization_id, type, product_id, to_location_id, quantity, actor_type)
       SELECT app_uuid_v7(), $1::uuid, 'RECEIVE', p.id, l.id, 1 + abs(hashtext(l.id::text)) % 60, 'SYSTEM'
         FROM (SELECT id, row_number() OVER (ORDER BY sku) - 1 AS n FROM products WHERE organization_id = $1::uuid) p
         JOIN (SELECT id, row_number() OVER (ORDER BY pick_sequence) - 1 AS n FROM locations WHERE organization_id = $1::uuid) l
           ON l.n % 5000 = p.n`,
    );
    // Today's picks, one pick list: 2 000 units of the open orders, every fiftieth short.
    await load(
      `INSERT INTO pick_lists (id, organization_id, number, kind, status, warehouse_id, created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, 1, 'BATCH', 'IN_PROGRESS', id, now(), now() FROM warehouses WHERE organization_id = $1::uuid`,
    );
    await load(
      `INSERT INTO pick_list_lines (id, organization_id, pick_list_id, order_id, order_line_id, product_id, location_id,
                                    stock_level_id, quantity, quantity_picked, quantity_short, sequence, picked_at,
                                    created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, pl.id, l.order_id, l.id, s.product_id, s.location_id, s.id, 1,
              CASE WHEN n % 50 = 0 THEN 0 ELSE 1 END, CASE WHEN n % 50 = 0 THEN 1 ELSE 0 END, n,
              $2::timestamptz - n * interval '10 seconds', now(), now()
         FROM (SELECT l.*, row_number() OVER (ORDER BY o.purchased_at DESC) AS n
                 FROM order_lines l JOIN orders o ON o.id = l.order_id
                WHERE o.organization_id = $1::uuid AND o.status = 'AWAITING_FULFILMENT' AND o.fulfilment_channel = 'MERCHANT'
                LIMIT 2000) l,
              (SELECT id FROM pick_lists WHERE organization_id = $1::uuid) pl,
              LATERAL (SELECT id, product_id, location_id FROM stock_levels WHERE organization_id = $1::uuid LIMIT 1) s`,
      [NOW],
    );
    await load(
      `INSERT INTO return_authorizations (id, organization_id, number, order_id, order_line_id, product_id, reason,
                                          quantity_expected, status, actor_type, created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, 'RMA-' || n, l.order_id, l.id, p.id, 'DAMAGED', 1, 'REQUESTED', 'SYSTEM', now(), now()
         FROM (SELECT l.*, row_number() OVER () AS n FROM order_lines l
                WHERE l.organization_id = $1::uuid AND l.quantity_shipped = 1 LIMIT 2000) l,
              LATERAL (SELECT id FROM products WHERE organization_id = $1::uuid LIMIT 1) p`,
    );
    await load(
      `INSERT INTO amazon_integrations (id, organization_id, selling_partner_id, region, marketplace_ids, status,
                                        connect_method, last_sync_at, created_at, updated_at)
       VALUES (app_uuid_v7(), $1::uuid, 'A1BENCH', 'eu', ARRAY['A1F83G8C2ARO7P'], 'CONNECTED', 'SELF_AUTHORIZATION', $2, now(), now()),
              (app_uuid_v7(), $1::uuid, 'A2BENCH', 'na', ARRAY['ATVPDKIKX0DER'], 'ERROR', 'SELF_AUTHORIZATION', $2, now(), now())`,
      [NOW],
    );
    // As autovacuum would have by now: statistics, and a visibility map for index-only scans.
    for (const table of [
      'orders',
      'order_lines',
      'shipments',
      'products',
      'stock_levels',
      'locations',
      'pick_list_lines',
      'return_authorizations',
    ]) {
      await owner.query(`VACUUM ANALYZE ${table}`);
    }
    await owner.end();
    const loadSeconds = (performance.now() - loadStart) / 1000;

    // The baseline: the app role, the same tenant setting, one hand-written statement.
    const app = new pg.Client({ connectionString: getEnv().DATABASE_URL });
    app.on('error', () => {});
    await app.connect();
    const baseline = async (): Promise<BaselineRow> => {
      await app.query('BEGIN');
      await app.query(`SELECT set_config('app.organization_id', $1, true), set_config('jit', 'off', true)`, [
        org.id,
      ]);
      const clock = await app.query<{ tz: string; day_start: Date; day_end: Date; since: Date }>(CLOCK, [
        org.id,
        NOW,
      ]);
      const c = clock.rows[0]!;
      const { rows } = await app.query<BaselineRow>(BASELINE, [
        org.id,
        NOW,
        c.day_start,
        c.day_end,
        c.since,
        c.tz,
      ]);
      await app.query('COMMIT');
      return rows[0]!;
    };

    // Same figures?
    const mine = await getDashboard(ctx, NOW);
    const raw = await baseline();
    const expected = {
      dueToday: raw.due_today,
      overdue: raw.overdue,
      waiting: raw.waiting,
      stock: [raw.on_hand, raw.reserved, raw.available, raw.low],
      shippedToday: raw.shipped_today.map((r) => ({ carrier: r.carrier, count: r.n })),
      returns: raw.returns,
      picks: [raw.picks.picked, raw.picks.short],
      perDay: raw.per_day,
      integrations: raw.integrations,
    };
    const actual = {
      dueToday: mine.orders.dueToday,
      overdue: mine.orders.overdue,
      waiting: mine.orders.waitingForStock,
      stock: [mine.stock.onHand, mine.stock.reserved, mine.stock.available, mine.stock.lowStockProducts],
      shippedToday: mine.shippedToday.byCarrier,
      returns: mine.openReturns,
      picks: [mine.picking.unitsPicked, mine.picking.unitsShort],
      perDay: mine.perDay,
      integrations: mine.integrations.length,
    };
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(
        `getDashboard and the hand-written SQL disagree:\n${JSON.stringify(actual)}\n${JSON.stringify(expected)}`,
      );
    }

    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const packline: number[] = [];
    const hand: number[] = [];
    for (let i = 0; i < WARMUP + ROUNDS; i += 1) {
      const a = await time(() => getDashboard(ctx, NOW));
      const b = await time(baseline);
      if (i >= WARMUP) {
        packline.push(a);
        hand.push(b);
      }
    }
    await app.end();
    const p95 = pct(packline, 95);
    const base = pct(hand, 95);
    console.log(
      `Dashboard at ${ORDERS.toLocaleString('en-GB')} orders in one tenant (loaded in ${loadSeconds.toFixed(1)} s; ` +
        `${mine.orders.dueToday + mine.orders.overdue} to ship, ${mine.orders.waitingForStock} waiting for stock, ` +
        `${mine.shippedToday.total} shipped today, ${mine.perDay.reduce((s, d) => s + d.orders, 0)} orders in 30 days), ` +
        `${ROUNDS} calls each after ${WARMUP} warm-up, alternating`,
    );
    console.log(
      `  hand-written SQL, one statement (baseline)  p50 ${fmtMs(pct(hand, 50))} ms   p95 ${fmtMs(base)} ms   ratio 1.00`,
    );
    console.log(
      `  getDashboard (same figures)                 p50 ${fmtMs(pct(packline, 50))} ms   p95 ${fmtMs(p95)} ms   ratio ${(p95 / base).toFixed(2)}`,
    );
    console.log(`  aim: getDashboard p95 <= 100 ms: ${p95 <= 100 ? 'met' : 'NOT met'}`);
  } finally {
    await disconnectAppDb();
    await disconnectSystemDb();
    await scratch.drop();
  }
}

await main();
