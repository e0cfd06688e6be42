// The integrations page: each Amazon integration with status, marketplaces, last and next sync,
// last error, the latest sync runs (the running one's counters move page by page), and the app's
// LWA client-secret age. Ids, counts and statuses only.
import { withTenant } from '../../db/tenant.ts';
import { getQueue } from '../../jobs/queues.ts';
import { assertPermission, type TenantContext } from '../../tenancy/tenant-context.ts';
import { amazonAppConfig, lwaSecretAge, type LwaSecretAge } from './amazon-config.ts';
import { syncSchedulerId } from './integration-constants.ts';

export async function listAmazonIntegrations(ctx: TenantContext) {
  assertPermission(ctx, 'integrations.read');
  const { organizationId } = ctx;
  const rows = await withTenant(organizationId, (tx) =>
    tx.amazonIntegration.findMany({
      where: { organizationId },
      orderBy: { createdAt: 'asc' },
      include: { syncRuns: { orderBy: { startedAt: 'desc' }, take: 10 } },
    }),
  );
  const integrations = await Promise.all(
    rows.map(async (row) => {
      let nextSyncAt: Date | null = null;
      if (row.status !== 'DISCONNECTED') {
        try {
          const scheduler = await getQueue('sync').getJobScheduler(syncSchedulerId(row.id));
          if (scheduler?.next) nextSyncAt = new Date(scheduler.next);
        } catch {
          nextSyncAt = null; // Redis unavailable: the page still renders
        }
      }
      return { ...row, nextSyncAt };
    }),
  );
  let secret: LwaSecretAge | null = null;
  try {
    secret = lwaSecretAge(amazonAppConfig().secretRotatedAt);
  } catch {
    secret = null;
  }
  return { integrations, lwaSecret: secret };
}
