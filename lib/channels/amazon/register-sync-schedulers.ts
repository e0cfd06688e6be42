// At every worker start: one order-sync scheduler per connected Amazon integration, re-derived
// from the database (a flushed Redis loses nothing), and none for disconnected ones. Cross-tenant
// by nature (worker scheduling): reads ids and intervals only, through the system client.
import { systemDb } from '../../db/system.ts';
import { removeSyncScheduler, upsertSyncScheduler } from './amazon-schedulers.ts';

export async function registerAmazonSyncSchedulers(): Promise<{ upserted: number; removed: number }> {
  const rows = await systemDb().amazonIntegration.findMany({
    select: { id: true, organizationId: true, status: true, syncIntervalMinutes: true },
  });
  let upserted = 0;
  let removed = 0;
  for (const row of rows) {
    if (row.status === 'DISCONNECTED') {
      await removeSyncScheduler(row.id);
      removed++;
    } else {
      await upsertSyncScheduler(row.organizationId, row.id, row.syncIntervalMinutes);
      upserted++;
    }
  }
  return { upserted, removed };
}
