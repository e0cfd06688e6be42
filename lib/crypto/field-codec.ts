// Field codec: AES-256-GCM for one column value (ARCHITECTURE.md §4), stored as bytea.
//
// Serialisation (format version 1), 33 bytes of overhead:
//   offset 0   format version   u8     (0x01)
//   offset 1   key version      u32 BE (the organization's data-key version)
//   offset 5   iv               12 bytes, random per value
//   offset 17  ciphertext       n bytes (utf8 plaintext length)
//   end - 16   tag              16 bytes
//
// AAD = utf8 `<format>|<keyVersion>|organizationId|table.column|rowId` (e.g.
// `1|3|org…|orders.buyer_email|row…`): the header's values are authenticated, so a value copied
// to another row, column or tenant fails, and so does an edited key version or format byte.
// Parts may not contain `|` (or `.` in table/column), so the AAD string is unambiguous. (Decimal
// text rather than the raw header bytes: one string → one Buffer, the cheapest AAD to build.)
//
// Hot path (a page of rows, the re-encryption job): one buffer for the output, one for the AAD,
// views (subarray) instead of copies when parsing, no per-call closures. IVs come from a pool of
// CSPRNG bytes refilled 341 IVs at a time (one randomFillSync call costs about as much as the
// AES-GCM of a short field); every IV is taken once, never reused, exactly as random as before.
// (Node batches randomUUID's entropy the same way.)
import { createCipheriv, createDecipheriv, randomFillSync } from 'node:crypto';
import { DecryptionError } from './errors.ts';

export const FIELD_FORMAT_V1 = 0x01;
const HEADER_BYTES = 5;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const PREFIX_BYTES = HEADER_BYTES + IV_BYTES;
/** Bytes a value grows by when encrypted. */
export const FIELD_OVERHEAD_BYTES = PREFIX_BYTES + TAG_BYTES;
const ALGORITHM = 'aes-256-gcm';
const GCM_OPTIONS = { authTagLength: TAG_BYTES } as const;

const IV_POOL_BYTES = IV_BYTES * 341;
const ivPool = Buffer.allocUnsafeSlow(IV_POOL_BYTES);
let ivPoolOffset = IV_POOL_BYTES;

/** Writes a fresh random 96-bit IV into `target` at `offset`. */
function writeRandomIv(target: Buffer, offset: number): void {
  if (ivPoolOffset === IV_POOL_BYTES) {
    randomFillSync(ivPool);
    ivPoolOffset = 0;
  }
  ivPool.copy(target, offset, ivPoolOffset, ivPoolOffset + IV_BYTES);
  ivPool.fill(0, ivPoolOffset, ivPoolOffset + IV_BYTES);
  ivPoolOffset += IV_BYTES;
}

/** Where a value lives; bound into the ciphertext as AAD. */
export interface FieldAad {
  organizationId: string;
  /** SQL table name, e.g. `orders`. */
  table: string;
  /** SQL column name, e.g. `buyer_email`. */
  column: string;
  /** Primary key of the row. */
  rowId: string;
}

/** Looks a data key up by version (e.g. from keys already unwrapped for this organization). */
export type FieldKeyResolver = (keyVersion: number) => Buffer | undefined;

/**
 * Encrypts `plaintext` for the row/column/tenant named by `aad` under `key` (32 bytes),
 * recording `keyVersion` (uint32) in the header.
 */
export function encryptField(key: Buffer, keyVersion: number, aad: FieldAad, plaintext: string): Buffer {
  checkKey(key);
  if (!Number.isInteger(keyVersion) || keyVersion < 0 || keyVersion > 0xffff_ffff) {
    throw new RangeError('keyVersion must be a uint32');
  }
  if (typeof plaintext !== 'string') throw new TypeError('plaintext must be a string');

  const ptLength = Buffer.byteLength(plaintext, 'utf8');
  const out = Buffer.allocUnsafe(PREFIX_BYTES + ptLength + TAG_BYTES);
  out[0] = FIELD_FORMAT_V1;
  out.writeUInt32BE(keyVersion, 1);
  writeRandomIv(out, HEADER_BYTES);
  // The plaintext is written straight into the output and encrypted from there; the cipher's
  // output then overwrites it in place (same length for GCM), so no plaintext copy survives.
  out.write(plaintext, PREFIX_BYTES, ptLength, 'utf8');
  const body = out.subarray(PREFIX_BYTES, PREFIX_BYTES + ptLength);

  const cipher = createCipheriv(ALGORITHM, key, out.subarray(HEADER_BYTES, PREFIX_BYTES), GCM_OPTIONS);
  cipher.setAAD(aadBytes(keyVersion, aad));
  const ciphertext = cipher.update(body);
  ciphertext.copy(out, PREFIX_BYTES);
  cipher.final();
  cipher.getAuthTag().copy(out, PREFIX_BYTES + ptLength);
  return out;
}

