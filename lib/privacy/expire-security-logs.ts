// Security and operator logs expire like audit events (docs/privacy-conformance.md, promise 6):
// security_events and operator_audit_events older than SECURITY_LOG_RETENTION_MONTHS (never
// fewer than 12) are deleted by the daily `privacy.expire-security-logs` job. Both tables are
// append-only for the app and system roles; the delete goes through security_logs_purge()
// (migration *_log_expiry_rules), which refuses a cutoff younger than 12 months by the database
// clock, whatever the setting or the caller's clock says
// (docs/decisions/0014-security-log-expiry-and-pseudonyms.md).
import { appDb } from '../db/client.ts';
import { getEnv } from '../env.ts';
import { monthsBefore } from './retention-policy.ts';

export interface SecurityLogExpiry {
  cutoff: Date;
  securityEvents: number;
  operatorAuditEvents: number;
}

export async function expireSecurityLogs(options: { now: Date }): Promise<SecurityLogExpiry> {
  const cutoff = monthsBefore(options.now, getEnv().SECURITY_LOG_RETENTION_MONTHS);
  const [row] = await appDb().$queryRaw<{ security_events: bigint; operator_audit_events: bigint }[]>`
    SELECT security_events, operator_audit_events FROM security_logs_purge(${cutoff}::timestamptz)`;
  return {
    cutoff,
    securityEvents: Number(row?.security_events ?? 0n),
    operatorAuditEvents: Number(row?.operator_audit_events ?? 0n),
  };
}
