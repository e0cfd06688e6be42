// Finds a buyer's vault records by email, phone or postcode without decrypting anything: the
// value is normalised and HMACed with the organization's blind-index subkey(s) — derived from the
// buyer-pii data key (lib/crypto/buyer-pii-keys.ts) — and matched against the stored indexes
// (lib/crypto/blind-index.ts). For data-subject requests (`privacy.dsr`): the caller then reads
// the records it needs with readBuyerPiiForDsr (purpose dsr-export).
//
// During a buyer-pii rotation rows carry either version's indexes until the re-encryption job has
// recomputed them, so the value is indexed under every non-retired version. A lookup reveals
// whether someone is a buyer, so it is audited too (field names and the match count only).
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { blindIndex, type TBlindIndexKind } from '../crypto/blind-index.ts';
import { withBuyerPiiSubkeys } from '../crypto/buyer-pii-keys.ts';
import { withTenant } from '../db/tenant.ts';
import { tenantKeys } from '../crypto/tenant-keys.ts';
import { AppError } from '../errors/app-error.ts';
import { assertPermission, type TenantContext } from '../tenancy/tenant-context.ts';
import { ZFindBuyerPiiInput, type TFindBuyerPiiInput } from './schemas.ts';

/** At most this many record ids per lookup. */
export const FIND_BUYER_PII_MAX = 500;

export async function findBuyerPiiRecords(ctx: TenantContext, input: TFindBuyerPiiInput): Promise<string[]> {
  assertPermission(ctx, 'privacy.dsr');
  const parsed = ZFindBuyerPiiInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'give an email, phone or postcode');
  const criteria = (['email', 'phone', 'postcode'] as const satisfies readonly TBlindIndexKind[]).filter(
    (kind) => parsed.data[kind] !== undefined,
  );
  const { organizationId } = ctx;
  const keys = tenantKeys();
  const audited = async (ids: string[]): Promise<string[]> => {
    await withTenant(organizationId, (tx) =>
      recordAuditEvent(tx, {
        organizationId,
        actorType: ctx.actor.type,
        actorId: ctx.actor.id,
        ip: ctx.ip,
        requestId: ctx.requestId,
        action: 'pii.searched',
        targetType: 'pii_record',
        purpose: 'dsr-export',
        metadata: { fields: criteria, matches: ids.length },
      }),
    );
    return ids;
  };

  const keyRows = await withTenant(organizationId, async (tx) => {
    const versions = await tx.$queryRaw<{ version: number }[]>`
      SELECT version FROM data_keys
       WHERE organization_id = ${organizationId}::uuid AND purpose = 'buyer-pii' AND status <> 'RETIRED'`;
    return keys.findUsableKeys(
      tx,
      organizationId,
      'buyer-pii',
      versions.map((v) => v.version),
    );
  });

  // Per kind: the index under each usable version. A value normalising to nothing matches nothing.
  const indexes = { email: [] as Buffer[], phone: [] as Buffer[], postcode: [] as Buffer[] };
  await withBuyerPiiSubkeys(keys, [...keyRows.values()], (resolve) => {
    for (const row of keyRows.values()) {
      const key = resolve(row.version)!.indexKey;
      for (const kind of criteria) {
        const index = blindIndex(key, kind, parsed.data[kind]!);
        if (index) indexes[kind].push(index);
      }
    }
  });
  if (criteria.some((kind) => indexes[kind].length === 0)) return audited([]);

  const rows = await withTenant(
    organizationId,
    (tx) =>
      tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM pii_records
       WHERE organization_id = ${organizationId}::uuid AND anonymised_at IS NULL
         AND (${criteria.includes('email')} = false OR email_index = ANY(${indexes.email}::bytea[]))
         AND (${criteria.includes('phone')} = false OR phone_index = ANY(${indexes.phone}::bytea[]))
         AND (${criteria.includes('postcode')} = false OR postcode_index = ANY(${indexes.postcode}::bytea[]))
       ORDER BY id
       LIMIT ${FIND_BUYER_PII_MAX}`,
  );
  return audited(rows.map((r) => r.id));
}
