// Erasure of buyer PII in the vault (the privacy engine's anonymiser and DSR "erase now"): every
// encrypted column and blind index becomes NULL and anonymised_at is set — the non-reversible
// placeholder (the vault then answers GONE; screens show ANONYMISED_PLACEHOLDER). The ciphertexts
// and HMACs are gone from the row, so nothing decryptable or matchable is left, whatever happens
// to the keys later. Set-based: one statement per call, inside the caller's tenant transaction.
import { Prisma } from '../db/generated/prisma/client.ts';
import type { TenantTx } from '../db/tenant.ts';
import { PII_FIELDS } from './schemas.ts';

/** What a screen, export or document shows in place of an erased value. */
export const ANONYMISED_PLACEHOLDER = '[anonymised]';

/** The SET list that erases a vault row (used by set-based UPDATEs). */
export function eraseSetClause(now: Date): Prisma.Sql {
  const cleared = PII_FIELDS.map((f) => `"${f.column}" = NULL`).join(', ');
  return Prisma.sql`${Prisma.raw(cleared)}, email_index = NULL, phone_index = NULL, postcode_index = NULL,
    blind_index_key_version = NULL, anonymised_at = ${now}, updated_at = ${now}`;
}

/**
 * Erases the given vault records (already anonymised ones are left as they are) and marks the
 * orders pointing at them ANONYMISED, in one statement. Returns the erased record ids.
 */
export async function eraseBuyerPiiRecords(
  tx: TenantTx,
  organizationId: string,
  recordIds: readonly string[],
  now: Date,
): Promise<string[]> {
  if (recordIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH erased AS (
      UPDATE pii_records SET ${eraseSetClause(now)}
       WHERE organization_id = ${organizationId}::uuid
         AND id = ANY(${[...recordIds]}::uuid[])
         AND anonymised_at IS NULL
      RETURNING id
    ), marked AS (
      UPDATE orders SET pii_status = 'ANONYMISED', updated_at = ${now}
       WHERE organization_id = ${organizationId}::uuid
         AND pii_record_id IN (SELECT id FROM erased)
      RETURNING id
    )
    SELECT id::text AS id FROM erased`;
  return rows.map((r) => r.id);
}
