// npm run bench:orders-list — the orders list (lib/orders/list-orders.ts) at 1 000 000 orders in
// one tenant, as p95 latency against the equivalent raw SQL measured in the same run (the issue's
// "Done when" (c): aim ratio <= 2 and <= 50 ms). Not a timed test: it prints figures and ratios.
//
// - A scratch database migrated for the run and dropped after (never the dev database).
// - 1 000 000 orders (one line each) bulk-loaded with set-based SQL (generate_series) as the
//   table owner, then ANALYZE. Purchase dates spread over two years, six statuses.
// - listOrders runs exactly as the screen calls it: a VIEWER's tenant context, withTenant (RLS),
//   limit 25, newest first; the first page and a deep page (keyset cursor at row 900 000).
// - The raw SQL is what a hand-written page would be, in the same withTenant transaction: the
//   page (row-value keyset, line count by correlated subquery) and the counts per status that
//   listOrders also returns, read from order_status_counts (kept by triggers on orders). Also
//   printed: the page alone, and the page with the counts computed live over the tenant's orders
//   (what listOrders did before order_status_counts), so a slow part is visible.
// - Rounds alternate Packline / raw; after a warm-up, p50 and p95 over up to ROUNDS calls each (a
//   series stops after SERIES_BUDGET_MS with at least MIN_ROUNDS calls, so a slow query cannot
//   hold the bench for many minutes; with 12 calls the p95 is the slowest call).
import pg from 'pg';

