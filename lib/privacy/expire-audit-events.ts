// Audit events older than 12 months expire (retention rule EXPIRE_AUDIT_EVENTS). The delete goes
// through audit_events_purge() (migration *_privacy_engine_rules), the one reviewed exception to
// the append-only trigger: it refuses any cutoff younger than 12 months (by the database clock),
// removes only a prefix of the organization's chain and always keeps the newest event, so
// verifyAuditChain anchors at the first retained event.
import { withTenant } from '../db/tenant.ts';
import { auditCutoff } from './retention-policy.ts';

export async function expireAuditEvents(
  organizationId: string,
  options: { now: Date },
): Promise<{ expired: number }> {
  const cutoff = auditCutoff(options.now);
  return withTenant(
    organizationId,
    async (tx) => {
      const [row] = await tx.$queryRaw<
        { n: bigint }[]
      >`SELECT audit_events_purge(${cutoff}::timestamptz) AS n`;
      return { expired: Number(row?.n ?? 0n) };
    },
    { timeout: 120_000 },
  );
}
