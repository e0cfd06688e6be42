// E2E seed, straight into the e2e database as receiving and allocateOrder leave it: a warehouse
// of the demo organization with one pick-face bin per SKU (walk order = the SKUs' order) holding
// 10 units, and merchant-fulfilled orders awaiting fulfilment whose lines are reserved there
// (ALLOCATE ledger rows + stock_allocations). Codes carry `run`, unique per test run.
import pg from 'pg';
import { getEnv } from '../../lib/env.ts';
import { withDatabase } from '../../scripts/lib/db-setup.ts';
import { E2E_DATABASE } from './e2e-env.ts';

export interface SeedOrder {
  amazonOrderId: string;
  lines: readonly (readonly [sku: string, quantity: number])[];
  latestShipAt?: Date;
}

export interface SeededOrders {
  warehouseId: string;
  warehouseName: string;
  /** Order id per Amazon order id. */
  orderIds: Map<string, string>;
}

export async function seedAllocatedOrders(input: {
  run: string;
  /** SKU → bin code, in walk order. */
  bins: ReadonlyMap<string, string>;
  orders: readonly SeedOrder[];
}): Promise<SeededOrders> {
  const db = new pg.Client({ connectionString: withDatabase(getEnv().DATABASE_SYSTEM_URL, E2E_DATABASE) });
  await db.connect();
  try {
    const org = (await db.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'demo'`)).rows[0]!
      .id;
    const warehouseName = `E2E warehouse ${input.run}`;
    const warehouseId = (
      await db.query<{ id: string }>(
        `INSERT INTO warehouses (id, organization_id, code, name, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
        [org, `PW${input.run}`, warehouseName],
      )
    ).rows[0]!.id;
    const stock = new Map<string, { locationId: string; levelId: string; productId: string }>();
    let sequence = 0;
    for (const [sku, code] of input.bins) {
      sequence += 10;
      const locationId = (
        await db.query<{ id: string }>(
          `INSERT INTO locations (id, organization_id, warehouse_id, code, type, pick_sequence, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, 'PICK_FACE', $4, now()) RETURNING id`,
          [org, warehouseId, code, sequence],
        )
      ).rows[0]!.id;
      const productId = (
        await db.query<{ id: string }>(
          `INSERT INTO products (id, organization_id, sku, name, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, now()) RETURNING id`,
          [org, sku, `E2E product ${sku}`],
        )
      ).rows[0]!.id;
      await db.query(
        `INSERT INTO stock_movements (id, organization_id, type, product_id, to_location_id, quantity, actor_type)
         VALUES (gen_random_uuid(), $1, 'RECEIVE', $2, $3, 10, 'SYSTEM')`,
        [org, productId, locationId],
      );
      const levelId = (
        await db.query<{ id: string }>(
          `SELECT id FROM stock_levels WHERE location_id = $1 AND product_id = $2`,
          [locationId, productId],
        )
      ).rows[0]!.id;
      stock.set(sku, { locationId, levelId, productId });
    }
    const orderIds = new Map<string, string>();
    for (const order of input.orders) {
      const orderId = (
        await db.query<{ id: string }>(
          `INSERT INTO orders (id, organization_id, channel, amazon_order_id, status, channel_status, fulfilment_channel,
                               purchased_at, channel_updated_at, latest_ship_at, updated_at)
           VALUES (gen_random_uuid(), $1, 'MANUAL', $2, 'AWAITING_FULFILMENT', 'Unshipped', 'MERCHANT', now(), now(), $3, now())
           RETURNING id`,
          [org, order.amazonOrderId, order.latestShipAt ?? null],
        )
      ).rows[0]!.id;
      for (const [k, [sku, quantity]] of order.lines.entries()) {
        const s = stock.get(sku)!;
        const lineId = (
          await db.query<{ id: string }>(
            `INSERT INTO order_lines (id, organization_id, order_id, channel_line_id, sku, title, quantity_ordered, updated_at)
             VALUES (gen_random_uuid(), $1, $2, $3, $4, 'E2E item', $5, now()) RETURNING id`,
            [org, orderId, String(k + 1), sku, quantity],
          )
        ).rows[0]!.id;
        await db.query(
          `INSERT INTO stock_movements (id, organization_id, type, product_id, from_location_id, quantity, reference, actor_type)
           VALUES (gen_random_uuid(), $1, 'ALLOCATE', $2, $3, $4, $5, 'SYSTEM')`,
          [org, s.productId, s.locationId, quantity, `order:${orderId}`],
        );
        await db.query(
          `INSERT INTO stock_allocations (id, organization_id, order_id, order_line_id, stock_level_id, product_id, quantity, updated_at)
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, now())`,
          [org, orderId, lineId, s.levelId, s.productId, quantity],
        );
      }
      orderIds.set(order.amazonOrderId, orderId);
    }
    return { warehouseId, warehouseName, orderIds };
  } finally {
    await db.end();
  }
}
