import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  BUYER_PII_BLIND_INDEX_INFO,
  BUYER_PII_FIELD_ENCRYPTION_INFO,
  deriveBuyerPiiSubkeys,
  deriveSubkey,
  withBuyerPiiSubkeys,
  withBuyerPiiSubkeysOf,
  type BuyerPiiSubkeys,
} from './buyer-pii-keys.ts';
import type { KeyProvider } from './key-provider.ts';
import { TenantKeys, type DataKeyRow } from './tenant-keys.ts';

const ORG_A = '0193a000-0000-7000-8000-00000000000a';
const ORG_B = '0193a000-0000-7000-8000-00000000000b';

describe('buyer-pii subkeys (HKDF-SHA256)', () => {
  it('uses distinct, versioned info labels', () => {
    expect(BUYER_PII_FIELD_ENCRYPTION_INFO).toBe('packline/buyer-pii/field-encryption/v1');
    expect(BUYER_PII_BLIND_INDEX_INFO).toBe('packline/buyer-pii/blind-index/v1');
  });

  it('derives two 32-byte subkeys that differ from each other and from the data key', () => {
    const dataKey = randomBytes(32);
    const { fieldKey, indexKey } = deriveBuyerPiiSubkeys(dataKey, ORG_A);
    expect(fieldKey).toHaveLength(32);
    expect(indexKey).toHaveLength(32);
    expect(fieldKey.equals(indexKey)).toBe(false);
    expect(fieldKey.equals(dataKey)).toBe(false);
    expect(indexKey.equals(dataKey)).toBe(false);
  });

  it('is stable: the same data key, organization and label always give the same subkey', () => {
    const dataKey = randomBytes(32);
    const first = deriveBuyerPiiSubkeys(dataKey, ORG_A);
    const second = deriveBuyerPiiSubkeys(Buffer.from(dataKey), ORG_A);
    expect(first.fieldKey.equals(second.fieldKey)).toBe(true);
    expect(first.indexKey.equals(second.indexKey)).toBe(true);
  });

  it('is RFC 5869 HKDF-SHA256 with salt = organization id and info = the label (a fixed vector)', () => {
    const dataKey = Buffer.alloc(32, 0x0b);
    const expected = (info: string) => Buffer.from(hkdfSync('sha256', dataKey, ORG_A, info, 32));
    // Extract-then-expand by hand: PRK = HMAC(salt, IKM); T(1) = HMAC(PRK, info || 0x01).
    const prk = createHmac('sha256', ORG_A).update(dataKey).digest();
    const t1 = (info: string) =>
      createHmac('sha256', prk)
        .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
        .digest();
    const { fieldKey, indexKey } = deriveBuyerPiiSubkeys(dataKey, ORG_A);
    expect(fieldKey.equals(expected(BUYER_PII_FIELD_ENCRYPTION_INFO))).toBe(true);
    expect(fieldKey.equals(t1(BUYER_PII_FIELD_ENCRYPTION_INFO))).toBe(true);
    expect(indexKey.equals(t1(BUYER_PII_BLIND_INDEX_INFO))).toBe(true);
    // Pinned, so a change to the derivation cannot go unnoticed (stored data depends on it).
    expect(fieldKey.toString('hex')).toBe('93c7d223db69e044ca62875696f538e44d21f14c1e876a1d315123fac15ce476');
    expect(indexKey.toString('hex')).toBe('882cb92448d00f80a5fb38ea0a5dce4335144aee85f168367c4b417ea56d346f');
  });

  it('differs per organization (salt) and per data key', () => {
    const dataKey = randomBytes(32);
    const a = deriveBuyerPiiSubkeys(dataKey, ORG_A);
    const b = deriveBuyerPiiSubkeys(dataKey, ORG_B);
    const other = deriveBuyerPiiSubkeys(randomBytes(32), ORG_A);
    expect(a.fieldKey.equals(b.fieldKey)).toBe(false);
    expect(a.indexKey.equals(b.indexKey)).toBe(false);
    expect(a.fieldKey.equals(other.fieldKey)).toBe(false);
  });

  it('refuses a data key that is not 32 bytes and an empty organization id', () => {
    expect(() => deriveSubkey(randomBytes(16), ORG_A, BUYER_PII_FIELD_ENCRYPTION_INFO)).toThrow(TypeError);
    expect(() => deriveSubkey(randomBytes(32), '', BUYER_PII_FIELD_ENCRYPTION_INFO)).toThrow(TypeError);
  });
});

describe('withBuyerPiiSubkeys', () => {
  /** A TenantKeys over a fake provider that counts unwraps (one per version, thanks to the cache). */
  function setup() {
    const plaintexts = new Map<number, Buffer>([
      [1, randomBytes(32)],
      [2, randomBytes(32)],
    ]);
    let unwraps = 0;
    const provider: KeyProvider = {
      kind: 'local',
      keyId: 'test',
      generateDataKey: () => Promise.reject(new Error('not used')),
      unwrap: (wrapped) => {
        unwraps += 1;
        return Promise.resolve(Buffer.from(plaintexts.get(wrapped.readUInt8(0))!));
      },
      rewrap: () => Promise.reject(new Error('not used')),
    };
    const keys = new TenantKeys({ provider, ttlMs: 60_000 });
    const row = (version: number): DataKeyRow => ({
      id: `key-${version}`,
      organizationId: ORG_A,
      purpose: 'buyer-pii',
      version,
      status: version === 2 ? 'ACTIVE' : 'DECRYPT_ONLY',
      wrappedKey: Buffer.from([version]),
      kmsKeyId: 'test',
    });
    return { keys, row, plaintexts, unwraps: () => unwraps };
  }

  it('resolves each version’s subkeys from its cached data key (one unwrap per version) and zeroises them after', async () => {
    const { keys, row, plaintexts, unwraps } = setup();
    const seen: BuyerPiiSubkeys[] = [];
    await withBuyerPiiSubkeys(keys, [row(1), row(2), row(2)], (resolve) => {
      const one = resolve(1)!;
      const two = resolve(2)!;
      expect(resolve(1)).toBe(one); // derived once per call
      expect(resolve(3)).toBeUndefined();
      expect(one.fieldKey.equals(deriveBuyerPiiSubkeys(plaintexts.get(1)!, ORG_A).fieldKey)).toBe(true);
      expect(two.indexKey.equals(deriveBuyerPiiSubkeys(plaintexts.get(2)!, ORG_A).indexKey)).toBe(true);
      expect(one.fieldKey.equals(two.fieldKey)).toBe(false);
      seen.push(one, two);
    });
    await withBuyerPiiSubkeysOf(keys, row(2), (subkeys) => {
      expect(subkeys.fieldKey.equals(deriveBuyerPiiSubkeys(plaintexts.get(2)!, ORG_A).fieldKey)).toBe(true);
    });
    expect(unwraps()).toBe(2);
    for (const subkeys of seen) {
      expect(subkeys.fieldKey.every((b) => b === 0)).toBe(true);
      expect(subkeys.indexKey.every((b) => b === 0)).toBe(true);
    }
    keys.close();
  });

  it('refuses a key row of another purpose', async () => {
    const { keys, row } = setup();
    await expect(
      withBuyerPiiSubkeys(keys, [{ ...row(1), purpose: 'credentials' }], () => undefined),
    ).rejects.toBeInstanceOf(TypeError);
    keys.close();
  });
});
