// Stores buyer PII in the vault, encrypted before it is written (docs/pii-vault.md).
//
// - One data key (purpose `buyer-pii`) per organization: the fields are encrypted and the blind
//   indexes computed under two HKDF subkeys of it (lib/crypto/buyer-pii-keys.ts), so a new
//   organization's first store costs one GenerateDataKey, and a row's `blind_index_key_version`
//   is its `key_version` (null when it has no index).
// - Every KMS call (creating the organization's first key, unwrapping it) happens before the
//   transaction opens: when KMS is down the caller gets KmsUnavailableError (retryable) and
//   nothing — no row, no key — is written.
// - One record per owner: storing again for the same owner replaces its fields (rectification);
//   the row id stays, as it is bound into every ciphertext. An anonymised record is never filled
//   again (the buyer's data was erased; PII is not fetched after anonymisation).
// - A batch is one set-based INSERT … ON CONFLICT, bounded by PII_STORE_BATCH_MAX; the caller's
//   own bookkeeping (e.g. the orders that now point at their records) may join its transaction.
import { AppError } from '../errors/app-error.ts';
import { newId } from '../db/ids.ts';
import { withTenant, type TenantTx } from '../db/tenant.ts';
import { withBuyerPiiSubkeysOf } from '../crypto/buyer-pii-keys.ts';
import { tenantKeys } from '../crypto/tenant-keys.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import {
  blindIndexesOf,
  encryptPiiFields,
  hasAnyIndex,
  hexArray,
  type BlindIndexes,
  type EncryptedColumns,
} from './pii-record-codec.ts';
import {
  PII_FIELDS,
  PII_STORE_BATCH_MAX,
  PII_WRITE_PERMISSION,
  ZStoreBuyerPiiInput,
  type TStoreBuyerPii,
  type TStoreBuyerPiiInput,
} from './schemas.ts';

export interface StoredBuyerPii {
  recordId: string;
  ownerType: string;
  ownerId: string;
}

export async function storeBuyerPii(ctx: TenantContext, input: TStoreBuyerPiiInput): Promise<StoredBuyerPii> {
  const [stored] = await storeBuyerPiiBatch(ctx, [input]);
  return stored!;
}

export interface StoreBuyerPiiOptions {
  /** Runs in the same transaction once the records are written: commits or rolls back with them. */
  onStored?: (tx: TenantTx, stored: readonly StoredBuyerPii[]) => Promise<void>;
}

