// Label files print the recipient's name and address, so they are stored like the vault's
// fields: AES-256-GCM under the field subkey of the organization's buyer-pii data key
// (lib/crypto/buyer-pii-keys.ts), with the field codec (lib/crypto/field-codec.ts) over the file's
// base64 and AAD = organization | shipment_labels.content | label row id. The files are deleted
// with the order's PII (trigger shipment_labels_purge_anonymised). Decrypting one is a reprint:
// the caller audits it.
import { withBuyerPiiSubkeys, withBuyerPiiSubkeysOf } from '../crypto/buyer-pii-keys.ts';
import { decryptField, encryptField, type FieldAad } from '../crypto/field-codec.ts';
import type { DataKeyRow, TenantKeys } from '../crypto/tenant-keys.ts';
import { DataKeyUnavailableError } from '../crypto/errors.ts';

const aad = (organizationId: string, rowId: string): FieldAad => ({
  organizationId,
  table: 'shipment_labels',
  column: 'content',
  rowId,
});

/** Encrypts one label file for the row `rowId` under `keyRow` (the ACTIVE buyer-pii key). */
export function encryptLabel(
  keys: TenantKeys,
  keyRow: DataKeyRow,
  rowId: string,
  file: Uint8Array,
): Promise<Buffer> {
  return withBuyerPiiSubkeysOf(keys, keyRow, ({ fieldKey }) =>
    encryptField(
      fieldKey,
      keyRow.version,
      aad(keyRow.organizationId, rowId),
      Buffer.from(file).toString('base64'),
    ),
  );
}

/**
 * Decrypts a stored label file with the key rows read in the tenant transaction
 * (TenantKeys.findUsableKeys); call it after that transaction, so a KMS Decrypt on a cold cache
 * never holds a database connection.
 */
export function decryptLabel(
  keys: TenantKeys,
  keyRows: ReadonlyMap<number, DataKeyRow>,
  organizationId: string,
  label: { id: string; keyVersion: number; content: Uint8Array },
): Promise<Buffer> {
  const row = keyRows.get(label.keyVersion);
  if (!row) throw new DataKeyUnavailableError(`the data key of label ${label.id} no longer exists`);
  return withBuyerPiiSubkeys(keys, [row], (resolve) => {
    const base64 = decryptField(
      (version) => (version === label.keyVersion ? resolve(version)?.fieldKey : undefined),
      aad(organizationId, label.id),
      label.content,
    );
    return Buffer.from(base64, 'base64');
  });
}
