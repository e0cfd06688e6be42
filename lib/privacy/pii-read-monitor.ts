// Anomalous PII reads (privacy engine §6/§7): buyer PII is read a page of packing slips at a time
// (PII_READ_BATCH_MAX per call, each call audited as `pii.read` with its record count). This
// monitor sums, per actor, the records read in a sliding window from those audit events; an actor
// above the threshold raises a security event (`pii.anomalous_read_volume`, global table, ids and
// counts only) and an audit event in the organization's chain, once per actor per window.
// Detection, not prevention: the hard per-call bound lives in the vault.
import { z } from 'zod';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import { withTenant } from '../db/tenant.ts';
import { raiseSecurityEvent } from './security-notifier.ts';

export const PII_READ_WINDOW_MINUTES = 60;
/** Records per actor per window above which reading looks like an export. */
export const PII_READ_THRESHOLD = 500;
export const ANOMALOUS_PII_READ_ACTION = 'pii.anomalous_read_volume';

export interface PiiReadAlert {
  actorType: string;
  actorId: string | null;
  records: number;
}

export async function scanPiiReadVolume(
  organizationIdInput: string,
  options: { now: Date; windowMinutes?: number; threshold?: number },
): Promise<PiiReadAlert[]> {
  const organizationId = z.uuid().parse(organizationIdInput);
  const windowMinutes = options.windowMinutes ?? PII_READ_WINDOW_MINUTES;
  const threshold = options.threshold ?? PII_READ_THRESHOLD;
  const since = new Date(options.now.getTime() - windowMinutes * 60_000);
  const alerts = await withTenant(organizationId, async (tx) => {
    const rows = await tx.$queryRaw<{ actor_type: string; actor_id: string | null; records: number }[]>`
      SELECT actor_type::text AS actor_type, actor_id::text AS actor_id,
             sum(coalesce((metadata->>'records')::int, 1))::int AS records
        FROM audit_events
       WHERE organization_id = ${organizationId}::uuid AND action = 'pii.read'
         AND at > ${since} AND at <= ${options.now}
       GROUP BY actor_type, actor_id
      HAVING sum(coalesce((metadata->>'records')::int, 1)) > ${threshold}`;
    const raised: PiiReadAlert[] = [];
    for (const row of rows) {
      // Once per actor per window.
      const already = await tx.auditEvent.count({
        where: {
          organizationId,
          action: 'security.anomalous_pii_reads',
          actorId: row.actor_id,
          at: { gt: since },
        },
      });
      if (already > 0) continue;
      await recordAuditEvent(tx, {
        organizationId,
        actorType: row.actor_type as 'USER',
        actorId: row.actor_id,
        action: 'security.anomalous_pii_reads',
        targetType: 'organization',
        targetId: organizationId,
        metadata: { records: row.records, windowMinutes, threshold },
      });
      raised.push({ actorType: row.actor_type, actorId: row.actor_id, records: row.records });
    }
    return raised;
  });
  for (const alert of alerts) {
    await raiseSecurityEvent({
      organizationId,
      action: ANOMALOUS_PII_READ_ACTION,
      severity: 'medium',
      userId: alert.actorType === 'USER' ? alert.actorId : null,
      metadata: { actorType: alert.actorType, records: alert.records, windowMinutes, threshold },
      summary: `A ${alert.actorType.toLowerCase()} (id ${alert.actorId ?? 'unknown'}) read ${alert.records} buyer records in ${windowMinutes} minutes (threshold ${threshold}).`,
    });
  }
  return alerts;
}
