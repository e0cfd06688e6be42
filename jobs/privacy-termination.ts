// privacy.termination-sweep (hourly): runs every owner-requested termination whose 7-day grace
// period has passed (lib/privacy/termination-requests.ts). Safe to kill at any point: a claimed
// request is picked up again by the next run, and termination is idempotent.
import type { JobPayload } from '../lib/jobs/registry.ts';
import { runDueTerminations } from '../lib/privacy/termination-requests.ts';
import type { JobContext } from './context.ts';

export async function runTerminationSweep(
  _payload: JobPayload<'privacy.termination-sweep'>,
  ctx: JobContext,
): Promise<void> {
  const terminated = await runDueTerminations(new Date());
  ctx.logger.info({ organizations: terminated }, 'termination sweep finished');
}
