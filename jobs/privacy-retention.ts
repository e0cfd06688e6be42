// privacy.retention: one retention pass for one organization (lib/privacy/run-retention.ts), with
// progress { rule, done, total }. Safe to kill at any point: every batch commits on its own, so a
// retry (stalled-job recovery or the next attempt) continues where it stopped.
// privacy.retention-sweep (daily): one privacy.retention job per organization, with a per-day id
// so a second sweep on the same day adds nothing.
// privacy.expire-security-logs (daily): platform-wide security and operator logs past their
// retention (lib/privacy/expire-security-logs.ts).
import { enqueue, jobIdFor, type JobPayload } from '../lib/jobs/registry.ts';
import { expireSecurityLogs } from '../lib/privacy/expire-security-logs.ts';
import { listRetentionOrganizationIds } from '../lib/privacy/list-retention-organizations.ts';
import { scanPiiReadVolume } from '../lib/privacy/pii-read-monitor.ts';
import { runRetentionPass } from '../lib/privacy/run-retention.ts';
import type { JobContext } from './context.ts';

export async function runPrivacyRetention(
  payload: JobPayload<'privacy.retention'>,
  ctx: JobContext,
): Promise<void> {
  const result = await runRetentionPass(payload.organizationId, {
    now: new Date(),
    signal: ctx.signal,
    onProgress: (progress) => ctx.job.updateProgress(progress),
  });
  ctx.logger.info({ organizationId: payload.organizationId, result }, 'retention pass finished');
}

export async function runPrivacyRetentionSweep(
  _payload: JobPayload<'privacy.retention-sweep'>,
  ctx: JobContext,
): Promise<void> {
  const day = new Date().toISOString().slice(0, 10);
  const ids = await listRetentionOrganizationIds();
  for (const organizationId of ids) {
    await enqueue(
      'privacy.retention',
      { organizationId },
      { jobId: jobIdFor('privacy.retention', organizationId, day) },
    );
  }
  ctx.logger.info({ organizations: ids.length }, 'retention sweep enqueued');
}

export async function runPiiReadScan(
  _payload: JobPayload<'privacy.pii-read-scan'>,
  ctx: JobContext,
): Promise<void> {
  const now = new Date();
  let alerts = 0;
  for (const organizationId of await listRetentionOrganizationIds()) {
    alerts += (await scanPiiReadVolume(organizationId, { now })).length;
  }
  if (alerts > 0) ctx.logger.warn({ alerts }, 'anomalous PII read volume: security events raised');
}

export async function runExpireSecurityLogs(
  _payload: JobPayload<'privacy.expire-security-logs'>,
  ctx: JobContext,
): Promise<void> {
  const result = await expireSecurityLogs({ now: new Date() });
  ctx.logger.info(result, 'security logs expired');
}
