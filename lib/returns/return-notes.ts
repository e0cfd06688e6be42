// Return notes (the RMA's reason note, a receipt's note) are free text staff type while talking
// to the buyer, so they can hold the buyer's name, address or phone. They are stored like the
// order's other buyer data: AES-256-GCM under the field subkey of the organization's buyer-pii
// data key (lib/crypto/buyer-pii-keys.ts), field codec with AAD = organization | table.column |
// row id, the key version beside them. They are erased with the order's PII (trigger
// return_notes_purge_anonymised: retention anonymiser, DSR erasure), destroyed with the keys on
// termination, and exported with the buyer's data (lib/privacy/dsr.ts).
import { withBuyerPiiSubkeys, withBuyerPiiSubkeysOf } from '../crypto/buyer-pii-keys.ts';
import { decryptField, encryptField, type FieldAad } from '../crypto/field-codec.ts';
import { tenantKeys, type DataKeyRow } from '../crypto/tenant-keys.ts';
import type { TenantTx } from '../db/tenant.ts';

export type ReturnNoteColumn =
  | { table: 'return_authorizations'; column: 'reason_note_enc' }
  | { table: 'return_receipts'; column: 'note_enc' };

export const RMA_NOTE: ReturnNoteColumn = { table: 'return_authorizations', column: 'reason_note_enc' };
export const RECEIPT_NOTE: ReturnNoteColumn = { table: 'return_receipts', column: 'note_enc' };

const aad = (organizationId: string, where: ReturnNoteColumn, rowId: string): FieldAad => ({
  organizationId,
  table: where.table,
  column: where.column,
  rowId,
});

/** Makes sure the organization has a buyer-pii key; call before the transaction that seals. */
export const prepareReturnNoteKey = (organizationId: string): Promise<unknown> =>
  tenantKeys().prepareActiveKey(organizationId, 'buyer-pii');

/**
 * Inside the tenant transaction that writes row `rowId`: the note encrypted under the ACTIVE
 * buyer-pii key (locked FOR SHARE), or nulls when there is no note.
 */
export async function sealReturnNote(
  tx: TenantTx,
  organizationId: string,
  where: ReturnNoteColumn,
  rowId: string,
  note: string | undefined,
): Promise<{ enc: Uint8Array<ArrayBuffer> | null; noteKeyVersion: number | null }> {
  if (!note) return { enc: null, noteKeyVersion: null };
  const keys = tenantKeys();
  const keyRow = await keys.lockActiveKey(tx, organizationId, 'buyer-pii');
  const sealed = await withBuyerPiiSubkeysOf(keys, keyRow, ({ fieldKey }) =>
    encryptField(fieldKey, keyRow.version, aad(organizationId, where, rowId), note),
  );
  return { enc: new Uint8Array(sealed), noteKeyVersion: keyRow.version };
}

export interface SealedNote {
  rowId: string;
  where: ReturnNoteColumn;
  enc: Uint8Array | null;
  noteKeyVersion: number | null;
}

/** The sealed notes of an RMA and its receipts, as read from the two tables. */
export function sealedNotesOf(rma: {
  id: string;
  reasonNoteEnc: Uint8Array | null;
  noteKeyVersion: number | null;
  receipts: readonly { id: string; noteEnc: Uint8Array | null; noteKeyVersion: number | null }[];
}): SealedNote[] {
  return [
    { rowId: rma.id, where: RMA_NOTE, enc: rma.reasonNoteEnc, noteKeyVersion: rma.noteKeyVersion },
    ...rma.receipts.map((r) => ({
      rowId: r.id,
      where: RECEIPT_NOTE,
      enc: r.noteEnc,
      noteKeyVersion: r.noteKeyVersion,
    })),
  ];
}

/** Inside a tenant transaction: the key rows the notes need (decrypt after the transaction). */
export function noteKeys(tx: TenantTx, organizationId: string, notes: readonly SealedNote[]) {
  const versions = notes.flatMap((n) => (n.enc && n.noteKeyVersion !== null ? [n.noteKeyVersion] : []));
  return tenantKeys().findUsableKeys(tx, organizationId, 'buyer-pii', versions);
}

/**
 * The notes in plaintext by row id (null for no note, an erased one, or one whose key is gone).
 * Called after the transaction that read them, so a KMS Decrypt never holds a connection.
 */
export async function openReturnNotes(
  organizationId: string,
  keyRows: ReadonlyMap<number, DataKeyRow>,
  notes: readonly SealedNote[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>(notes.map((n) => [n.rowId, null]));
  const readable = notes.filter((n) => n.enc && n.noteKeyVersion !== null && keyRows.has(n.noteKeyVersion));
  if (readable.length === 0) return out;
  await withBuyerPiiSubkeys(
    tenantKeys(),
    [...keyRows.values()],
    (resolve) => {
      for (const n of readable) {
        out.set(
          n.rowId,
          decryptField(
            (version) => (version === n.noteKeyVersion ? resolve(version)?.fieldKey : undefined),
            aad(organizationId, n.where, n.rowId),
            n.enc!,
          ),
        );
      }
    },
    readable.length,
  );
  return out;
}
