// The stock-push sweep (writeback.stock-push-sweep, every 5 minutes): every job can be re-derived
// from database state (ARCHITECTURE.md §7). A listing whose push_pending flag is set but whose
// writeback.stock-push job is gone — Redis flushed, a worker died between commit and enqueue, the
// job's retries ran out — gets its job again. Re-queueing uses the job's deterministic id, so a
// listing whose job still waits (debounce, backoff) is left alone: adding an existing id is a no-op.
// Cross-tenant by nature (one sweep for the fleet): it reads ids only, through the system client;
// the push itself runs tenant-scoped as always.
import { systemDb } from '../../db/system.ts';
import { getEnv } from '../../env.ts';
import { enqueue } from '../../jobs/registry.ts';
import type { Logger } from '../../logger.ts';
import { stockPushJobId } from './request-stock-push.ts';

export interface SweepStockPushesOptions {
  logger: Logger;
  /** A pending listing younger than this may still be inside its debounce window. Default 2 × window, ≥ 60 s. */
  graceMs?: number;
  /** A FAILED listing is retried again this long after its last failure. Default 15 minutes. */
  retryFailedAfterMs?: number;
  /** Listings re-queued per sweep at most (the next sweep takes the rest). Default 5 000. */
  limit?: number;
}

export async function sweepStockPushes(options: SweepStockPushesOptions): Promise<{ requeued: number }> {
  const env = getEnv();
  const graceMs = options.graceMs ?? Math.max(60_000, 2 * env.AMAZON_STOCK_PUSH_DEBOUNCE_MS);
  const retryFailedAfterMs = options.retryFailedAfterMs ?? 15 * 60_000;
  const limit = options.limit ?? 5_000;
  const rows = await systemDb().$queryRaw<{ organization_id: string; id: string; integration_id: string }[]>`
    SELECT l.organization_id, l.id, l.integration_id
      FROM channel_listings l
      JOIN amazon_integrations i ON i.organization_id = l.organization_id AND i.id = l.integration_id
     WHERE l.push_pending AND l.product_id IS NOT NULL AND i.status <> 'DISCONNECTED'
       AND l.updated_at < now() - make_interval(secs => ${graceMs / 1000})
       AND (l.last_push_status <> 'FAILED'
            OR l.last_push_error_at < now() - make_interval(secs => ${retryFailedAfterMs / 1000}))
     ORDER BY l.updated_at
     LIMIT ${limit}`;
  const backoff = { type: 'exponential', delay: env.AMAZON_STOCK_PUSH_RETRY_MS } as const;
  for (const row of rows) {
    await enqueue(
      'writeback.stock-push',
      { organizationId: row.organization_id, listingId: row.id },
      { jobId: stockPushJobId(row.integration_id, row.id), backoff },
    );
  }
  if (rows.length > 0)
    options.logger.info({ listings: rows.length }, 'stock push sweep re-queued pending listings');
  return { requeued: rows.length };
}
