// Re-wraps every organization's data keys under another KMS key (ARCHITECTURE.md §4): KMS
// ReEncrypt moves each wrapped key to the destination key without the plaintext leaving KMS, and
// the EncryptionContext { organizationId, purpose } is kept. The data itself is not touched.
//
// Use: point KMS_KEY_ID at the new key and deploy (new data keys are generated under it at once;
// old ones still unwrap, since Decrypt is given each row's stored key id), then run the
// `crypto.rewrap` job. Idempotent: rows already under the destination key are skipped, and each
// update is conditional on the wrapped key it started from. Keys of the legacy `blind-index`
// purpose (key-provider.ts), unused since the blind indexes derive their key from buyer-pii, are
// left as they are (crypto-shredding still erases them).
//
// Cross-tenant by nature (one pass over every organization), so it reads through the system
// client — a reviewed caller (tests/unit/system-db-callers.test.ts) — and records one audit event
// per organization in that organization's chain.
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { systemDb } from '../db/system.ts';
import { AwsKmsKeyProvider } from './aws-kms-key-provider.ts';
import { DATA_KEY_PURPOSES, type TDataKeyPurpose } from './key-provider.ts';
import { asBuffer, tenantKeys } from './tenant-keys.ts';

export interface RewrapDataKeysOptions {
  /** Destination key id/ARN/alias. Default: the provider's configured key (KMS_KEY_ID). */
  toKeyId?: string;
  /** Keys per round trip to the database. Default 100. */
  batchSize?: number;
}

export interface RewrapDataKeysResult {
  /** The destination as KMS names it (an ARN for AWS). */
  keyId: string;
  rewrapped: number;
  organizations: number;
}

interface WrappedRow {
  id: string;
  organization_id: string;
  purpose: TDataKeyPurpose;
  wrapped_key: Uint8Array;
  kms_key_id: string;
}

export async function rewrapDataKeys(options: RewrapDataKeysOptions = {}): Promise<RewrapDataKeysResult> {
  const { provider } = tenantKeys();
  const requested = options.toKeyId ?? provider.keyId;
  // Stored key ids are what KMS returned (ARNs); resolve an alias so "already there" is recognised.
  const destination =
    provider instanceof AwsKmsKeyProvider && !requested.startsWith('arn:aws:kms:')
      ? await resolveArn(requested)
      : requested;
  const batchSize = options.batchSize ?? 100;
  const db = systemDb();
  const organizations = new Set<string>();
  let rewrapped = 0;
  let after = '00000000-0000-0000-0000-000000000000';

  for (;;) {
    const rows = await db.$queryRaw<WrappedRow[]>`
      SELECT id, organization_id, purpose::text AS purpose, wrapped_key, kms_key_id
        FROM data_keys
       WHERE wrapped_key IS NOT NULL AND kms_key_id <> ${destination} AND id > ${after}::uuid
         AND purpose::text = ANY(${[...DATA_KEY_PURPOSES]}::text[])
       ORDER BY id
       LIMIT ${batchSize}`;
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;

    const byOrganization = new Map<string, { row: WrappedRow; wrapped: Buffer; keyId: string }[]>();
    for (const row of rows) {
      const out = await provider.rewrap(
        asBuffer(row.wrapped_key),
        { organizationId: row.organization_id, purpose: row.purpose },
        destination,
        row.kms_key_id,
      );
      const list = byOrganization.get(row.organization_id) ?? [];
      list.push({ row, wrapped: out.wrapped, keyId: out.keyId });
      byOrganization.set(row.organization_id, list);
    }

    for (const [organizationId, updates] of byOrganization) {
      const count = await db.$transaction(async (tx) => {
        let updated = 0;
        for (const { row, wrapped, keyId } of updates) {
          updated += await tx.$executeRaw`
            UPDATE data_keys SET wrapped_key = ${wrapped}, kms_key_id = ${keyId}, rewrapped_at = now()
             WHERE id = ${row.id}::uuid AND organization_id = ${organizationId}::uuid
               AND wrapped_key = ${asBuffer(row.wrapped_key)}`;
        }
        if (updated > 0) {
          await recordAuditEvent(tx, {
            organizationId,
            actorType: 'SYSTEM',
            action: 'data_key.rewrapped',
            targetType: 'organization',
            targetId: organizationId,
            metadata: { keys: updated, kmsKeyId: destination.slice(0, 200) },
          });
        }
        return updated;
      });
      rewrapped += count;
      if (count > 0) organizations.add(organizationId);
    }
  }
  return { keyId: destination, rewrapped, organizations: organizations.size };
}

async function resolveArn(keyId: string): Promise<string> {
  const provider = tenantKeys().provider;
  return provider instanceof AwsKmsKeyProvider ? (await provider.describeKey(keyId)).arn : keyId;
}
