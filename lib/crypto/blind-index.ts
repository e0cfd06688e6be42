// Blind index (ARCHITECTURE.md §4): HMAC-SHA256 under a per-organization key (the blind-index
// subkey HKDF-derived from the organization's buyer-pii data key, buyer-pii-keys.ts — never the
// field-encryption subkey or the data key itself) over a normalised value, so a data-subject
// request can find a buyer's orders by email/phone/postcode without decrypting every row.
//
// Output: the first 16 bytes (128 bits) of the HMAC. Truncating an HMAC is standard (RFC 2104 §5
// allows keeping at least half the output); 128 bits keeps accidental collisions negligible
// (birthday bound ~2^64 values per organization, far beyond any tenant) while halving the index
// size. A rare collision would only add a candidate row that the caller then decrypts and checks.
//
// What it leaks, by design: equal values in one organization have equal indexes. Different
// organizations use different keys, so indexes cannot be joined across tenants. Low-entropy inputs
// (postcodes, phone numbers) are brute-forceable by anyone holding the organization's HMAC key, so
// that key is only ever derived in memory from the KMS-wrapped buyer-pii data key.
//
// Each kind is domain-separated (`email:`/`phone:`/`postcode:` prefix), so the same string indexed
// as two kinds gives unrelated outputs.
import { createHmac } from 'node:crypto';

export type TBlindIndexKind = 'email' | 'phone' | 'postcode';

/** Length of a blind index in bytes. */
export const BLIND_INDEX_BYTES = 16;

/**
 * Email: Unicode NFC, trimmed, lower-cased.
 *
 * Plus-tags (`ann+shop@…`) and dots (`a.nn@…`) are deliberately kept. Whether they matter is a
 * per-provider rule (Gmail ignores dots and `+tags`; most providers treat `a.nn` and `ann` as
 * different mailboxes, some use `-` for tags), so stripping them would merge distinct people's
 * addresses. For a data-subject request a false match is a data leak (another person's orders
 * exported), while a miss is recoverable (the operator searches the variant the requester names).
 * Lower-casing the local part is technically not RFC 5321 but matches how every mainstream
 * provider delivers mail, and buyers type their address in any case.
 */
export function normaliseEmail(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

/**
 * Phone: NFKC (full-width digits become ASCII), then digits only, keeping a leading `+`
 * (E.164-ish: `+44 20 7946-0000` → `+442079460000`). No country inference: `020…` and `+4420…`
 * stay different, because guessing a country could merge different people's numbers.
 */
export function normalisePhone(value: string): string {
  const text = value.normalize('NFKC').trim();
  const digits = text.replace(/\D+/g, '');
  if (digits.length === 0) return '';
  return text.startsWith('+') ? `+${digits}` : digits;
}

/** Postcode: NFKC, upper-case, all whitespace removed (`sw1a 1aa` → `SW1A1AA`). Hyphens stay. */
export function normalisePostcode(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
}

const NORMALISERS: Record<TBlindIndexKind, (value: string) => string> = {
  email: normaliseEmail,
  phone: normalisePhone,
  postcode: normalisePostcode,
};

/**
 * The blind index of `value` as `kind`, or null when the value normalises to nothing (an empty
 * input must not index: every empty value would share one index).
 */
export function blindIndex(key: Buffer, kind: TBlindIndexKind, value: string): Buffer | null {
  if (!Buffer.isBuffer(key) || key.length < 32)
    throw new TypeError('blind-index key must be a Buffer of >= 32 bytes');
  const normalise = NORMALISERS[kind];
  if (!normalise) throw new TypeError(`unknown blind index kind: ${String(kind)}`);
  const normalised = normalise(value);
  if (normalised.length === 0) return null;
  return createHmac('sha256', key)
    .update(`${kind}:`, 'utf8')
    .update(normalised, 'utf8')
    .digest()
    .subarray(0, BLIND_INDEX_BYTES);
}

export const blindIndexEmail = (key: Buffer, value: string) => blindIndex(key, 'email', value);
export const blindIndexPhone = (key: Buffer, value: string) => blindIndex(key, 'phone', value);
export const blindIndexPostcode = (key: Buffer, value: string) => blindIndex(key, 'postcode', value);
