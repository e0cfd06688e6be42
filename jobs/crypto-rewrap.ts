// crypto.rewrap: re-wraps every data key under the configured KMS key (KMS_KEY_ID) with KMS
// ReEncrypt (lib/crypto/rewrap-data-keys.ts). Idempotent; enqueue it after pointing KMS_KEY_ID at
// a new key: `enqueue('crypto.rewrap', {}, { jobId: jobIdFor('crypto.rewrap', <date>) })`.
import { rewrapDataKeys } from '../lib/crypto/rewrap-data-keys.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runRewrap(_payload: JobPayload<'crypto.rewrap'>, ctx: JobContext): Promise<void> {
  const result = await rewrapDataKeys();
  ctx.logger.info(result, 'data keys re-wrapped');
}
