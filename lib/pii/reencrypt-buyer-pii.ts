// Re-encryption of vault records after a buyer-pii rotation (used by the crypto.reencrypt job):
// brings rows whose fields — or blind indexes — are under a superseded buyer-pii key version to
// the ACTIVE version, one batch per transaction. Fields and indexes both use subkeys of the one
// buyer-pii data key (lib/crypto/buyer-pii-keys.ts), so each row is decrypted once, its fields
// re-encrypted under the new field subkey AND its indexes recomputed under the new index subkey in
// the same pass; `blind_index_key_version` then equals `key_version` (null without indexes).
//
// Safe to kill at any point: a batch commits or rolls back as a whole, and rows already on the
// ACTIVE versions are not selected again. Rows are taken with FOR UPDATE SKIP LOCKED in id order
// (a keyset cursor), so a writer holding a row is not waited for; the caller comes round again
// for rows skipped that way. Key rows are locked FOR SHARE before vault rows, as writers do.
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { withBuyerPiiSubkeys } from '../crypto/buyer-pii-keys.ts';
import { DataKeyUnavailableError } from '../crypto/errors.ts';
import { tenantKeys, type DataKeyRow } from '../crypto/tenant-keys.ts';
import type { TenantTx } from '../db/tenant.ts';
import {
  blindIndexesOf,
  decryptPiiFields,
  encryptPiiFields,
  hasAnyIndex,
  hexArray,
  PII_ROW_COLUMNS,
  presentFields,
  type PiiRow,
} from './pii-record-codec.ts';
import { PII_FIELDS } from './schemas.ts';

export interface ReencryptBatchResult {
  /** Rows selected (fewer than the limit: the end of the keyset was reached). */
  scanned: number;
  updated: number;
  /** Cursor for the next batch. */
  lastId: string | null;
}

const ALL_FIELDS = PII_FIELDS.map((f) => f.field);

/**
 * The "not on the ACTIVE version" condition: fields or indexes under another version. Anonymised
 * rows hold neither (every encrypted column and index is NULL), so they are never stale: their
 * key_version names no ciphertext, and retire-unused-data-keys.ts ignores it too.
 */
function staleCondition(pii: DataKeyRow): Prisma.Sql {
  return Prisma.sql`(anonymised_at IS NULL AND (key_version <> ${pii.version}::int
    OR (blind_index_key_version IS NOT NULL AND blind_index_key_version <> ${pii.version}::int)))`;
}

function activeKey(tx: TenantTx, organizationId: string): Promise<DataKeyRow | null> {
  return tenantKeys().lockActiveKeyIfAny(tx, organizationId, 'buyer-pii');
}

/** Vault rows of the organization not yet on the ACTIVE key versions. */
export async function countStaleBuyerPii(organizationId: string): Promise<number> {
  return withTenant(organizationId, async (tx) => {
    const pii = await activeKey(tx, organizationId);
    if (!pii) return 0;
    const [row] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pii_records
       WHERE organization_id = ${organizationId}::uuid AND ${staleCondition(pii)}`;
    return row?.n ?? 0;
  });
}

export async function reencryptBuyerPiiBatch(
  organizationId: string,
  options: { after: string | null; limit: number },
): Promise<ReencryptBatchResult> {
  const keys = tenantKeys();
  return withTenant(
    organizationId,
    async (tx) => {
      const pii = await activeKey(tx, organizationId);
      if (!pii) return { scanned: 0, updated: 0, lastId: null };
      const rows = await tx.$queryRaw<PiiRow[]>`
        SELECT ${Prisma.raw(PII_ROW_COLUMNS)}
          FROM pii_records
         WHERE organization_id = ${organizationId}::uuid AND ${staleCondition(pii)}
           AND id > ${options.after ?? '00000000-0000-0000-0000-000000000000'}::uuid
         ORDER BY id
         LIMIT ${options.limit}
           FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { scanned: 0, updated: 0, lastId: null };

      const withCiphertext = rows.filter((r) => presentFields(r).length > 0);
      const oldKeys = await keys.findUsableKeys(
        tx,
        organizationId,
        'buyer-pii',
        withCiphertext.map((r) => r.key_version),
      );
      for (const row of withCiphertext) {
        if (!oldKeys.has(row.key_version)) {
          throw new DataKeyUnavailableError(`record ${row.id} is under a destroyed buyer-pii key version`);
        }
      }

      const fieldUses = withCiphertext.reduce((n, r) => n + presentFields(r).length, 0);
      // One resolver over the old versions and the ACTIVE one: each data key unwrapped (or taken
      // from the cache) once, each version's subkeys derived once.
      const updated = await withBuyerPiiSubkeys(
        keys,
        [...oldKeys.values(), pii],
        (resolve) => {
          const active = resolve(pii.version)!;
          return rows.map((row) => {
            const plain = decryptPiiFields(
              (version) => resolve(version)?.fieldKey,
              organizationId,
              row,
              ALL_FIELDS,
            );
            const columns =
              row.key_version === pii.version
                ? Object.fromEntries(PII_FIELDS.map(({ column }) => [column, row[column]]))
                : encryptPiiFields(active.fieldKey, pii.version, organizationId, row.id, plain);
            const indexes = blindIndexesOf(active.indexKey, plain);
            return {
              id: row.id,
              columns,
              indexes,
              indexVersion: hasAnyIndex(indexes) ? pii.version : null,
            };
          });
        },
        fieldUses,
      );

      // Hex text, decoded in SQL (hexArray: a bytea[] with a leading null would store base64 text).
      const col = (name: (typeof PII_FIELDS)[number]['column']) =>
        hexArray(updated.map((u) => u.columns[name]));
      const idx = (name: 'email_index' | 'phone_index' | 'postcode_index') =>
        hexArray(updated.map((u) => u.indexes[name]));
      const count = await tx.$executeRaw`
        UPDATE pii_records p SET
          key_version = ${pii.version}::int,
          name = decode(u.name, 'hex'), address_line1 = decode(u.address_line1, 'hex'),
          address_line2 = decode(u.address_line2, 'hex'), address_line3 = decode(u.address_line3, 'hex'),
          city = decode(u.city, 'hex'), region = decode(u.region, 'hex'), postcode = decode(u.postcode, 'hex'),
          phone = decode(u.phone, 'hex'), email = decode(u.email, 'hex'),
          blind_index_key_version = u.blind_index_key_version,
          email_index = decode(u.email_index, 'hex'), phone_index = decode(u.phone_index, 'hex'),
          postcode_index = decode(u.postcode_index, 'hex'),
          updated_at = now()
          FROM unnest(
            ${updated.map((u) => u.id)}::uuid[],
            ${col('name')}::text[], ${col('address_line1')}::text[], ${col('address_line2')}::text[],
            ${col('address_line3')}::text[], ${col('city')}::text[], ${col('region')}::text[],
            ${col('postcode')}::text[], ${col('phone')}::text[], ${col('email')}::text[],
            ${updated.map((u) => u.indexVersion)}::int[],
            ${idx('email_index')}::text[], ${idx('phone_index')}::text[], ${idx('postcode_index')}::text[]
          ) AS u(id, name, address_line1, address_line2, address_line3, city, region, postcode, phone, email,
                 blind_index_key_version, email_index, phone_index, postcode_index)
         WHERE p.organization_id = ${organizationId}::uuid AND p.id = u.id`;
      return { scanned: rows.length, updated: count, lastId: rows[rows.length - 1]!.id };
    },
    { timeout: 60_000 },
  );
}
