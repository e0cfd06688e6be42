// writeback.stock-push-sweep (every 5 minutes): re-queues stock pushes left pending
// (lib/channels/amazon/sweep-stock-pushes.ts).
import { sweepStockPushes } from '../lib/channels/amazon/sweep-stock-pushes.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runStockPushSweep(
  _payload: JobPayload<'writeback.stock-push-sweep'>,
  ctx: JobContext,
): Promise<void> {
  await sweepStockPushes({ logger: ctx.logger });
}
