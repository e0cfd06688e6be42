// The order-sync job scheduler of each integration (upsertJobScheduler; ARCHITECTURE.md §7):
// upserted at connect and at every worker start (re-derived from the database, so a flushed
// Redis loses nothing), removed at disconnect.
import { prepareJob, enqueue, jobIdFor } from '../../jobs/registry.ts';
import { getQueue } from '../../jobs/queues.ts';
import { syncSchedulerId } from './integration-constants.ts';

export async function upsertSyncScheduler(
  organizationId: string,
  integrationId: string,
  everyMinutes: number,
): Promise<void> {
  const job = prepareJob('amazon.sync-orders', { organizationId, integrationId });
  const { jobId: _jobId, delay: _delay, ...templateOpts } = job.opts;
  await getQueue(job.queue).upsertJobScheduler(
    syncSchedulerId(integrationId),
    { every: everyMinutes * 60_000 },
    { name: job.name, data: job.data, opts: templateOpts },
  );
}

export async function removeSyncScheduler(integrationId: string): Promise<void> {
  await getQueue('sync').removeJobScheduler(syncSchedulerId(integrationId));
}

/** "Sync now": one manual job per integration at a time (deterministic id). */
export async function enqueueManualSync(organizationId: string, integrationId: string): Promise<void> {
  await enqueue(
    'amazon.sync-orders',
    { organizationId, integrationId, manual: true },
    { jobId: jobIdFor('amazon.sync-orders', integrationId, 'manual') },
  );
}
