// npm run bench:allocation — allocation throughput (lib/inventory/reserve-stock.ts allocateOrder)
// for 10 000 order lines against 1 000 SKUs in 500 bins, as a ratio to a raw SQL baseline doing
// the same reservations in the same run, on a scratch database migrated for the run and dropped
// after. Figures are ratios, never absolute pass/fail thresholds.
//
// Both sides start from identical data in their own organization: one warehouse, 500 pick-face
// bins, 1 000 SKUs each received into 2 bins (40 units per bin), 2 500 merchant orders of 4 lines
// (1–3 units, SKUs drawn with a fixed seed, so some lines backorder). Both run 8 orders at a time,
// one transaction per order.
// - allocateOrder: locks the order, locks each product's candidate rows (FOR UPDATE), runs the
//   pure FEFO/FIFO + warehouse-priority selection, writes one ALLOCATE ledger row (the trigger's
//   conditional update of reserved_quantity) and one stock_allocations upsert per pick.
// - baseline: per line, one INSERT … SELECT that reserves from the first bin with enough free stock
//   (FOR UPDATE, by id), through the same ledger trigger, plus the allocation row — no selection
//   rules, no partial picks across bins, no order lock, no idempotency read.
export {};

const ORDERS = 2_500;
const LINES_PER_ORDER = 4;
const SKUS = 1_000;
const BINS = 500;
const UNITS_PER_BIN = 40;
const CONCURRENCY = 8;

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

async function pool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const item = items[next]!;
        next += 1;
        await fn(item);
      }
    }),
  );
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

