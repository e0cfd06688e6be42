// When an order was completed — the start of the PII retention clock. Packline has no DELIVERED
// status yet, so completion is the first SHIPPED status event, else (no history) the order's own
// channel timestamp while SHIPPED, else cancelled_at, else the channel timestamp while CANCELLED.
// Stored in orders.completed_at (set once, never moved) so the anonymiser's partial index
// (orders_pii_due) finds due orders without scanning. Set-based, inside the caller's transaction.
import type { TenantTx } from '../db/tenant.ts';

/** Fills completed_at for completed orders that have none yet. Returns how many were set. */
export async function stampOrderCompletion(tx: TenantTx, organizationId: string): Promise<number> {
  return tx.$executeRaw`
    UPDATE orders o
       SET completed_at = c.at
      FROM (
        SELECT o2.id,
               COALESCE(
                 (SELECT min(e.occurred_at) FROM order_status_events e
                   WHERE e.organization_id = o2.organization_id AND e.order_id = o2.id
                     AND e.status = 'SHIPPED'),
                 CASE WHEN o2.status = 'SHIPPED' THEN o2.channel_updated_at END,
                 o2.cancelled_at,
                 CASE WHEN o2.status = 'CANCELLED' THEN o2.channel_updated_at END
               ) AS at
          FROM orders o2
         WHERE o2.organization_id = ${organizationId}::uuid
           AND o2.completed_at IS NULL
           AND o2.status IN ('SHIPPED', 'CANCELLED')
      ) c
     WHERE o.organization_id = ${organizationId}::uuid AND o.id = c.id AND c.at IS NOT NULL`;
}
