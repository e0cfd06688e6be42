// Buyer PII uses ONE KMS data key per organization (purpose `buyer-pii`, versioned) and derives
// two independent subkeys from it with HKDF-SHA256 (RFC 5869) — standard key separation:
//
//   field key  = HKDF-SHA256(ikm = data key, salt = organization id,
//                            info = "packline/buyer-pii/field-encryption/v1", L = 32)
//   index key  = HKDF-SHA256(ikm = data key, salt = organization id,
//                            info = "packline/buyer-pii/blind-index/v1",      L = 32)
//
// The field key is the AES-256-GCM key of the vault's field codec; the index key is the HMAC key
// of the blind indexes (blind-index.ts). Different `info` labels make the two outputs independent
// PRF outputs: knowing one (or a blind index) says nothing about the other, and the raw data key
// itself is never used to encrypt or MAC anything. One data key means one GenerateDataKey per
// organization and one Decrypt per key version per process (the cache in tenant-keys.ts holds the
// unwrapped data key; subkeys are derived per call and key version — two HKDF calls, tens of µs —
// and zeroised afterwards, so they never outlive the cache entry they came from).
//
// A rotation of `buyer-pii` therefore rotates both subkeys at once: the re-encryption job
// re-encrypts the fields and recomputes the blind indexes in the same pass, and a row's
// `blind_index_key_version` always names the buyer-pii version its indexes were computed under.
//
// The labels are versioned (`/v1`): changing a derivation means a new label, never a new meaning
// for an old one.
import { hkdfSync } from 'node:crypto';
import type { DataKeyRow, TenantKeys } from './tenant-keys.ts';

export const BUYER_PII_FIELD_ENCRYPTION_INFO = 'packline/buyer-pii/field-encryption/v1';
export const BUYER_PII_BLIND_INDEX_INFO = 'packline/buyer-pii/blind-index/v1';

const SUBKEY_BYTES = 32;

/** The two subkeys of one buyer-pii data-key version. */
export interface BuyerPiiSubkeys {
  /** AES-256-GCM key of the vault fields (field-codec.ts). */
  readonly fieldKey: Buffer;
  /** HMAC-SHA256 key of the blind indexes (blind-index.ts). */
  readonly indexKey: Buffer;
}

/** HKDF-SHA256 of a data key: 32 bytes, salt = organization id, info = the subkey's label. */
export function deriveSubkey(dataKey: Buffer, organizationId: string, info: string): Buffer {
  if (!Buffer.isBuffer(dataKey) || dataKey.length !== SUBKEY_BYTES) {
    throw new TypeError('data key must be a Buffer of 32 bytes');
  }
  if (typeof organizationId !== 'string' || organizationId.length === 0) {
    throw new TypeError('organizationId must be a non-empty string');
  }
  return Buffer.from(hkdfSync('sha256', dataKey, organizationId, info, SUBKEY_BYTES));
}

/** Both subkeys of a buyer-pii data key. The caller zeroises them (zeroiseSubkeys) after use. */
export function deriveBuyerPiiSubkeys(dataKey: Buffer, organizationId: string): BuyerPiiSubkeys {
  return {
    fieldKey: deriveSubkey(dataKey, organizationId, BUYER_PII_FIELD_ENCRYPTION_INFO),
    indexKey: deriveSubkey(dataKey, organizationId, BUYER_PII_BLIND_INDEX_INFO),
  };
}

export function zeroiseSubkeys(subkeys: BuyerPiiSubkeys): void {
  subkeys.fieldKey.fill(0);
  subkeys.indexKey.fill(0);
}

/**
 * Runs `fn` with a resolver from buyer-pii version to that version's subkeys, over the given key
 * rows (one organization, purpose `buyer-pii`; duplicates allowed). Each data key comes from the
 * process-wide cache (at most one KMS Decrypt per version); each version's subkeys are derived
 * once, on first use, and zeroised when `fn` settles. `uses` counts toward the cache's use limit
 * per key, as for TenantKeys.withKeys.
 */
export async function withBuyerPiiSubkeys<T>(
  keys: TenantKeys,
  rows: readonly DataKeyRow[],
  fn: (resolve: (version: number) => BuyerPiiSubkeys | undefined) => T | Promise<T>,
  uses = 1,
): Promise<T> {
  const unique = new Map<number, DataKeyRow>();
  for (const row of rows) {
    if (row.purpose !== 'buyer-pii') throw new TypeError(`not a buyer-pii data key: ${row.purpose}`);
    unique.set(row.version, row);
  }
  const derived = new Map<number, BuyerPiiSubkeys>();
  try {
    return await keys.withKeys(
      [...unique.values()],
      (resolveDataKey) =>
        fn((version) => {
          let subkeys = derived.get(version);
          if (!subkeys) {
            const row = unique.get(version);
            const dataKey = row ? resolveDataKey(version) : undefined;
            if (!row || !dataKey) return undefined;
            subkeys = deriveBuyerPiiSubkeys(dataKey, row.organizationId);
            derived.set(version, subkeys);
          }
          return subkeys;
        }),
      uses,
    );
  } finally {
    for (const subkeys of derived.values()) zeroiseSubkeys(subkeys);
  }
}

/** withBuyerPiiSubkeys for one key row: `fn` gets that version's subkeys. */
export function withBuyerPiiSubkeysOf<T>(
  keys: TenantKeys,
  row: DataKeyRow,
  fn: (subkeys: BuyerPiiSubkeys) => T | Promise<T>,
  uses = 1,
): Promise<T> {
  return withBuyerPiiSubkeys(keys, [row], (resolve) => fn(resolve(row.version)!), uses);
}
