// The re-encryption jobs of this organization's rotations, while they wait or run, for the
// security screen's live progress (lib/jobs/job-progress.ts): one per purpose whose previous
// version is still in use (DECRYPT_ONLY), found by the job id the rotation gave it.
import { jobIdFor } from '../jobs/registry.ts';
import { readJobProgress, type JobProgress } from '../jobs/job-progress.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import type { DataKeyView } from './list-data-keys.ts';
import { ZDataKeyPurpose } from './schemas.ts';

export interface ReencryptionProgress {
  purpose: string;
  version: number;
  progress: JobProgress;
}

export async function listReencryptionProgress(
  ctx: TenantContext,
  keys: readonly DataKeyView[],
): Promise<ReencryptionProgress[]> {
  assertPermission(ctx, 'security.read');
  const rotating = keys.filter(
    (k) => k.status === 'ACTIVE' && keys.some((o) => o.purpose === k.purpose && o.status === 'DECRYPT_ONLY'),
  );
  const found = await Promise.all(
    rotating.map(async (k) => {
      const purpose = ZDataKeyPurpose.parse(k.purpose);
      const jobId = jobIdFor('crypto.reencrypt', ctx.organizationId, purpose, k.version);
      const progress = await readJobProgress(ctx, 'crypto.reencrypt', jobId);
      return progress ? { purpose: k.purpose, version: k.version, progress } : null;
    }),
  );
  return found.filter((p): p is ReencryptionProgress => p !== null);
}
