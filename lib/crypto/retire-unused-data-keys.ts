// Retires an organization's superseded (DECRYPT_ONLY) data keys that no row uses any more: status
// RETIRED and the wrapped key erased, so the old version can never decrypt anything again (a
// backup restored later included). Run by the re-encryption job once it has moved every row.
//
// Safe against writers: rows are only ever written under the ACTIVE version, and a rotation
// cannot commit while a writer still holds the old ACTIVE row FOR SHARE (tenant-keys.ts), so
// every row written under an old version is committed before the job was enqueued.
import { Prisma } from '../db/generated/prisma/client.ts';
import { withTenant } from '../db/tenant.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { DATA_KEY_USAGE } from './data-key-usage.ts';
import type { TDataKeyPurpose } from './key-provider.ts';

export async function retireUnusedDataKeys(
  organizationId: string,
  purpose: TDataKeyPurpose,
): Promise<number[]> {
  const unused = DATA_KEY_USAGE[purpose]
    .map(
      ({ table, versionColumn, liveCondition }) => Prisma.sql`NOT EXISTS (
        SELECT 1 FROM ${Prisma.raw(`"${table}"`)} t
         WHERE t.organization_id = k.organization_id AND t.${Prisma.raw(`"${versionColumn}"`)} = k.version
           ${liveCondition ? Prisma.raw(`AND t.${liveCondition}`) : Prisma.empty})`,
    )
    .reduce((all, clause) => Prisma.sql`${all} AND ${clause}`);
  return withTenant(organizationId, async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; version: number }[]>`
      UPDATE data_keys k
         SET status = 'RETIRED', wrapped_key = NULL, retired_at = now()
       WHERE k.organization_id = ${organizationId}::uuid AND k.purpose = ${purpose}::data_key_purpose
         AND k.status = 'DECRYPT_ONLY' AND ${unused}
      RETURNING k.id, k.version`;
    const versions = rows.map((r) => r.version).sort((a, b) => a - b);
    for (const row of rows) {
      await recordAuditEvent(tx, {
        organizationId,
        actorType: 'SYSTEM',
        action: 'data_key.retired',
        targetType: 'data_key',
        targetId: row.id,
        metadata: { keyPurpose: purpose, version: row.version },
      });
    }
    return versions;
  });
}
