import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, type TDecryptionFailure } from './errors.ts';
import {
  decryptField,
  encryptField,
  FIELD_FORMAT_V1,
  FIELD_OVERHEAD_BYTES,
  readFieldKeyVersion,
  type FieldAad,
} from './field-codec.ts';

const key1 = randomBytes(32);
const key2 = randomBytes(32);
const aad: FieldAad = {
  organizationId: '0190f5c2-6a55-7c1e-9a0b-111111111111',
  table: 'orders',
  column: 'buyer_email',
  rowId: '0190f5c2-6a55-7c1e-9a0b-222222222222',
};

function failure(fn: () => unknown): DecryptionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecryptionError);
    return error as DecryptionError;
  }
  throw new Error('expected a DecryptionError');
}

const reason = (fn: () => unknown): TDecryptionFailure => failure(fn).reason;

describe('field codec', () => {
  it('round-trips ASCII, Unicode, empty and long values', () => {
    for (const value of ['ann@example.com', 'Zoë Ångström 山田 🙂', '', 'x'.repeat(10_000)]) {
      const blob = encryptField(key1, 7, aad, value);
      expect(blob).toHaveLength(FIELD_OVERHEAD_BYTES + Buffer.byteLength(value));
      expect(decryptField(key1, aad, blob)).toBe(value);
    }
  });

  it('writes the self-describing header: format version, key version, random iv', () => {
    const a = encryptField(key1, 0xfeed_beef, aad, 'same');
    const b = encryptField(key1, 0xfeed_beef, aad, 'same');
    expect(a[0]).toBe(FIELD_FORMAT_V1);
    expect(a.readUInt32BE(1)).toBe(0xfeed_beef);
    expect(readFieldKeyVersion(a)).toBe(0xfeed_beef);
    expect(a.subarray(5, 17).equals(b.subarray(5, 17))).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('same'))).toBe(false);
  });

  it('accepts a Uint8Array (bytea as Prisma returns it)', () => {
    const blob = encryptField(key1, 1, aad, 'hello');
    expect(decryptField(key1, aad, new Uint8Array(blob))).toBe('hello');
  });

  it('detects one flipped bit anywhere in the value', () => {
    const blob = encryptField(key1, 3, aad, 'ann@example.com');
    for (let byte = 0; byte < blob.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const tampered = Buffer.from(blob);
        tampered[byte]! ^= 1 << bit;
        const expected: TDecryptionFailure = byte === 0 ? 'UNKNOWN_FORMAT' : 'AUTHENTICATION_FAILED';
        expect(reason(() => decryptField(key1, aad, tampered))).toBe(expected);
      }
    }
  });

  it('refuses a value moved to another row, column, table or tenant', () => {
    const blob = encryptField(key1, 1, aad, 'ann@example.com');
    const swaps: FieldAad[] = [
      { ...aad, rowId: '0190f5c2-6a55-7c1e-9a0b-333333333333' },
      { ...aad, column: 'buyer_phone' },
      { ...aad, table: 'returns' },
      { ...aad, organizationId: '0190f5c2-6a55-7c1e-9a0b-444444444444' },
    ];
    for (const other of swaps)
      expect(reason(() => decryptField(key1, other, blob))).toBe('AUTHENTICATION_FAILED');
  });

  it('binds the key version: a wrong key or an edited version fails, an unknown version is named', () => {
    const blob = encryptField(key1, 1, aad, 'secret');
    const keys = new Map([
      [1, key1],
      [2, key2],
    ]);
    const resolver = (v: number) => keys.get(v);
    expect(decryptField(resolver, aad, blob)).toBe('secret');

    // Decrypting with another version's key.
    expect(reason(() => decryptField(key2, aad, blob))).toBe('AUTHENTICATION_FAILED');
    // The header edited to claim version 2 (whose key the resolver has): the version is in the AAD.
    const relabelled = Buffer.from(blob);
    relabelled.writeUInt32BE(2, 1);
    expect(reason(() => decryptField(resolver, aad, relabelled))).toBe('AUTHENTICATION_FAILED');
    // Even with the right key, a relabelled version fails.
    expect(reason(() => decryptField(key1, aad, relabelled))).toBe('AUTHENTICATION_FAILED');
    // A version the resolver does not know.
    const v9 = encryptField(key1, 9, aad, 'secret');
    expect(reason(() => decryptField(resolver, aad, v9))).toBe('UNKNOWN_KEY_VERSION');
  });

  it('refuses unknown formats and truncated values', () => {
    const blob = encryptField(key1, 1, aad, 'secret');
    const v2 = Buffer.from(blob);
    v2[0] = 0x02;
    expect(reason(() => decryptField(key1, aad, v2))).toBe('UNKNOWN_FORMAT');
    expect(reason(() => decryptField(key1, aad, Buffer.alloc(0)))).toBe('UNKNOWN_FORMAT');
    expect(reason(() => decryptField(key1, aad, Buffer.from('plain text, never encrypted')))).toBe(
      'UNKNOWN_FORMAT',
    );
    expect(reason(() => decryptField(key1, aad, blob.subarray(0, FIELD_OVERHEAD_BYTES - 1)))).toBe(
      'TRUNCATED',
    );
    // Cut inside the ciphertext: the tag no longer matches.
    expect(reason(() => decryptField(key1, aad, blob.subarray(0, blob.length - 1)))).toBe(
      'AUTHENTICATION_FAILED',
    );
  });

  it('never puts the plaintext in an error', () => {
    const blob = encryptField(key1, 1, aad, 'CANARY-7f3a@example.com');
    const error = failure(() => decryptField(key2, aad, blob));
    expect(`${error.message} ${error.stack ?? ''}`).not.toContain('CANARY');
  });

  it('rejects ambiguous AAD parts, bad keys and bad versions', () => {
    expect(() => encryptField(key1, 1, { ...aad, organizationId: 'a|b' }, 'x')).toThrow(TypeError);
    expect(() => encryptField(key1, 1, { ...aad, rowId: 'r|1' }, 'x')).toThrow(TypeError);
    expect(() => encryptField(key1, 1, { ...aad, table: 'orders.buyer' }, 'x')).toThrow(TypeError);
    expect(() => encryptField(key1, 1, { ...aad, rowId: '' }, 'x')).toThrow(TypeError);
    expect(() => encryptField(randomBytes(16), 1, aad, 'x')).toThrow(TypeError);
    expect(() => encryptField(key1, -1, aad, 'x')).toThrow(RangeError);
    expect(() => encryptField(key1, 2 ** 32, aad, 'x')).toThrow(RangeError);
    expect(() => encryptField(key1, 1.5, aad, 'x')).toThrow(RangeError);
  });
});
