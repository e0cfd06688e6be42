// Re-derives crypto.reencrypt jobs from the database (ARCHITECTURE.md §1: if Redis is flushed, or
// the enqueue after a rotation failed, nothing is lost). Every organization and purpose that still
// has a superseded (DECRYPT_ONLY) key gets its re-encryption job enqueued again under the
// rotation's deterministic job id — a no-op while that job exists. Run hourly by the
// crypto.resume-reencryption scheduler. Only current purposes (key-provider.ts): keys of the
// legacy `blind-index` purpose are never re-encrypted or retired by a job.
//
// Cross-tenant by nature (which organizations have unfinished rotations), so it reads through the
// system client: a reviewed caller (tests/unit/system-db-callers.test.ts). It reads ids only.
import { systemDb } from '../db/system.ts';
import { enqueue, jobIdFor } from '../jobs/registry.ts';
import { DATA_KEY_PURPOSES, type TDataKeyPurpose } from './key-provider.ts';

export async function resumeReencryption(): Promise<{ enqueued: number }> {
  const pending = await systemDb().$queryRaw<
    { organization_id: string; purpose: TDataKeyPurpose; version: number }[]
  >`
    SELECT a.organization_id, a.purpose::text AS purpose, a.version
      FROM data_keys a
     WHERE a.status = 'ACTIVE' AND a.purpose::text = ANY(${[...DATA_KEY_PURPOSES]}::text[])
       AND EXISTS (SELECT 1 FROM data_keys d
                    WHERE d.organization_id = a.organization_id AND d.purpose = a.purpose
                      AND d.status = 'DECRYPT_ONLY')
     ORDER BY a.organization_id, a.purpose`;
  for (const row of pending) {
    await enqueue(
      'crypto.reencrypt',
      { organizationId: row.organization_id, purpose: row.purpose },
      { jobId: jobIdFor('crypto.reencrypt', row.organization_id, row.purpose, row.version) },
    );
  }
  return { enqueued: pending.length };
}
