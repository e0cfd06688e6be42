// crypto.resume-reencryption (hourly scheduler): re-enqueues the re-encryption of every unfinished
// rotation from database state (lib/crypto/resume-reencryption.ts).
import { resumeReencryption } from '../lib/crypto/resume-reencryption.ts';
import type { JobPayload } from '../lib/jobs/registry.ts';
import type { JobContext } from './context.ts';

export async function runResumeReencryption(
  _payload: JobPayload<'crypto.resume-reencryption'>,
  ctx: JobContext,
): Promise<void> {
  const { enqueued } = await resumeReencryption();
  if (enqueued > 0) ctx.logger.info({ enqueued }, 're-encryption jobs re-derived from unfinished rotations');
}