export async function storeBuyerPiiBatch(
  ctx: TenantContext,
  inputs: readonly TStoreBuyerPiiInput[],
  options: StoreBuyerPiiOptions = {},
): Promise<StoredBuyerPii[]> {
  assertPermission(ctx, PII_WRITE_PERMISSION);
  if (inputs.length === 0) return [];
  if (inputs.length > PII_STORE_BATCH_MAX) {
    throw new AppError('PAYLOAD_TOO_LARGE', `at most ${PII_STORE_BATCH_MAX} records per call`);
  }
  const records = inputs.map(parseRecord);
  const owners = new Set<string>();
  for (const r of records) {
    const owner = `${r.ownerType}\u0000${r.ownerId}`;
    if (owners.has(owner)) throw new AppError('BAD_REQUEST', 'the same owner appears twice in one batch');
    owners.add(owner);
  }

  const organizationId = ctx.organizationId;
  const keys = tenantKeys();
  await keys.prepareActiveKey(organizationId, 'buyer-pii');

  return withTenant(
    organizationId,
    async (tx) => {
      // Key rows first (FOR SHARE), then vault rows: the same order as the re-encryption job.
      const piiKey = await keys.lockActiveKey(tx, organizationId, 'buyer-pii');

      const existing = await tx.$queryRaw<
        { id: string; owner_type: string; owner_id: string; anonymised: boolean }[]
      >`
        SELECT id, owner_type, owner_id, anonymised_at IS NOT NULL AS anonymised
          FROM pii_records
         WHERE organization_id = ${organizationId}::uuid
           AND (owner_type, owner_id) IN (
             SELECT * FROM unnest(${records.map((r) => r.ownerType)}::text[], ${records.map((r) => r.ownerId)}::text[]))
           FOR UPDATE`;
      const existingIds = new Map<string, string>();
      for (const row of existing) {
        if (row.anonymised) {
          throw new AppError('GONE', 'this buyer’s details were anonymised and cannot be stored again');
        }
        existingIds.set(`${row.owner_type}\u0000${row.owner_id}`, row.id);
      }
      const ids = records.map((r) => existingIds.get(`${r.ownerType}\u0000${r.ownerId}`) ?? newId());

      const fieldCount = records.reduce(
        (n, r) => n + PII_FIELDS.filter(({ field }) => r[field] !== null && r[field] !== undefined).length,
        0,
      );
      const encrypted = await withBuyerPiiSubkeysOf(
        keys,
        piiKey,
        ({ fieldKey, indexKey }) =>
          records.map((record, i) => ({
            columns: encryptPiiFields(fieldKey, piiKey.version, organizationId, ids[i]!, record),
            indexes: blindIndexesOf(indexKey, record),
          })),
        fieldCount,
      );

      // Hex text, decoded in SQL (hexArray: a bytea[] with a leading null would store base64 text).
      const column = (name: keyof EncryptedColumns) => hexArray(encrypted.map((e) => e.columns[name]));
      const index = (name: keyof BlindIndexes) => hexArray(encrypted.map((e) => e.indexes[name]));
      // The indexes were computed under this buyer-pii version's index subkey.
      const indexVersions = encrypted.map((e) => (hasAnyIndex(e.indexes) ? piiKey.version : null));

      const written = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO pii_records (
          id, organization_id, owner_type, owner_id, key_version,
          name, address_line1, address_line2, address_line3, city, region, postcode, phone, email,
          country_code, blind_index_key_version, email_index, phone_index, postcode_index,
          created_at, updated_at)
        SELECT u.id, ${organizationId}::uuid, u.owner_type, u.owner_id, ${piiKey.version}::int,
               decode(u.name, 'hex'), decode(u.address_line1, 'hex'), decode(u.address_line2, 'hex'),
               decode(u.address_line3, 'hex'), decode(u.city, 'hex'), decode(u.region, 'hex'),
               decode(u.postcode, 'hex'), decode(u.phone, 'hex'), decode(u.email, 'hex'), u.country_code,
               u.blind_index_key_version, decode(u.email_index, 'hex'), decode(u.phone_index, 'hex'),
               decode(u.postcode_index, 'hex'), now(), now()
          FROM unnest(
            ${ids}::uuid[], ${records.map((r) => r.ownerType)}::text[], ${records.map((r) => r.ownerId)}::text[],
            ${column('name')}::text[], ${column('address_line1')}::text[], ${column('address_line2')}::text[],
            ${column('address_line3')}::text[], ${column('city')}::text[], ${column('region')}::text[],
            ${column('postcode')}::text[], ${column('phone')}::text[], ${column('email')}::text[],
            ${records.map((r) => r.countryCode ?? null)}::text[], ${indexVersions}::int[],
            ${index('email_index')}::text[], ${index('phone_index')}::text[], ${index('postcode_index')}::text[]
          ) AS u(id, owner_type, owner_id, name, address_line1, address_line2, address_line3, city, region,
                 postcode, phone, email, country_code, blind_index_key_version, email_index, phone_index,
                 postcode_index)
        ON CONFLICT (organization_id, owner_type, owner_id) DO UPDATE SET
          key_version = EXCLUDED.key_version,
          name = EXCLUDED.name, address_line1 = EXCLUDED.address_line1,
          address_line2 = EXCLUDED.address_line2, address_line3 = EXCLUDED.address_line3,
          city = EXCLUDED.city, region = EXCLUDED.region, postcode = EXCLUDED.postcode,
          phone = EXCLUDED.phone, email = EXCLUDED.email, country_code = EXCLUDED.country_code,
          blind_index_key_version = EXCLUDED.blind_index_key_version,
          email_index = EXCLUDED.email_index, phone_index = EXCLUDED.phone_index,
          postcode_index = EXCLUDED.postcode_index, updated_at = now()
          -- Only the row whose id the ciphertexts are bound to, and never an anonymised one.
          WHERE pii_records.id = EXCLUDED.id AND pii_records.anonymised_at IS NULL
        RETURNING id`;
      if (written.length !== records.length) {
        // Another transaction created a record for one of these owners meanwhile (its id is not
        // the one these ciphertexts are bound to). Roll back; the caller may simply retry.
        throw new AppError('CONFLICT', 'a record for the same owner was stored concurrently; retry');
      }
      const stored = records.map((r, i) => ({
        recordId: ids[i]!,
        ownerType: r.ownerType,
        ownerId: r.ownerId,
      }));
      await options.onStored?.(tx, stored);
      return stored;
    },
    { timeout: 30_000 },
  );
}

/** Validates one record; the error names fields and problems, never the values. */
function parseRecord(input: TStoreBuyerPiiInput): TStoreBuyerPii {
  const parsed = ZStoreBuyerPiiInput.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    throw new AppError('BAD_REQUEST', `invalid buyer details (${problems.join('; ')})`);
  }
  return parsed.data;
}