/**
 * Decrypts a value written by encryptField. `keyOrResolver` is the data key itself, or a
 * resolver called with the key version from the header. Throws DecryptionError on an unknown
 * format, a truncated value, an unknown key version, or any authentication failure (tampering,
 * another row/column/tenant, the wrong key).
 */
export function decryptField(
  keyOrResolver: Buffer | FieldKeyResolver,
  aad: FieldAad,
  blob: Buffer | Uint8Array,
): string {
  const view = asBuffer(blob);
  const keyVersion = readFieldKeyVersion(view);

  let key: Buffer | undefined;
  if (typeof keyOrResolver === 'function') {
    key = keyOrResolver(keyVersion);
    if (!key) {
      throw new DecryptionError('UNKNOWN_KEY_VERSION', `no data key for key version ${keyVersion}`);
    }
  } else {
    key = keyOrResolver;
  }
  checkKey(key);

  const tagStart = view.length - TAG_BYTES;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, view.subarray(HEADER_BYTES, PREFIX_BYTES), GCM_OPTIONS);
    decipher.setAAD(aadBytes(keyVersion, aad));
    decipher.setAuthTag(view.subarray(tagStart));
    const plaintext = decipher.update(view.subarray(PREFIX_BYTES, tagStart));
    decipher.final();
    return plaintext.toString('utf8');
  } catch {
    throw new DecryptionError('AUTHENTICATION_FAILED', 'encrypted field failed authentication');
  }
}

/** The key version in an encrypted value's header (to fetch the right key before decrypting). */
export function readFieldKeyVersion(blob: Buffer | Uint8Array): number {
  const view = asBuffer(blob);
  if (view.length === 0 || view[0] !== FIELD_FORMAT_V1) {
    throw new DecryptionError('UNKNOWN_FORMAT', 'encrypted field has an unknown format');
  }
  if (view.length < FIELD_OVERHEAD_BYTES)
    throw new DecryptionError('TRUNCATED', 'encrypted field is truncated');
  return view.readUInt32BE(1);
}

/** bytea may arrive as a Buffer (pg) or a Uint8Array (Prisma): view it without copying. */
function asBuffer(blob: Buffer | Uint8Array): Buffer {
  if (Buffer.isBuffer(blob)) return blob;
  if (blob instanceof Uint8Array) return Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  throw new TypeError('encrypted field must be a Buffer or Uint8Array');
}

function checkKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length !== KEY_BYTES)
    throw new TypeError('data key must be a 32-byte Buffer');
}

/** utf8 `1|keyVersion|organizationId|table.column|rowId`. */
function aadBytes(keyVersion: number, aad: FieldAad): Buffer {
  const { organizationId, table, column, rowId } = aad;
  if (
    typeof organizationId !== 'string' ||
    typeof table !== 'string' ||
    typeof column !== 'string' ||
    typeof rowId !== 'string' ||
    organizationId.length === 0 ||
    table.length === 0 ||
    column.length === 0 ||
    rowId.length === 0 ||
    organizationId.includes('|') ||
    rowId.includes('|') ||
    table.includes('|') ||
    column.includes('|') ||
    table.includes('.') ||
    column.includes('.')
  ) {
    throw new TypeError('field AAD parts must be non-empty; no "|" anywhere, no "." in table or column');
  }
  return Buffer.from(
    `${FIELD_FORMAT_V1}|${keyVersion}|${organizationId}|${table}.${column}|${rowId}`,
    'utf8',
  );
}
