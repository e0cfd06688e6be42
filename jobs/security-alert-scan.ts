// security.alert-scan: one security event checked for alerts to its organizations' owners and
// admins (lib/security/detect-security-alerts.ts). A failure throws and BullMQ retries; an alert
// already raised is debounced, so a retry never sends it twice.
import type { JobPayload } from '../lib/jobs/registry.ts';
import { scanSecurityEvent } from '../lib/security/detect-security-alerts.ts';
import type { JobContext } from './context.ts';

export async function runSecurityAlertScan(
  payload: JobPayload<'security.alert-scan'>,
  ctx: JobContext,
): Promise<void> {
  const alerts = await scanSecurityEvent(payload.securityEventId, { now: new Date() });
  if (alerts.length > 0) ctx.logger.warn({ alerts: alerts.map((a) => a.action) }, 'security alerts raised');
}
