// Crypto-shredding (ARCHITECTURE.md §4, used by account termination): erases every data key of an
// organization, so each ciphertext it left behind — vault records, credentials, and the same
// rows in database backups — can never be decrypted again, by us or anyone.
//
// The rows stay as tombstones (status RETIRED, wrapped key NULL) rather than being deleted: key
// versions then keep growing if the organization ever writes again, so a version number never
// names two keys, and a plaintext another process still caches for a destroyed version (until its
// TTL) can never be mistaken for a new key. Every use of a cached key starts from its row
// (tenant-keys.ts), so other processes stop using destroyed keys at once; this process also
// zeroises its copies now.
//
// Limits, stated plainly: the plaintext keys were only ever in process memory and KMS; the wrapped
// keys' old row versions remain in the heap until VACUUM and in backups taken before — useless
// without KMS Decrypt under this organization's EncryptionContext, but erasing those too means a
// per-organization KMS key scheduled for deletion (docs/pii-vault.md).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { tenantKeys } from './tenant-keys.ts';

export interface DestroyOrganizationKeysResult {
  /** Keys erased by this call (already-retired ones are not counted). */
  destroyed: number;
}

export async function destroyOrganizationKeys(
  organizationId: string,
): Promise<DestroyOrganizationKeysResult> {
  try {
    return await withTenant(organizationId, async (tx) => {
      const rows = await tx.$queryRaw<{ purpose: string; version: number }[]>`
        UPDATE data_keys
           SET status = 'RETIRED', wrapped_key = NULL, retired_at = now()
         WHERE organization_id = ${organizationId}::uuid AND wrapped_key IS NOT NULL
        RETURNING purpose::text AS purpose, version`;
      await recordAuditEvent(tx, {
        organizationId,
        actorType: 'SYSTEM',
        action: 'data_key.destroyed',
        targetType: 'organization',
        targetId: organizationId,
        metadata: { keys: rows.length, keyPurposes: [...new Set(rows.map((r) => r.purpose))].sort() },
      });
      return { destroyed: rows.length };
    });
  } finally {
    tenantKeys().evictOrganization(organizationId);
  }
}
