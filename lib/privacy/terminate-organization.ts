// Account termination (privacy promise: "order transactional data deleted when the merchant's
// account is terminated"). First crypto-shredding — every data key of the organization destroyed
// (lib/crypto/destroy-organization-keys.ts), so any ciphertext left anywhere, backups included,
// is undecryptable — then, in one tenant transaction, every row of the organization's orders and
// their history, buyer PII, marketplace credentials and integrations, members, invitations, API
// clients, DSR records and retention runs is deleted, and the organization is SUSPENDED.
//
// Kept, on purpose: the audit chain (12-month retention, expired by the retention rule; ids only,
// no PII), the organization row as a tombstone (its id is what audit rows point at), and the
// append-only inventory ledger with its catalogue (no personal data; the ledger refuses deletes by
// design, docs/decisions/0005-stock-ledger.md). Idempotent: a second call deletes nothing more.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { destroyOrganizationKeys } from '../crypto/destroy-organization-keys.ts';
import { withTenant } from '../db/tenant.ts';

/** Deleted in this order (children before parents). */
export const TERMINATION_TABLES = [
  'credentials',
  'pii_records',
  'stock_allocations',
  'order_status_events',
  'order_lines',
  'orders',
  'channel_sync_runs',
  'amazon_integrations',
  'data_subject_requests',
  'retention_runs',
  'api_refresh_tokens',
  'api_clients',
  'break_glass_grants',
  'invitations',
  'memberships',
] as const;

export async function terminateOrganization(
  organizationIdInput: string,
  actor: { type: 'OPERATOR' | 'SYSTEM'; id: string | null },
): Promise<{ keysDestroyed: number; deleted: Record<string, number> }> {
  const organizationId = z.uuid().parse(organizationIdInput);
  const { destroyed } = await destroyOrganizationKeys(organizationId);
  const deleted = await withTenant(
    organizationId,
    async (tx) => {
      const counts: Record<string, number> = {};
      for (const table of TERMINATION_TABLES) {
        counts[table] = await tx.$executeRawUnsafe(
          `DELETE FROM "${table}" WHERE organization_id = $1::uuid`,
          organizationId,
        );
      }
      await tx.organization.update({ where: { id: organizationId }, data: { status: 'SUSPENDED' } });
      await recordAuditEvent(tx, {
        organizationId,
        actorType: actor.type,
        actorId: actor.id,
        action: 'organization.terminated',
        targetType: 'organization',
        targetId: organizationId,
        metadata: {
          keysDestroyed: destroyed,
          rowsDeleted: Object.values(counts).reduce((a, b) => a + b, 0),
          orders: counts.orders ?? 0,
          vaultRecords: counts.pii_records ?? 0,
        },
      });
      return counts;
    },
    { timeout: 300_000 },
  );
  return { keysDestroyed: destroyed, deleted };
}
