// Encrypting and decrypting one vault row's fields (the field codec applied to `pii_records`).
// Every field's AAD names the organization, `pii_records.<column>` and the row id, so a ciphertext
// copied to another row, column or tenant fails to decrypt.
import { blindIndexEmail, blindIndexPhone, blindIndexPostcode } from '../crypto/blind-index.ts';
import { decryptField, encryptField, type FieldKeyResolver } from '../crypto/field-codec.ts';
import { asBuffer } from '../crypto/tenant-keys.ts';
import { PII_FIELDS, PII_TABLE, type TPiiColumn, type TPiiField } from './schemas.ts';

/** A vault row as read by raw SQL (snake_case columns, bytea as Uint8Array). */
export interface PiiRow {
  id: string;
  owner_type: string;
  owner_id: string;
  key_version: number;
  country_code: string | null;
  blind_index_key_version: number | null;
  anonymised_at: Date | null;
  name: Uint8Array | null;
  address_line1: Uint8Array | null;
  address_line2: Uint8Array | null;
  address_line3: Uint8Array | null;
  city: Uint8Array | null;
  region: Uint8Array | null;
  postcode: Uint8Array | null;
  phone: Uint8Array | null;
  email: Uint8Array | null;
}

/** Every column of a vault row, for SELECT lists. */
export const PII_ROW_COLUMNS = `id, owner_type, owner_id, key_version, country_code, blind_index_key_version,
  anonymised_at, ${PII_FIELDS.map((f) => f.column).join(', ')}`;

export type PlainFields = Partial<Record<TPiiField, string | null>>;
export type EncryptedColumns = Record<TPiiColumn, Buffer | null>;

export interface BlindIndexes {
  email_index: Buffer | null;
  phone_index: Buffer | null;
  postcode_index: Buffer | null;
}

/** Encrypts every present field of one row under `key` (version `keyVersion`). */
export function encryptPiiFields(
  key: Buffer,
  keyVersion: number,
  organizationId: string,
  rowId: string,
  fields: PlainFields,
): EncryptedColumns {
  const out = {} as EncryptedColumns;
  for (const { field, column } of PII_FIELDS) {
    const value = fields[field];
    out[column] =
      value === null || value === undefined
        ? null
        : encryptField(key, keyVersion, { organizationId, table: PII_TABLE, column, rowId }, value);
  }
  return out;
}

/** Decrypts the listed fields of a row; absent ciphertexts come back as null. */
export function decryptPiiFields(
  resolve: FieldKeyResolver,
  organizationId: string,
  row: PiiRow,
  fields: readonly TPiiField[],
): PlainFields {
  const out: PlainFields = {};
  for (const { field, column } of PII_FIELDS) {
    if (!fields.includes(field)) continue;
    const blob = row[column];
    out[field] = blob
      ? decryptField(resolve, { organizationId, table: PII_TABLE, column, rowId: row.id }, asBuffer(blob))
      : null;
  }
  return out;
}

/** The blind indexes of a row's email, phone and postcode under the organization's blind-index key. */
export function blindIndexesOf(key: Buffer, fields: PlainFields): BlindIndexes {
  return {
    email_index: fields.email ? blindIndexEmail(key, fields.email) : null,
    phone_index: fields.phone ? blindIndexPhone(key, fields.phone) : null,
    postcode_index: fields.postcode ? blindIndexPostcode(key, fields.postcode) : null,
  };
}

export const hasAnyIndex = (indexes: BlindIndexes) =>
  indexes.email_index !== null || indexes.phone_index !== null || indexes.postcode_index !== null;

/** Fields that hold a ciphertext in this row. */
export function presentFields(row: PiiRow): TPiiField[] {
  return PII_FIELDS.filter(({ column }) => row[column] !== null).map(({ field }) => field);
}

/**
 * Binary values as a hex text array for a set-based statement (`unnest(${…}::text[])`, then
 * `decode(…, 'hex')`): a bytea[] parameter whose first element is null is not sent as bytea by
 * the driver adapter, and its buffers would be stored as their base64 text.
 */
export function hexArray(values: readonly (Uint8Array | null | undefined)[]): (string | null)[] {
  return values.map((v) => (v ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') : null));
}
