// Rotates an organization's data key for one purpose (ARCHITECTURE.md §4): a new version becomes
// ACTIVE (new values are encrypted under it at once), the old one DECRYPT_ONLY, and a
// `crypto.reencrypt` job moves existing rows to the new version in batches, then retires the old
// version (retire-unused-data-keys.ts). Permission `keys.rotate`; audited.
//
// The new key is generated before the transaction (no KMS wait with rows locked). Updating the old
// ACTIVE row waits for writers holding it FOR SHARE (tenant-keys.ts): when this commits, every
// row written under the old version is committed too, so the job sees them all.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { newId } from '../db/ids.ts';
import { withTenant } from '../db/tenant.ts';
import { enqueue, jobIdFor } from '../jobs/registry.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZDataKeyPurpose } from './schemas.ts';
import type { TDataKeyPurpose } from './key-provider.ts';
import { tenantKeys, toRow, type DataKeyRow, type RawKeyRow } from './tenant-keys.ts';

export interface RotateDataKeyResult {
  /** The new ACTIVE version. */
  version: number;
  /** The version it replaced; null when the organization had no key of this purpose yet. */
  previousVersion: number | null;
  /** The re-encryption job, when there were rows to move (null for a first key). */
  jobId: string | null;
}

export async function rotateDataKey(
  ctx: TenantContext,
  purpose: TDataKeyPurpose,
): Promise<RotateDataKeyResult> {
  assertPermission(ctx, 'keys.rotate');
  const keyPurpose = ZDataKeyPurpose.parse(purpose);
  const { organizationId } = ctx;
  const keys = tenantKeys();
  const generated = await keys.provider.generateDataKey({ organizationId, purpose: keyPurpose });

  let created: DataKeyRow;
  let previousVersion: number | null;
  try {
    ({ created, previousVersion } = await withTenant(
      organizationId,
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`data-key:${organizationId}:${keyPurpose}`}, 0))`;
        const superseded = await tx.$queryRaw<{ version: number }[]>`
          UPDATE data_keys SET status = 'DECRYPT_ONLY', superseded_at = now()
           WHERE organization_id = ${organizationId}::uuid AND purpose = ${keyPurpose}::data_key_purpose
             AND status = 'ACTIVE'
          RETURNING version`;
        const rows = await tx.$queryRaw<RawKeyRow[]>`
          INSERT INTO data_keys (id, organization_id, purpose, version, status, wrapped_key, kms_key_id)
          SELECT ${newId()}::uuid, ${organizationId}::uuid, ${keyPurpose}::data_key_purpose,
                 coalesce(max(version), 0) + 1, 'ACTIVE', ${generated.wrapped}, ${generated.keyId}
            FROM data_keys
           WHERE organization_id = ${organizationId}::uuid AND purpose = ${keyPurpose}::data_key_purpose
          RETURNING id, organization_id, purpose::text AS purpose, version, status::text AS status,
                    wrapped_key, kms_key_id`;
        const row = toRow(rows[0]!);
        const previous = superseded[0]?.version ?? null;
        await recordAuditEvent(tx, {
          organizationId,
          actorType: ctx.actor.type,
          actorId: ctx.actor.id,
          ip: ctx.ip,
          requestId: ctx.requestId,
          action: 'data_key.rotated',
          targetType: 'data_key',
          targetId: row.id,
          metadata: { keyPurpose, fromVersion: previous, toVersion: row.version },
        });
        return { created: row, previousVersion: previous };
      },
      { timeout: 30_000 },
    ));
  } catch (error) {
    generated.plaintext.fill(0);
    throw error;
  }
  await keys.adoptGeneratedKey(created, generated.plaintext).catch(() => generated.plaintext.fill(0));

  let jobId: string | null = null;
  if (previousVersion !== null) {
    // Deterministic id: retrying this call after a failed enqueue cannot start a second job for
    // the same rotation. (If the enqueue fails, the rotation stands; run the job again with the
    // same id — rows written since are already on the new version.)
    jobId = jobIdFor('crypto.reencrypt', organizationId, keyPurpose, created.version);
    await enqueue('crypto.reencrypt', { organizationId, purpose: keyPurpose }, { jobId });
  }
  return { version: created.version, previousVersion, jobId };
}