/** `--name=value` from the command line (npm run bench:x -- --orders=300). */
const arg = (name: string, fallback: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const ORDERS = arg('orders', 1_000_000);
const ROUNDS = 100;
const WARMUP = 3;
/** A series stops early after this much wall time (slow queries), with at least MIN_ROUNDS calls. */
const SERIES_BUDGET_MS = 40_000;
const MIN_ROUNDS = 12;
const LIMIT = 25;
const DEEP_ROW = Math.floor(ORDERS * 0.9);

const fmtMs = (n: number) => n.toFixed(2).padStart(8);
const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main(): Promise<void> {
  const { setupScratchDatabase } = await import('../tests/helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase('bench_orders_list');
  } catch (error) {
    console.log(`orders list benchmark skipped: no local PostgreSQL (${(error as Error).message})`);
    return;
  }
  const { getEnv } = await import('../lib/env.ts');
  const { disconnectSystemDb } = await import('../lib/db/system.ts');
  const { disconnectAppDb } = await import('../lib/db/client.ts');
  const { withTenant } = await import('../lib/db/tenant.ts');
  const { userContext } = await import('../lib/tenancy/tenant-context.ts');
  const { listOrders } = await import('../lib/orders/list-orders.ts');
  const { encodeKeysetCursor } = await import('../lib/pagination/keyset-cursor.ts');
  const { createOrganization, createUser, addMember } = await import('../tests/factories.ts');

  try {
    const org = await createOrganization();
    const user = await createUser();
    await addMember(org.id, user.id, 'VIEWER');
    const ctx = userContext({ organizationId: org.id, userId: user.id, role: 'VIEWER' });

    const owner = new pg.Client({ connectionString: getEnv().DATABASE_OWNER_URL });
    owner.on('error', () => {});
    await owner.connect();
    // The tables FORCE row-level security: the owner loads as the tenant.
    await owner.query(`SELECT set_config('app.organization_id', $1, false)`, [org.id]);
    const loadStart = performance.now();
    await owner.query(
      `INSERT INTO orders (id, organization_id, channel, amazon_order_id, marketplace_id, status, channel_status,
                           fulfilment_channel, purchased_at, channel_updated_at, latest_ship_at, total_minor,
                           currency, items_unshipped, created_at, updated_at)
       SELECT app_uuid_v7(), $1::uuid, 'MANUAL',
              lpad((g % 1000)::text, 3, '0') || '-' || lpad(g::text, 7, '0') || '-' || lpad((g * 7 % 10000000)::text, 7, '0'),
              (ARRAY['ATVPDKIKX0DER','A2EUQ1WTGCTBG2'])[1 + g % 2],
              (ARRAY['PENDING','AWAITING_FULFILMENT','PARTIALLY_SHIPPED','SHIPPED','CANCELLED','UNFULFILLABLE'])[1 + g % 6]::"OrderStatus",
              'Shipped', (ARRAY['MERCHANT','MARKETPLACE'])[1 + g % 2]::"FulfilmentChannel",
              ts, ts, ts + interval '2 days', 1000 + g % 50000, 'USD', 1, now(), now()
         FROM generate_series(1, $2::int) AS g,
              LATERAL (SELECT timestamptz '2026-11-01' - (g * interval '63 seconds') AS ts) t`,
      [org.id, ORDERS],
    );
    await owner.query(
      `INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, quantity_ordered, created_at, updated_at)
       SELECT app_uuid_v7(), organization_id, id, '1', 'SKU-' || (abs(hashtext(id::text)) % 5000), 1, now(), now()
         FROM orders WHERE organization_id = $1::uuid`,
      [org.id],
    );
    await owner.query('ANALYZE orders; ANALYZE order_lines');
    const deep = await owner.query<{ purchased_at: Date; id: string }>(
      `SELECT purchased_at, id FROM orders WHERE organization_id = $1::uuid
        ORDER BY purchased_at DESC, id DESC OFFSET $2 LIMIT 1`,
      [org.id, DEEP_ROW - 1],
    );
    await owner.end();
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const deepPos = { createdAt: deep.rows[0]!.purchased_at, id: deep.rows[0]!.id };

    const rawPage = (tx: Parameters<Parameters<typeof withTenant>[1]>[0], after: typeof deepPos | null) =>
      after
        ? tx.$queryRaw`
            SELECT o.id, o.amazon_order_id, o.channel, o.marketplace_id, o.status, o.channel_status,
                   o.fulfilment_channel, o.purchased_at, o.latest_ship_at, o.total_minor, o.currency,
                   (SELECT count(*) FROM order_lines l WHERE l.organization_id = o.organization_id AND l.order_id = o.id)::int AS line_count
              FROM orders o
             WHERE o.organization_id = ${org.id}::uuid
               AND (o.purchased_at, o.id) < (${after.createdAt}::timestamptz, ${after.id}::uuid)
             ORDER BY o.purchased_at DESC, o.id DESC LIMIT ${LIMIT + 1}`
        : tx.$queryRaw`
            SELECT o.id, o.amazon_order_id, o.channel, o.marketplace_id, o.status, o.channel_status,
                   o.fulfilment_channel, o.purchased_at, o.latest_ship_at, o.total_minor, o.currency,
                   (SELECT count(*) FROM order_lines l WHERE l.organization_id = o.organization_id AND l.order_id = o.id)::int AS line_count
              FROM orders o
             WHERE o.organization_id = ${org.id}::uuid
             ORDER BY o.purchased_at DESC, o.id DESC LIMIT ${LIMIT + 1}`;
    const rawCounts = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) =>
      tx.$queryRaw`SELECT status, sum(count)::int AS n FROM order_status_counts WHERE organization_id = ${org.id}::uuid GROUP BY status`;
    const liveCounts = (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) =>
      tx.$queryRaw`SELECT status, count(*)::int AS n FROM orders WHERE organization_id = ${org.id}::uuid AND deleted_at IS NULL GROUP BY status`;

    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const cases = [
      { name: 'first page', after: null },
      { name: `deep page (row ${DEEP_ROW.toLocaleString('en-GB')})`, after: deepPos },
    ] as const;

    console.log(
      `Orders list at ${ORDERS.toLocaleString('en-GB')} orders in one tenant (loaded in ${loadSeconds.toFixed(1)} s), limit ${LIMIT}, up to ${ROUNDS} calls each (fewer past ${SERIES_BUDGET_MS / 1000} s, at least ${MIN_ROUNDS}) after ${WARMUP} warm-up, alternating`,
    );
    let worst = 0;
    let worstMs = 0;
    for (const c of cases) {
      const cursor = c.after ? encodeKeysetCursor(c.after) : undefined;
      // Same rows?
      const mine = await listOrders(ctx, { limit: LIMIT, ...(cursor ? { after: cursor } : {}) });
      const raw = (await withTenant(org.id, (tx) => rawPage(tx, c.after))) as { id: string }[];
      const same =
        mine.orders.map((o) => o.id).join() ===
        raw
          .slice(0, LIMIT)
          .map((r) => r.id)
          .join();
      if (!same) throw new Error(`${c.name}: listOrders and the raw SQL disagree`);
      const live = (await withTenant(org.id, liveCounts)) as { status: string; n: number }[];
      const counted = JSON.stringify(Object.fromEntries(live.map((r) => [r.status, r.n]).sort()));
      if (JSON.stringify(Object.fromEntries(Object.entries(mine.counts).sort())) !== counted) {
        throw new Error(`${c.name}: listOrders' counts differ from a live count`);
      }

      const packline: number[] = [];
      const rawFull: number[] = [];
      const rawPageOnly: number[] = [];
      const rawLive: number[] = [];
      const seriesStart = performance.now();
      for (let i = 0; i < WARMUP + ROUNDS; i += 1) {
        if (packline.length >= MIN_ROUNDS && performance.now() - seriesStart > SERIES_BUDGET_MS) break;
        const a = await time(() => listOrders(ctx, { limit: LIMIT, ...(cursor ? { after: cursor } : {}) }));
        const b = await time(() =>
          withTenant(org.id, async (tx) => {
            await rawPage(tx, c.after);
            await rawCounts(tx);
          }),
        );
        const d = await time(() => withTenant(org.id, (tx) => rawPage(tx, c.after)));
        const e = await time(() =>
          withTenant(org.id, async (tx) => {
            await rawPage(tx, c.after);
            await liveCounts(tx);
          }),
        );
        if (i >= WARMUP) {
          packline.push(a);
          rawFull.push(b);
          rawPageOnly.push(d);
          rawLive.push(e);
        }
      }
      const p95 = pct(packline, 95);
      const base = pct(rawFull, 95);
      worst = Math.max(worst, p95 / base);
      worstMs = Math.max(worstMs, p95);
      console.log(`  ${c.name} (${packline.length} calls each)`);
      console.log(
        `    raw SQL page + counts (baseline)   p50 ${fmtMs(pct(rawFull, 50))} ms   p95 ${fmtMs(base)} ms   ratio 1.00`,
      );
      console.log(
        `    listOrders (Prisma, same result)   p50 ${fmtMs(pct(packline, 50))} ms   p95 ${fmtMs(p95)} ms   ratio ${(p95 / base).toFixed(2)}`,
      );
      console.log(
        `    raw SQL page only (no counts)      p50 ${fmtMs(pct(rawPageOnly, 50))} ms   p95 ${fmtMs(pct(rawPageOnly, 95))} ms`,
      );
      console.log(
        `    raw SQL page + live count (before) p50 ${fmtMs(pct(rawLive, 50))} ms   p95 ${fmtMs(pct(rawLive, 95))} ms`,
      );
    }
    console.log(
      `  worst p95 ratio ${worst.toFixed(2)} (aim <= 2), worst listOrders p95 ${worstMs.toFixed(1)} ms (aim <= 50 ms)`,
    );

    // The screen's filters, first page each (listOrders only; each runs on an index or is answered
    // by the kept counts — a slow one here means a filter that walks the tenant).
    const filtered: { name: string; input: Record<string, string> }[] = [
      { name: 'status SHIPPED', input: { status: 'SHIPPED' } },
      { name: 'marketplace A2EUQ1WTGCTBG2', input: { marketplace: 'A2EUQ1WTGCTBG2' } },
      { name: 'channel + fulfilment (no match)', input: { channel: 'AMAZON', fulfilment: 'MERCHANT' } },
      { name: 'purchased in one week', input: { from: '2026-10-01', to: '2026-10-07' } },
      { name: 'ship by a day (≈ 99 % match)', input: { shipBy: '2026-10-15' } },
      { name: 'search order id prefix', input: { q: '123-0000123' } },
      { name: 'search SKU', input: { q: 'SKU-42' } },
      { name: 'search, no match', input: { q: 'NOPE-0' } },
    ];
    console.log(`  filters, first page (listOrders, ${MIN_ROUNDS} calls each after ${WARMUP} warm-up)`);
    for (const f of filtered) {
      const times: number[] = [];
      let shown = 0;
      for (let i = 0; i < WARMUP + MIN_ROUNDS; i += 1) {
        const t = performance.now();
        const page = await listOrders(ctx, { limit: LIMIT, ...f.input });
        if (i >= WARMUP) times.push(performance.now() - t);
        shown = page.orders.length;
      }
      console.log(
        `    ${f.name.padEnd(34)} p50 ${fmtMs(pct(times, 50))} ms   p95 ${fmtMs(pct(times, 95))} ms   (${shown} rows)`,
      );
    }
  } finally {
    await disconnectAppDb();
    await disconnectSystemDb();
    await scratch.drop();
  }
}

await main();
