// Where each purpose's key version is recorded: the columns the re-encryption job brings up to
// the ACTIVE version and that decide when an old version is unused (retire-unused-data-keys.ts).
// Adding a table encrypted under a purpose means adding it here.
import type { TDataKeyPurpose } from './key-provider.ts';

export interface DataKeyUsage {
  /** SQL table (a tenant table with organization_id). */
  table: 'pii_records' | 'credentials' | 'shipment_labels' | 'return_authorizations' | 'return_receipts';
  /** Integer column holding the key version of the row's ciphertexts (or indexes). */
  versionColumn: 'key_version' | 'blind_index_key_version' | 'note_key_version';
  /**
   * Rows that can hold ciphertext under `versionColumn`; others name a version but use none. An
   * erased vault row keeps its (NOT NULL) key_version with every encrypted column NULL, and is
   * left out of the partial index pii_records_live_key_version, so lookups must say so too.
   */
  liveCondition?: 'anonymised_at IS NULL';
}

export const DATA_KEY_USAGE: Readonly<Record<TDataKeyPurpose, readonly DataKeyUsage[]>> = {
  // The vault's fields and its blind indexes both use subkeys of the buyer-pii key
  // (buyer-pii-keys.ts): a version is in use while any row's fields or indexes name it (an
  // anonymised row has neither: its fields and indexes are NULL).
  'buyer-pii': [
    { table: 'pii_records', versionColumn: 'key_version', liveCondition: 'anonymised_at IS NULL' },
    { table: 'pii_records', versionColumn: 'blind_index_key_version' },
    // Label files (lib/shipping/label-vault.ts) are not re-encrypted: they live until the order's
    // PII is anonymised, and keep the version they were written under readable until then.
    { table: 'shipment_labels', versionColumn: 'key_version' },
    // Return notes (lib/returns/return-notes.ts) likewise: erased with the order's PII.
    { table: 'return_authorizations', versionColumn: 'note_key_version' },
    { table: 'return_receipts', versionColumn: 'note_key_version' },
  ],
  credentials: [{ table: 'credentials', versionColumn: 'key_version' }],
};
