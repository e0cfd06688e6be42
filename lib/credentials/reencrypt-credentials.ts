// Re-encryption of credentials after a rotation of the `credentials` key (the crypto.reencrypt
// job): same contract as lib/pii/reencrypt-buyer-pii.ts — one batch per transaction, keyset
// cursor, FOR UPDATE SKIP LOCKED, rows already on the ACTIVE version never selected again.
import { DataKeyUnavailableError } from '../crypto/errors.ts';
import { decryptField, encryptField } from '../crypto/field-codec.ts';
import { asBuffer, tenantKeys } from '../crypto/tenant-keys.ts';
import { withTenant } from '../db/tenant.ts';
import type { ReencryptBatchResult } from '../pii/reencrypt-buyer-pii.ts';
import { CREDENTIALS_COLUMN, CREDENTIALS_TABLE } from './schemas.ts';

export async function countStaleCredentials(organizationId: string): Promise<number> {
  return withTenant(organizationId, async (tx) => {
    const active = await tenantKeys().lockActiveKeyIfAny(tx, organizationId, 'credentials');
    if (!active) return 0;
    const [row] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM credentials
       WHERE organization_id = ${organizationId}::uuid AND key_version <> ${active.version}::int`;
    return row?.n ?? 0;
  });
}

export async function reencryptCredentialsBatch(
  organizationId: string,
  options: { after: string | null; limit: number },
): Promise<ReencryptBatchResult> {
  const keys = tenantKeys();
  return withTenant(
    organizationId,
    async (tx) => {
      const active = await keys.lockActiveKeyIfAny(tx, organizationId, 'credentials');
      if (!active) return { scanned: 0, updated: 0, lastId: null };
      const rows = await tx.$queryRaw<{ id: string; key_version: number; secret: Uint8Array }[]>`
        SELECT id, key_version, secret FROM credentials
         WHERE organization_id = ${organizationId}::uuid AND key_version <> ${active.version}::int
           AND id > ${options.after ?? '00000000-0000-0000-0000-000000000000'}::uuid
         ORDER BY id
         LIMIT ${options.limit}
           FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { scanned: 0, updated: 0, lastId: null };
      const oldKeys = await keys.findUsableKeys(
        tx,
        organizationId,
        'credentials',
        rows.map((r) => r.key_version),
      );
      for (const row of rows) {
        if (!oldKeys.has(row.key_version)) {
          throw new DataKeyUnavailableError(`credential ${row.id} is under a destroyed key version`);
        }
      }
      const secrets = await keys.withKeys(
        [...oldKeys.values()],
        (resolveOld) =>
          keys.withKey(
            active,
            (newKey) =>
              rows.map((row) => {
                const aad = {
                  organizationId,
                  table: CREDENTIALS_TABLE,
                  column: CREDENTIALS_COLUMN,
                  rowId: row.id,
                };
                return encryptField(
                  newKey,
                  active.version,
                  aad,
                  decryptField(resolveOld, aad, asBuffer(row.secret)),
                );
              }),
            rows.length,
          ),
        rows.length,
      );
      const updated = await tx.$executeRaw`
        UPDATE credentials c SET key_version = ${active.version}::int, secret = u.secret, updated_at = now()
          FROM unnest(${rows.map((r) => r.id)}::uuid[], ${secrets}::bytea[]) AS u(id, secret)
         WHERE c.organization_id = ${organizationId}::uuid AND c.id = u.id`;
      return { scanned: rows.length, updated, lastId: rows[rows.length - 1]!.id };
    },
    { timeout: 60_000 },
  );
}
