// The demo's operational seed, after the organization exists (lib/demo/seed-demo.ts) and Amazon is
// connected (lib/demo/connect-demo-amazon.ts): the warehouse with stock, then a working day. The
// one path `npm run dev` (scripts/dev.ts) and the end-to-end stack (tests/e2e/serve.ts) take;
// both steps run once and are no-ops on an already seeded demo
// (docs/decisions/0023-demo-warehouse.md).
import type { SyncAmazonOrdersOptions } from '../channels/amazon/sync-amazon-orders.ts';
import {
  seedDemoActivity,
  type DemoActivityPlan,
  type SeedDemoActivityResult,
} from './seed-demo-activity.ts';
import { seedDemoWarehouse, type SeedDemoWarehouseResult } from './seed-demo-warehouse.ts';

/** The first sync fetches this much order history (charts and KPIs have weeks to show). */
export const DEMO_HISTORY_DAYS = 28;

export async function seedDemoOperations(input: {
  organizationId: string;
  /** What the connected seller sells (tests/simulators/amazon/generator.ts sellerCatalogue). */
  catalogue: readonly { sellerSku: string; title: string }[];
  integrationId: string;
  plan: DemoActivityPlan;
  sync: Omit<SyncAmazonOrdersOptions, 'lookbackDays'>;
  now?: Date;
}): Promise<{ warehouse: SeedDemoWarehouseResult; activity: SeedDemoActivityResult }> {
  const now = input.now ?? new Date();
  const warehouse = await seedDemoWarehouse(input.organizationId, input.catalogue, now);
  const activity = await seedDemoActivity(input.organizationId, {
    warehouseId: warehouse.warehouseId,
    integrationId: input.integrationId,
    sync: { ...input.sync, lookbackDays: DEMO_HISTORY_DAYS },
    plan: input.plan,
    now,
  });
  return { warehouse, activity };
}
