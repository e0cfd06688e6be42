// The evidence's encryption check (docs/decisions/0011-evidence-that-can-fail.md). Not a count of
// a NOT NULL column: it looks at the data.
//  1. Every vault PII column is bytea (catalog).
//  2. Every live value carries the field codec's header with its row's key version (all live rows,
//     one set-based query): a plaintext written as bytes, or a value of another version, fails.
//  3. A random sample of live records decrypts with the organization's key, and every field of it
//     is refused under another key and under another organization's context (AAD).
//  4. The sampled buyers' values (name, email, phone, first address line) appear in none of the
//     free-text columns outside the vault that staff write (hold reasons, return notes).
// Decrypted values stay inside this function (compared, then dropped); only counts leave it. The
// sample is neither audited as a read nor rate-limited: no person sees the data. Canary and
// restricted records are never sampled.
import { randomBytes, randomUUID } from 'node:crypto';
import { Prisma } from '../db/generated/prisma/client.ts';
import { withBuyerPiiSubkeys } from '../crypto/buyer-pii-keys.ts';
import { DecryptionError } from '../crypto/errors.ts';
import { tenantKeys } from '../crypto/tenant-keys.ts';
import type { TenantTx } from '../db/tenant.ts';
import { decryptPiiFields, PII_ROW_COLUMNS, presentFields, type PiiRow } from '../pii/pii-record-codec.ts';
import { PII_FIELDS, PII_TABLE } from '../pii/schemas.ts';

export const VAULT_SAMPLE_SIZE = 20;
/** Field codec v1: format byte, u32 key version, 12-byte IV, 16-byte tag (lib/crypto/field-codec.ts). */
const MIN_CIPHERTEXT_BYTES = 33;
/** Values shorter than this are too common to mean anything when found in free text. */
const MIN_SEARCH_LENGTH = 6;
/** Free-text columns outside the vault that staff write about an order (table, column; constants). */
const FREE_TEXT_COLUMNS: readonly (readonly [string, string])[] = [
  ['order_holds', 'reason'],
  ['return_authorizations', 'reason_note'],
];

export interface VaultCheck {
  /** Vault PII columns whose type is not bytea (must be empty). */
  nonByteaColumns: string[];
  /** Live values without a valid header of their row's key version (must be 0). */
  malformedValues: number;
  /** Live records sampled, and of them those that decrypted under the organization's key. */
  sampled: number;
  decrypted: number;
  /** Sampled records that another key or another organization's context could also decrypt (must be 0). */
  decryptableElsewhere: number;
  /** Sampled buyers whose values were found in clear outside the vault (must be 0). */
  plaintextOutsideVault: number;
  ok: boolean;
}

const decrypts = (fn: () => unknown): boolean => {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof DecryptionError) return false;
    throw error;
  }
};

export async function checkVault(tx: TenantTx, organizationId: string): Promise<VaultCheck> {
  const columns = PII_FIELDS.map((f) => f.column);
  const typed = await tx.$queryRaw<{ column_name: string; data_type: string }[]>`
    SELECT column_name::text, data_type::text FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = ${PII_TABLE} AND column_name = ANY(${columns}::text[])`;
  const nonByteaColumns = columns.filter(
    (c) => typed.find((t) => t.column_name === c)?.data_type !== 'bytea',
  );

  const values = Prisma.join(columns.map((c) => Prisma.sql`(${Prisma.raw(`r.${c}`)})`));
  const [malformed] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n
      FROM pii_records r, LATERAL (VALUES ${values}) AS v(c)
     WHERE r.organization_id = ${organizationId}::uuid AND r.anonymised_at IS NULL AND v.c IS NOT NULL
       AND (length(v.c) < ${MIN_CIPHERTEXT_BYTES} OR get_byte(v.c, 0) <> 1
            OR substring(v.c FROM 2 FOR 4) <> int4send(r.key_version))`;

  const sample = await tx.$queryRaw<PiiRow[]>`
    SELECT ${Prisma.raw(PII_ROW_COLUMNS)} FROM pii_records
     WHERE organization_id = ${organizationId}::uuid AND anonymised_at IS NULL
       AND restricted_at IS NULL AND NOT canary
     ORDER BY random() LIMIT ${VAULT_SAMPLE_SIZE}`;
  const keys = tenantKeys();
  const keyRows = await keys.findUsableKeys(
    tx,
    organizationId,
    'buyer-pii',
    sample.map((r) => r.key_version),
  );
  const usable = sample.filter((r) => keyRows.has(r.key_version));
  const foreignOrganization = randomUUID();
  const foreignKey = randomBytes(32);
  const fieldUses = usable.reduce((n, r) => n + presentFields(r).length, 0);
  const results = await withBuyerPiiSubkeys(
    keys,
    [...keyRows.values()],
    (resolve) =>
      usable.map((row) => {
        const fields = presentFields(row);
        const own = (version: number) =>
          version === row.key_version ? resolve(version)?.fieldKey : undefined;
        let plain: string[] = [];
        const ok = decrypts(() => {
          const out = decryptPiiFields(own, organizationId, row, fields);
          plain = [out.name, out.email, out.phone, out.addressLine1]
            .filter((v): v is string => typeof v === 'string' && v.trim().length >= MIN_SEARCH_LENGTH)
            .map((v) => v.trim().toLowerCase());
        });
        const elsewhere = fields.some(
          (field) =>
            decrypts(() => decryptPiiFields(own, foreignOrganization, row, [field])) ||
            decrypts(() => decryptPiiFields(() => foreignKey, organizationId, row, [field])),
        );
        return { ok, elsewhere, plain };
      }),
    Math.max(fieldUses, 1),
  );

  // Only the listed columns that (still) hold text: one that moved into ciphertext has nothing to find.
  const textColumns = await tx.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name::text, column_name::text FROM information_schema.columns
     WHERE table_schema = current_schema() AND data_type = 'text'
       AND (table_name::text || '.' || column_name::text) = ANY(${FREE_TEXT_COLUMNS.map((c) => c.join('.'))}::text[])`;
  let plaintextOutsideVault = 0;
  for (const { plain } of results) {
    if (plain.length === 0 || textColumns.length === 0) continue;
    const probes = textColumns.map(
      (c) => Prisma.sql`EXISTS (SELECT 1 FROM ${Prisma.raw(c.table_name)} t, unnest(${plain}::text[]) v
         WHERE t.organization_id = ${organizationId}::uuid
           AND strpos(lower(t.${Prisma.raw(c.column_name)}), v) > 0)`,
    );
    const [found] = await tx.$queryRaw<{ hit: boolean }[]>`SELECT (${Prisma.join(probes, ' OR ')}) AS hit`;
    if (found?.hit) plaintextOutsideVault += 1;
  }

  const decrypted = results.filter((r) => r.ok).length;
  const decryptableElsewhere = results.filter((r) => r.elsewhere).length;
  const check = {
    nonByteaColumns,
    malformedValues: malformed?.n ?? 0,
    sampled: sample.length,
    decrypted,
    decryptableElsewhere,
    plaintextOutsideVault,
  };
  return {
    ...check,
    ok:
      nonByteaColumns.length === 0 &&
      check.malformedValues === 0 &&
      decrypted === sample.length &&
      decryptableElsewhere === 0 &&
      plaintextOutsideVault === 0,
  };
}