async function main(): Promise<void> {
  const { setupScratchDatabase } = await import('../tests/helpers/scratch-database.ts');
  let scratch: { drop: () => Promise<void> };
  try {
    scratch = await setupScratchDatabase('bench_allocation');
  } catch (error) {
    console.log(`allocation bench: skipped (no local PostgreSQL: ${(error as Error).message})`);
    return;
  }
  const { systemDb, disconnectSystemDb } = await import('../lib/db/system.ts');
  const { disconnectAppDb } = await import('../lib/db/client.ts');
  const { withTenant } = await import('../lib/db/tenant.ts');
  const { systemContext } = await import('../lib/tenancy/tenant-context.ts');
  const { allocateOrder } = await import('../lib/inventory/reserve-stock.ts');
  const db = systemDb();

  async function seed(label: string): Promise<{ orgId: string; orderIds: string[] }> {
    const org = await db.organization.create({
      data: { name: label, slug: `bench-${label}-${process.pid}` },
    });
    const orgId = org.id;
    const wh = await db.warehouse.create({
      data: { organizationId: orgId, code: 'MAIN', name: 'Main', priority: 1 },
    });
    await db.$executeRaw`
      INSERT INTO locations (id, organization_id, warehouse_id, code, type, pick_sequence, created_at, updated_at)
      SELECT app_uuid_v7(), ${orgId}::uuid, ${wh.id}::uuid, 'B-' || lpad(g::text, 4, '0'), 'PICK_FACE', g, now(), now()
        FROM generate_series(1, ${BINS}) g`;
    await db.$executeRaw`
      INSERT INTO products (id, organization_id, sku, name, created_at, updated_at)
      SELECT app_uuid_v7(), ${orgId}::uuid, 'SKU-' || lpad(g::text, 5, '0'), 'Product ' || g, now(), now()
        FROM generate_series(1, ${SKUS}) g`;
    // SKU i in bins i mod 500 and (i + 250) mod 500.
    await db.$executeRaw`
      INSERT INTO stock_movements (id, organization_id, type, product_id, to_location_id, quantity, actor_type, at)
      SELECT app_uuid_v7(), ${orgId}::uuid, 'RECEIVE', p.id, l.id, ${UNITS_PER_BIN}, 'SYSTEM', now()
        FROM products p
        CROSS JOIN LATERAL (VALUES (0), (250)) AS o(shift)
        JOIN locations l ON l.organization_id = p.organization_id
         AND l.code = 'B-' || lpad(((substring(p.sku FROM 5)::int + o.shift) % ${BINS} + 1)::text, 4, '0')
       WHERE p.organization_id = ${orgId}::uuid`;
    const random = seeded(42);
    const orderIds: string[] = [];
    for (let i = 0; i < ORDERS; i += 1) {
      const order = await db.order.create({
        data: {
          organizationId: orgId,
          channel: 'MANUAL',
          status: 'AWAITING_FULFILMENT',
          channelStatus: 'Unshipped',
          fulfilmentChannel: 'MERCHANT',
          purchasedAt: new Date(),
          channelUpdatedAt: new Date(),
          lines: {
            create: Array.from({ length: LINES_PER_ORDER }, (_, k) => ({
              channelLineId: `L${k}`,
              sku: `SKU-${String(1 + Math.floor(random() * SKUS)).padStart(5, '0')}`,
              quantityOrdered: 1 + Math.floor(random() * 3),
            })),
          },
        },
        select: { id: true },
      });
      orderIds.push(order.id);
    }
    return { orgId, orderIds };
  }

  try {
    const a = await seed('usecase');
    const b = await seed('baseline');
    const lines = ORDERS * LINES_PER_ORDER;

    const ctx = systemContext(a.orgId, ['inventory.update']);
    let allocatedA = 0;
    let started = performance.now();
    await pool(a.orderIds, CONCURRENCY, async (orderId) => {
      const result = await allocateOrder(ctx, orderId);
      allocatedA += result.allocated;
    });
    const useCaseSeconds = (performance.now() - started) / 1000;

    let allocatedB = 0;
    started = performance.now();
    await pool(b.orderIds, CONCURRENCY, (orderId) =>
      withTenant(b.orgId, async (tx) => {
        const orderLines = await tx.$queryRaw<{ id: string; sku: string; quantity_ordered: number }[]>`
          SELECT id, sku, quantity_ordered FROM order_lines
           WHERE organization_id = ${b.orgId}::uuid AND order_id = ${orderId}::uuid ORDER BY sku`;
        for (const line of orderLines) {
          const picked = await tx.$queryRaw<{ id: string; product_id: string }[]>`
            WITH pick AS (
              SELECT s.id, s.product_id, s.location_id, s.lot_id FROM stock_levels s
                JOIN products p ON p.organization_id = s.organization_id AND p.id = s.product_id
               WHERE s.organization_id = ${b.orgId}::uuid AND p.sku = ${line.sku}
                 AND s.quantity - s.reserved_quantity >= ${line.quantity_ordered}
               ORDER BY s.id LIMIT 1 FOR UPDATE OF s
            ), ledger AS (
              INSERT INTO stock_movements (id, organization_id, type, product_id, lot_id, from_location_id, quantity, actor_type, at)
              SELECT app_uuid_v7(), ${b.orgId}::uuid, 'ALLOCATE', product_id, lot_id, location_id, ${line.quantity_ordered}, 'SYSTEM', now()
                FROM pick
            )
            SELECT id, product_id FROM pick`;
          const pick = picked[0];
          if (!pick) continue;
          await tx.$executeRaw`
            INSERT INTO stock_allocations (id, organization_id, order_id, order_line_id, stock_level_id, product_id, quantity, created_at, updated_at)
            VALUES (app_uuid_v7(), ${b.orgId}::uuid, ${orderId}::uuid, ${line.id}::uuid, ${pick.id}::uuid, ${pick.product_id}::uuid, ${line.quantity_ordered}, now(), now())`;
          allocatedB += line.quantity_ordered;
        }
      }),
    );
    const baselineSeconds = (performance.now() - started) / 1000;

    console.log(
      `Allocation: ${fmt(lines)} order lines (${ORDERS} orders × ${LINES_PER_ORDER}), ${SKUS} SKUs in ${BINS} bins, ${CONCURRENCY} at a time`,
    );
    console.log(
      `  allocateOrder:  ${fmt(lines / useCaseSeconds)} lines/s (${useCaseSeconds.toFixed(1)} s, ${fmt(allocatedA)} units reserved)`,
    );
    console.log(
      `  raw SQL baseline: ${fmt(lines / baselineSeconds)} lines/s (${baselineSeconds.toFixed(1)} s, ${fmt(allocatedB)} units reserved)`,
    );
    console.log(`  ratio (use case / baseline throughput): ${(baselineSeconds / useCaseSeconds).toFixed(2)}`);
  } finally {
    await Promise.allSettled([disconnectAppDb(), disconnectSystemDb()]);
    await scratch.drop();
  }
}

await main();
