// Account termination (privacy promise: "order transactional data deleted when the merchant's
// account is terminated"), run by the worker when an owner's request has passed its grace period
// (lib/privacy/termination-requests.ts, docs/decisions/0012-termination-and-account-deletion.md).
//
// Order of work, so that no failure leaves a half-terminated tenant:
// 1. One tenant transaction deletes every row of the organization's orders and everything that
//    hangs off them (pick lists, shipments, label files, returns, allocations, history), buyer
//    PII, marketplace and carrier credentials and integrations, webhooks, members, invitations,
//    API clients, DSR records and retention runs — children before parents, so no RESTRICT
//    foreign key can stop it half-way — and marks the organization SUSPENDED. It commits all of
//    it or nothing.
// 2. Only then are the data keys destroyed (crypto-shredding, lib/crypto/destroy-organization-keys.ts):
//    any ciphertext left anywhere, backups included, becomes undecryptable. Destroying them first
//    would leave, on a failed step 1, a tenant whose rows still exist but can never be read.
// 3. The termination is audited with both counts.
// A retry after a failure at any point finishes the job: every step is idempotent.
//
// Kept, on purpose: the audit chain (12-month retention, expired by the retention rule; ids only,
// no PII), the organization row as a tombstone (its id is what audit rows point at), the
// termination request (ids and times), and the append-only inventory ledger with its catalogue,
// warehouses and stock levels (no personal data; the ledger refuses deletes by design,
// docs/decisions/0005-stock-ledger.md).
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { destroyOrganizationKeys } from '../crypto/destroy-organization-keys.ts';
import { withTenant } from '../db/tenant.ts';

/** Deleted in this order (children before parents). */
export const TERMINATION_TABLES = [
  'shipment_labels',
  'shipment_items',
  'shipments',
  'return_refunds',
  'return_receipts',
  'return_authorizations',
  'pick_list_lines',
  'pick_list_orders',
  'pick_lists',
  'stock_allocations',
  'order_status_events',
  'order_lines',
  'orders',
  'pii_records',
  'channel_listings',
  'channel_sync_runs',
  'amazon_integrations',
  'shipping_rules',
  'carrier_accounts',
  'security_webhook_deliveries',
  'security_webhooks',
  'credentials',
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
      return counts;
    },
    { timeout: 300_000 },
  );
  const { destroyed } = await destroyOrganizationKeys(organizationId);
  await withTenant(organizationId, (tx) =>
    recordAuditEvent(tx, {
      organizationId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'organization.terminated',
      targetType: 'organization',
      targetId: organizationId,
      metadata: {
        keysDestroyed: destroyed,
        rowsDeleted: Object.values(deleted).reduce((a, b) => a + b, 0),
        orders: deleted.orders ?? 0,
        vaultRecords: deleted.pii_records ?? 0,
      },
    }),
  );
  return { keysDestroyed: destroyed, deleted };
}
